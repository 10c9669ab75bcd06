"""Background work for jobs: thin task wrappers around services."""

from django.tasks import task

from stadt360.offers.services import refresh_offers
from stadt360.search.maintenance import reindex_objects


@task()
def refresh_jobs_task(*, ids: list[int]) -> int:
    """Recomputes derived data (the district of the position) and search entries of these jobs."""
    placed = refresh_offers(kind="job", ids=ids)
    # Bulk imports write without per-object signals: keep the search index in step here.
    reindex_objects("job", ids)
    return placed
