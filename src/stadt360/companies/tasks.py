"""Background work for company profiles: thin task wrappers around services."""

from django.tasks import task

from .services import remind_stale_companies


@task()
def remind_stale_companies_task() -> int:
    """Reminds companies whose profile was not updated for six months (run daily)."""
    return remind_stale_companies()
