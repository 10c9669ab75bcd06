"""Reads of published schools, shaped for lists and details (the HTML pages and the API)."""

from .models import School, SchoolQuerySet


def school_list() -> SchoolQuerySet:
    """Published schools with provider and district joined, so a page costs one query."""
    return School.objects.published().select_related("provider", "district")
