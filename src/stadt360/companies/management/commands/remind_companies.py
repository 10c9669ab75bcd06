from typing import Any

from django.core.management.base import BaseCommand

from stadt360.companies.services import remind_stale_companies
from stadt360.companies.tasks import remind_stale_companies_task


class Command(BaseCommand):
    help = "Reminds companies whose profile was not updated for six months to check it."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--enqueue", action="store_true", help="run as a background task")

    def handle(self, *args: Any, enqueue: bool = False, **options: Any) -> None:
        if enqueue:
            result = remind_stale_companies_task.enqueue()
            self.stdout.write(f"Enqueued task {result.id}.")
            return
        count = remind_stale_companies()
        self.stdout.write(f"{count} companies reminded.")
