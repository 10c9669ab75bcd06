"""``stadt360 load_situations [FILE ...]``: check and load life-situation catalogue files."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stadt360.situations.catalogue import CatalogueError
from stadt360.situations.services import DATA_DIR, load_catalogue


class Command(BaseCommand):
    help = f"Load life situations from JSON catalogue files (default: every file in {DATA_DIR})."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", type=Path, help="catalogue files (JSON)")

    def handle(self, *args: Any, files: list[Path], **options: Any) -> None:
        try:
            report = load_catalogue(paths=files or None)
        except CatalogueError as error:
            problems = "\n".join(f"  - {problem}" for problem in error.errors)
            raise CommandError(f"Nothing was loaded; fix these problems:\n{problems}") from error
        for path in report.files:
            self.stdout.write(f"checked {path}")
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS("catalogue loaded" if report.changed else "catalogue unchanged")
        )
