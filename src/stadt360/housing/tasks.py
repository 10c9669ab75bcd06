"""Background work for flats: thin task wrappers around services."""

from django.tasks import task

from stadt360.core.offers import refresh_offers


@task()
def refresh_flats_task(*, ids: list[int]) -> int:
    """Recomputes derived data (the district of the position) of these flats."""
    return refresh_offers(kind="flat", ids=ids)
