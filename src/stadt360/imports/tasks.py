"""Background work of imports: thin task wrappers around the services."""

from django.tasks import task

from .models import ImportRun


@task()
def run_import_task(*, run_id: int) -> str:
    """Runs a queued import; returns its final status."""
    from .services import run_import

    run = ImportRun.objects.select_related("provider", "source").get(pk=run_id)
    return run_import(run=run, by=run.started_by).status


@task()
def send_offer_reminders_task() -> int:
    """E-mails providers about expiring and stale offers; returns how many e-mails went out."""
    from .reminders import send_offer_reminders

    return send_offer_reminders().emails


@task()
def purge_import_files_task() -> int:
    """Deletes uploaded feed files past their retention period; returns how many."""
    from .retention import purge_import_files

    return purge_import_files()
