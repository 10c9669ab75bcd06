"""Reads of published Kitas, shaped for lists and details (the HTML pages and the API)."""

from .models import Kita, KitaQuerySet


def kita_list() -> KitaQuerySet:
    """Published Kitas; opening hours and free places come in one extra query each per page,
    because every list row shows them."""
    return (
        Kita.objects.published()
        .select_related("provider", "district")
        .prefetch_related("opening_hours", "free_places")
    )
