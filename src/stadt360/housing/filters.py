"""The one FilterSet for flat lists: the HTML list page and ``GET /api/v1/flats`` both use it."""

import datetime
from decimal import Decimal

import django_filters as filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from stadt360.core.filters import district_filter, postcode_filter

from .models import Flat, FlatQuerySet, PetPolicy

MAX_RENT = 20_000


class FlatFilterSet(filters.FilterSet):
    min_rooms = filters.NumberFilter(
        field_name="rooms",
        lookup_expr="gte",
        label=_("At least rooms"),
        min_value=0,
        max_value=20,
        decimal_places=1,
    )
    max_rooms = filters.NumberFilter(
        field_name="rooms",
        lookup_expr="lte",
        label=_("At most rooms"),
        min_value=0,
        max_value=20,
        decimal_places=1,
    )
    max_warm_rent = filters.NumberFilter(
        method="filter_max_warm_rent",
        label=_("Warm rent at most (€/month)"),
        help_text=_("Cold rent plus service and heating costs."),
        min_value=0,
        max_value=MAX_RENT,
        decimal_places=2,
    )
    min_space = filters.NumberFilter(
        field_name="living_space",
        lookup_expr="gte",
        label=_("Living space at least (m²)"),
        min_value=0,
        max_value=1000,
        decimal_places=2,
    )
    balcony = filters.BooleanFilter(widget=BooleanWidget, label=_("Balcony or terrace"))
    lift = filters.BooleanFilter(widget=BooleanWidget, label=_("Lift"))
    step_free = filters.BooleanFilter(widget=BooleanWidget, label=_("Step-free access"))
    pets = filters.BooleanFilter(
        widget=BooleanWidget,
        method="filter_pets",
        label=_("Pets"),
        help_text=_("Yes: pets allowed or on request; no: flats that allow no pets."),
    )
    wbs_required = filters.BooleanFilter(
        widget=BooleanWidget,
        label=_("Housing entitlement certificate (WBS) required"),
        help_text=_("No: only flats you can rent without a WBS."),
    )
    available_by = filters.DateFilter(
        method="filter_available_by",
        label=_("Available at the latest on"),
        help_text=_("Flats without a date are available now and are included."),
    )
    district = district_filter()
    postcode = postcode_filter()

    class Meta:
        model = Flat
        fields: list[str] = []

    def filter_max_warm_rent(
        self, queryset: FlatQuerySet, name: str, value: Decimal
    ) -> FlatQuerySet:
        return queryset.warm_rent_at_most(value)

    def filter_pets(self, queryset: FlatQuerySet, name: str, value: bool) -> FlatQuerySet:
        if value:
            return queryset.exclude(pets=PetPolicy.NOT_ALLOWED)
        return queryset.filter(pets=PetPolicy.NOT_ALLOWED)

    def filter_available_by(
        self, queryset: FlatQuerySet, name: str, value: datetime.date
    ) -> FlatQuerySet:
        return queryset.filter(Q(available_from__isnull=True) | Q(available_from__lte=value))
