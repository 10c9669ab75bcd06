"""The one FilterSet for school lists: the HTML list page and ``GET /api/v1/schools`` use it."""

from decimal import Decimal

import django_filters as filters
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from stadt360.core.filters import district_filter

from .models import School, SchoolQuerySet, SchoolType


class SchoolFilterSet(filters.FilterSet):
    school_type = filters.ChoiceFilter(choices=SchoolType.choices, label=_("Type of school"))
    grade = filters.NumberFilter(
        method="filter_grade",
        label=_("Grade"),
        help_text=_("Schools that teach this grade (1–13)."),
        min_value=1,
        max_value=13,
        decimal_places=0,
    )
    all_day_care = filters.BooleanFilter(
        widget=BooleanWidget, label=_("All-day care (Hort/Ganztag)")
    )
    district = district_filter()

    class Meta:
        model = School
        fields: list[str] = []

    def filter_grade(self, queryset: SchoolQuerySet, name: str, value: Decimal) -> SchoolQuerySet:
        return queryset.teaching_grade(int(value))
