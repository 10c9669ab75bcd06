"""Resumes or closes import runs whose worker died (the supervisor runs it at worker start)."""

from django.core.management.base import BaseCommand

from stadt360.imports.lifecycle import recover_stale_runs


class Command(BaseCommand):
    help = (
        "Finds import runs whose worker stopped (lease expired, or the process is gone) and "
        "queues them again to resume, or closes them as failed with a line in their report."
    )

    def handle(self, *args: object, **options: object) -> None:
        runs = recover_stale_runs()
        for run in runs:
            self.stdout.write(f"import run {run.pk}: {run.status} after {run.processed} records")
        self.stdout.write(f"{len(runs)} interrupted import runs recovered")
