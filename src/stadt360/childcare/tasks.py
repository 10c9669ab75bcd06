"""Background work for kitas: thin task wrappers around services."""

from django.tasks import task

from stadt360.core.offers import refresh_offers


@task()
def refresh_kitas_task(*, ids: list[int]) -> int:
    """Recomputes derived data (the district of the position) of these kitas."""
    return refresh_offers(kind="kita", ids=ids)
