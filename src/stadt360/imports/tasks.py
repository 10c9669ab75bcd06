"""Background work of imports: thin task wrappers around the services."""

from django.tasks import task

from .models import ImportRun


@task()
def run_import_task(*, run_id: int) -> str:
    """Runs a queued import; returns its final status."""
    from .services import run_import

    run = ImportRun.objects.select_related("provider", "source").get(pk=run_id)
    return run_import(run=run, by=run.started_by).status
