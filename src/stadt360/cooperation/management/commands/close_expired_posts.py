from typing import Any

from django.core.management.base import BaseCommand

from stadt360.cooperation.services import close_expired_posts


class Command(BaseCommand):
    help = "Closes cooperation posts whose valid-until day has passed."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{close_expired_posts()} posts closed.")
