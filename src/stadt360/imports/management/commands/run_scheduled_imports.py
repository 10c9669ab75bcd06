from django.core.management.base import BaseCommand

from stadt360.imports.lifecycle import recover_stale_runs
from stadt360.imports.services import start_scheduled_imports


class Command(BaseCommand):
    help = (
        "Queues an import for every active feed source whose schedule is due (run hourly); "
        "first resumes or closes runs whose worker stopped."
    )

    def handle(self, *args: object, **options: object) -> None:
        recovered = recover_stale_runs()
        runs = start_scheduled_imports()
        if recovered:
            self.stdout.write(f"{len(recovered)} interrupted import runs recovered")
        self.stdout.write(f"{len(runs)} imports queued")
