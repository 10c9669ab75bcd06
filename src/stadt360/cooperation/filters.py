"""One FilterSet for the cooperation board page and the API."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from stadt360.companies import industries

from .choices import Direction, PostType


class PostFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search term"), method="filter_text", max_length=100)
    post_type = django_filters.ChoiceFilter(label=_("Type"), choices=PostType.choices)
    direction = django_filters.ChoiceFilter(label=_("Need or offer"), choices=Direction.choices)
    industry = django_filters.ChoiceFilter(
        label=_("Industry"), choices=industries.sections, method="filter_industry"
    )

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(title__icontains=value)
            | Q(text__icontains=value)
            | Q(provider__name__icontains=value)
        )

    def filter_industry(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Posts about this industry, or of a company in it."""
        return queryset.filter(Q(wz_section=value) | Q(wz_section="", company__wz_section=value))
