"""Background work for flats: thin task wrappers around services."""

from django.tasks import task

from stadt360.offers.services import refresh_offers
from stadt360.search.maintenance import reindex_objects


@task()
def refresh_flats_task(*, ids: list[int]) -> int:
    """Recomputes derived data (the district of the position) and search entries of these flats."""
    placed = refresh_offers(kind="flat", ids=ids)
    # Bulk imports write without per-object signals: keep the search index in step here.
    reindex_objects("flat", ids)
    return placed
