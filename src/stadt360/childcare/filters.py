"""The one FilterSet for Kita lists: the HTML list page and ``GET /api/v1/kitas`` both use it."""

import datetime
from decimal import Decimal
from typing import Any

import django_filters as filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from stadt360.core.filters import district_filter

from .models import Concept, Kita, KitaQuerySet, OpeningHours, Weekday

WORKING_DAYS = (
    Weekday.MONDAY,
    Weekday.TUESDAY,
    Weekday.WEDNESDAY,
    Weekday.THURSDAY,
    Weekday.FRIDAY,
)


class KitaFilterForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("from_date") and cleaned.get("age_months") is None:
            self.add_error("from_date", _("Give the child's age in months as well."))
        return cleaned


def working_day_hours() -> Any:
    return OpeningHours.objects.filter(kita=OuterRef("pk"), weekday__in=WORKING_DAYS)


class KitaFilterSet(filters.FilterSet):
    age_months = filters.NumberFilter(
        method="filter_free_places",
        label=_("Child's age (months)"),
        help_text=_(
            "Kitas with a free place for a child of this age, from today or from the date needed."
        ),
        min_value=0,
        max_value=180,
        decimal_places=0,
    )
    from_date = filters.DateFilter(
        method="filter_read_with_age",
        label=_("Place needed from"),
        help_text=_("Only together with the child's age."),
    )
    opens_by = filters.TimeFilter(
        method="filter_opens_by",
        label=_("Opens at the latest at"),
        help_text=_("Opens at this time or earlier on every working day it is open."),
    )
    closes_after = filters.TimeFilter(
        method="filter_closes_after",
        label=_("Closes at the earliest at"),
        help_text=_("Closes at this time or later on every working day it is open."),
    )
    concept = filters.ChoiceFilter(choices=Concept.choices, label=_("Concept"))
    language = filters.CharFilter(
        method="filter_language",
        label=_("Language (ISO code)"),
        validators=[RegexValidator(r"^[a-z]{2,3}$", _("Enter an ISO language code, e.g. en."))],
    )
    inclusive = filters.BooleanFilter(widget=BooleanWidget, label=_("Inclusive care"))
    district = district_filter()

    class Meta:
        model = Kita
        fields: list[str] = []
        form = KitaFilterForm

    def filter_free_places(self, queryset: KitaQuerySet, name: str, value: Decimal) -> KitaQuerySet:
        date = self.form.cleaned_data.get("from_date") or timezone.localdate()
        return queryset.with_free_places(int(value), date)

    def filter_read_with_age(
        self, queryset: KitaQuerySet, name: str, value: datetime.date
    ) -> KitaQuerySet:
        # from_date has no meaning alone; filter_free_places reads it.
        return queryset

    def filter_opens_by(
        self, queryset: KitaQuerySet, name: str, value: datetime.time
    ) -> KitaQuerySet:
        # Parents need the time on every working day, so one late morning excludes the Kita.
        late = working_day_hours().filter(opens__gt=value)
        return queryset.filter(Exists(working_day_hours()), ~Exists(late))

    def filter_closes_after(
        self, queryset: KitaQuerySet, name: str, value: datetime.time
    ) -> KitaQuerySet:
        early = working_day_hours().filter(closes__lt=value)
        return queryset.filter(Exists(working_day_hours()), ~Exists(early))

    def filter_language(self, queryset: KitaQuerySet, name: str, value: str) -> KitaQuerySet:
        # languages is a JSON list of codes; matching the quoted code works on SQLite and
        # PostgreSQL alike (JSON containment is not available on SQLite).
        return queryset.filter(languages__icontains=f'"{value}"')
