"""Background work of the accounts app: the daily storage limits."""

from django.tasks import task

from .services import apply_retention


@task()
def apply_retention_task() -> dict[str, int]:
    """Deletes or anonymises personal data past its storage period (run daily)."""
    return apply_retention()
