"""Background work for schools: thin task wrappers around services."""

from django.tasks import task

from stadt360.core.offers import refresh_offers


@task()
def refresh_schools_task(*, ids: list[int]) -> int:
    """Recomputes derived data (the district of the position) of these schools."""
    return refresh_offers(kind="school", ids=ids)
