"""Background work for jobs: thin task wrappers around services."""

from django.tasks import task

from stadt360.core.offers import refresh_offers


@task()
def refresh_jobs_task(*, ids: list[int]) -> int:
    """Recomputes derived data (the district of the position) of these jobs."""
    return refresh_offers(kind="job", ids=ids)
