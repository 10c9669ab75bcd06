"""One FilterSet for the company directory page and the API.

The radius filter needs a centre: a district (``near``) or a point (``lat`` and ``lon``).
"""

from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from stadt360.core.models import District

from . import industries
from .choices import SizeClass, category_choices
from .models import Product, Site
from .selectors import within_km

RADIUS_CHOICES = [(str(km), _("%(km)s km") % {"km": km}) for km in (1, 2, 5, 10, 20, 50)]


def district_queryset(request: Any = None) -> QuerySet:
    return District.objects.filter(region__slug=settings.STADT360_REGION).order_by("name")


class CompanyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search term"), method="filter_text", max_length=100)
    industry = django_filters.ChoiceFilter(
        label=_("Industry"), choices=industries.sections, method="filter_industry"
    )
    district = django_filters.ModelChoiceFilter(
        label=_("District"),
        queryset=district_queryset,
        to_field_name="slug",
        method="filter_district",
    )
    size = django_filters.ChoiceFilter(
        label=_("Size"), field_name="size_class", choices=SizeClass.choices
    )
    category = django_filters.ChoiceFilter(
        label=_("Products and services"), choices=category_choices, method="filter_category"
    )
    apprenticeships = django_filters.BooleanFilter(
        label=_("Offers apprenticeships"), field_name="offers_apprenticeships"
    )
    open_jobs = django_filters.BooleanFilter(label=_("Has open jobs"), field_name="has_open_jobs")
    near = django_filters.ChoiceFilter(
        label=_("Around the district"),
        choices=lambda: list(district_queryset().values_list("slug", "name")),
        method="keep",
    )
    radius_km = django_filters.TypedChoiceFilter(
        label=_("Within"), choices=RADIUS_CHOICES, coerce=int, method="keep"
    )
    lat = django_filters.NumberFilter(label=_("Latitude"), method="keep", widget=forms.HiddenInput)
    lon = django_filters.NumberFilter(label=_("Longitude"), method="keep", widget=forms.HiddenInput)

    def keep(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        """Parts of the radius filter; ``filter_queryset`` combines them."""
        return queryset

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        products = Product.objects.filter(company=OuterRef("pk")).filter(
            Q(name__icontains=value) | Q(description__icontains=value)
        )
        return queryset.filter(
            Q(provider__name__icontains=value)
            | Q(description__icontains=value)
            | Q(wz_label__icontains=value)
            | Exists(products)
        )

    def filter_industry(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value.isdigit():
            return queryset.filter(wz_code__startswith=value)
        return queryset.filter(wz_section=value)

    def filter_district(self, queryset: QuerySet, name: str, value: District) -> QuerySet:
        sites = Site.objects.filter(company=OuterRef("pk"), district=value)
        return queryset.filter(Q(provider__district=value) | Exists(sites))

    def filter_category(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Exists(Product.objects.filter(company=OuterRef("pk"), category=value))
        )

    def centre(self) -> tuple[float, float] | None:
        data = self.form.cleaned_data
        if data.get("lat") is not None and data.get("lon") is not None:
            return float(data["lat"]), float(data["lon"])
        if not data.get("near"):
            return None
        district = district_queryset().filter(slug=data["near"]).first()
        return (district.latitude, district.longitude) if district else None

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        radius = self.form.cleaned_data.get("radius_km")
        centre = self.centre() if radius else None
        if centre is None:
            return queryset
        return within_km(queryset, latitude=centre[0], longitude=centre[1], km=radius)
