"""The one FilterSet for job lists: the HTML list page and ``GET /api/v1/jobs`` both use it.

Every filter validates its value (ranges, patterns, choices), so a bad query string is
a form error the caller can show, never a database error.
"""

import datetime
from decimal import Decimal

import django_filters as filters
from django.core.validators import RegexValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from stadt360.core.filters import district_filter, postcode_filter

from .models import EmploymentType, Job, JobQuerySet

MAX_SALARY = 100_000


class JobFilterSet(filters.FilterSet):
    q = filters.CharFilter(
        method="filter_keyword",
        label=_("Keyword"),
        help_text=_("Searched in title, description and skills, ignoring case."),
        max_length=100,
    )
    occupation = filters.CharFilter(
        field_name="occupation__code",
        lookup_expr="startswith",
        label=_("Occupation (KldB code)"),
        help_text=_("A KldB 2010 code or its beginning, e.g. 813 for nursing."),
        validators=[RegexValidator(r"^\d{1,5}$", _("Enter 1 to 5 digits of a KldB code."))],
    )
    employment_type = filters.ChoiceFilter(
        choices=EmploymentType.choices, label=_("Employment type")
    )
    min_salary = filters.NumberFilter(
        method="filter_min_salary",
        label=_("Gross monthly salary at least (€)"),
        min_value=0,
        max_value=MAX_SALARY,
        decimal_places=0,
    )
    min_hours = filters.NumberFilter(
        field_name="weekly_hours",
        lookup_expr="gte",
        label=_("At least hours per week"),
        min_value=0,
        max_value=60,
        decimal_places=1,
    )
    max_hours = filters.NumberFilter(
        field_name="weekly_hours",
        lookup_expr="lte",
        label=_("At most hours per week"),
        min_value=0,
        max_value=60,
        decimal_places=1,
    )
    start_before = filters.DateFilter(
        method="filter_start_before",
        label=_("Start at the latest on"),
        help_text=_("Jobs without a start date start immediately and are included."),
    )
    district = district_filter()
    postcode = postcode_filter()
    remote = filters.BooleanFilter(
        widget=BooleanWidget,
        method="filter_remote",
        label=_("Remote work possible"),
        help_text=_("Yes: some work from home; no: on site only."),
    )

    class Meta:
        model = Job
        fields: list[str] = []

    def filter_keyword(self, queryset: JobQuerySet, name: str, value: str) -> JobQuerySet:
        # skills is a JSON list; icontains on it matches inside the serialised list on
        # SQLite and PostgreSQL alike, which ``contains`` (containment) cannot on SQLite.
        if not value.strip():
            return queryset
        value = value.strip()
        return queryset.filter(
            Q(title__icontains=value) | Q(description__icontains=value) | Q(skills__icontains=value)
        )

    def filter_min_salary(self, queryset: JobQuerySet, name: str, value: Decimal) -> JobQuerySet:
        return queryset.paying_at_least(int(value))

    def filter_start_before(
        self, queryset: JobQuerySet, name: str, value: datetime.date
    ) -> JobQuerySet:
        return queryset.filter(Q(start_date__isnull=True) | Q(start_date__lte=value))

    def filter_remote(self, queryset: JobQuerySet, name: str, value: bool) -> JobQuerySet:
        return queryset.filter(remote_share__gt=0) if value else queryset.filter(remote_share=0)
