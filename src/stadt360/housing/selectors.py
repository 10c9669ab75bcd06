"""Reads of published flats, shaped for lists and details (the HTML pages and the API)."""

from .models import Flat, FlatQuerySet


def flat_list() -> FlatQuerySet:
    """Published flats with provider and district joined, so a page costs one query."""
    return Flat.objects.published().select_related("provider", "district")
