"""``stadt360 setup_demo``: the first-start command behind ``make run``.

Loads Gera's reference data and the life-situation catalogue (both idempotent) and generates the demo data only when none
exists yet, so running it on every start never duplicates or replaces anything. The demo
events (``demo.events``) are added on their own when missing, so a database set up before
they existed gets them too.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from stadt360.demo.events import ensure_demo_events
from stadt360.demo.generator import demo_data_exists
from stadt360.demo.site import seed_site

from .demo_data import counts_line


class Command(BaseCommand):
    help = "Load Gera's reference data and, if there is no demo data yet, generate it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed for demo_data (default 1)."
        )
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Scale for demo_data (default 1)."
        )

    def handle(self, *args: object, seed: int, scale: float, **options: object) -> None:
        call_command("load_gera", stdout=self.stdout, stderr=self.stderr)
        call_command("load_situations", stdout=self.stdout, stderr=self.stderr)
        # The editorial page tree (centre, news, legal pages) must exist even with old demo data.
        self.stdout.write(f"Editorial pages ready; {seed_site()} demo news items added.")
        if demo_data_exists():
            self.stdout.write(
                "Demo data exists already; left unchanged (use `demo_data --reset` to replace it)."
            )
            if created := ensure_demo_events(seed=seed):
                self.stdout.write("Added the demo events: " + counts_line(created))
            return
        call_command("demo_data", seed=seed, scale=scale, stdout=self.stdout, stderr=self.stderr)
        # Demo rows are bulk-created, which the index's on-commit hooks do not see.
        call_command("rebuild_search_index", stdout=self.stdout, stderr=self.stderr)
