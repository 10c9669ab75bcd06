from typing import Any

from django.core.management.base import BaseCommand

from stadt360.accounts.privacy import retention_rules
from stadt360.accounts.services import apply_retention
from stadt360.accounts.tasks import apply_retention_task


class Command(BaseCommand):
    help = "Deletes or anonymises personal data past its storage period (run daily)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--enqueue", action="store_true", help="run as a background task")

    def handle(self, *args: Any, enqueue: bool = False, **options: Any) -> None:
        if enqueue:
            result = apply_retention_task.enqueue()
            self.stdout.write(f"Enqueued task {result.id}.")
            return
        days = {rule.key: rule.days for rule in retention_rules()}
        for key, count in apply_retention().items():
            self.stdout.write(f"{key}: {count} (older than {days[key]} days)")
