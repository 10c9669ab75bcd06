from django.core.management.base import BaseCommand

from stadt360.imports.services import start_scheduled_imports


class Command(BaseCommand):
    help = "Queues an import for every active feed source whose schedule is due (run hourly)."

    def handle(self, *args: object, **options: object) -> None:
        runs = start_scheduled_imports()
        self.stdout.write(f"{len(runs)} imports queued")
