from typing import Any

from django.core.management.base import BaseCommand

from stadt360.events.services import run_periodic
from stadt360.events.tasks import events_periodic_task


class Command(BaseCommand):
    help = (
        "Passes waiting-list offers that ran out to the next person and queues the reminders "
        "for tomorrow's dates (run every few minutes; scripts/worker.sh does)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--enqueue", action="store_true", help="run as a background task")

    def handle(self, *args: Any, enqueue: bool = False, **options: Any) -> None:
        if enqueue:
            result = events_periodic_task.enqueue()
            self.stdout.write(f"Enqueued task {result.id}.")
            return
        for key, count in run_periodic().items():
            self.stdout.write(f"{key}: {count}")
