"""``stadt360 demo_data --seed N --scale S [--reset]``: fictitious, seeded demo offers."""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stadt360.demo.events import ensure_demo_events
from stadt360.demo.generator import DemoDataExists, generate_demo_data


class Command(BaseCommand):
    help = (
        "Generate fictitious demo providers and offers (jobs, flats, Kitas, schools) for Gera, "
        "and a year of the innovation centre's events. "
        "Same seed, same rows. Refuses when demo data exists unless --reset is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Multiplies all counts (default 1)."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete existing demo rows first (source=demo, demo providers).",
        )

    def handle(
        self, *args: object, seed: int, scale: float, reset: bool, **options: object
    ) -> None:
        started = time.perf_counter()
        try:
            report = generate_demo_data(seed=seed, scale=scale, reset=reset)
        except DemoDataExists as error:
            raise CommandError(str(error)) from error
        except (LookupError, ValueError) as error:
            raise CommandError(str(error)) from error
        report.created |= ensure_demo_events(seed=seed)
        if report.deleted:
            self.stdout.write("Deleted: " + counts_line(report.deleted))
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Created demo data (seed {seed}, scale {scale:g}) in {seconds:.1f} s: "
            + counts_line(report.created)
        )


def counts_line(counts: dict[str, int]) -> str:
    return ", ".join(f"{label} {count}" for label, count in counts.items())
