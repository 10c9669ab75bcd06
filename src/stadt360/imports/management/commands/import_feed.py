from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stadt360.imports import reading
from stadt360.imports.adapters.base import Feed, FeedRejected, Options
from stadt360.imports.models import FeedFormat, ImportRun, RunStatus
from stadt360.imports.services import report, run_import
from stadt360.providers.models import Provider


class Command(BaseCommand):
    help = (
        "Imports a feed file or http(s) address for a provider now and prints the report. "
        "Exits with 1 when the file as a whole was rejected or the run failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file_or_url")
        parser.add_argument("--provider", required=True, help="the provider's slug")
        parser.add_argument("--format", default="auto", choices=FeedFormat.values)
        parser.add_argument(
            "--full", action="store_true", help="full feed: withdraw missing offers"
        )
        parser.add_argument("--mapping", default="", help="CSV preset name, e.g. jenawohnen")

    def handle(self, *args: object, **options: object) -> None:
        provider = Provider.objects.filter(slug=options["provider"]).first()
        if provider is None:
            raise CommandError(f"No provider with the slug {options['provider']!r}.")
        target = str(options["file_or_url"])
        is_url = target.startswith(("http://", "https://"))
        content = None
        if not is_url:
            content = read_file(Path(target))
        run = ImportRun.objects.create(
            provider=provider,
            format=str(options["format"]),
            full_feed=bool(options["full"]),
            file_name="" if is_url else Path(target).name,
            url=target if is_url else "",
        )
        parser = None
        if options["mapping"]:
            parser = with_preset(str(options["mapping"]))
        try:
            run_import(run=run, content=content, parser=parser)
        except Exception as error:
            self.stdout.write(report(run))
            raise CommandError(f"The import failed: {error}") from error
        self.stdout.write(report(run))
        if run.status in (RunStatus.REJECTED, RunStatus.FAILED):
            raise CommandError("The file was rejected.", returncode=1)


def read_file(path: Path) -> bytes:
    """The file's bytes; a missing, unreadable or oversized file is one line, not a traceback."""
    if not path.is_file():
        raise CommandError(f"No such file: {path}")
    try:
        reading.check_size(path.stat().st_size)
        with path.open("rb") as stream:
            return reading.read_limited(stream)
    except FeedRejected as error:
        raise CommandError(error.message) from None
    except OSError as error:
        raise CommandError(f"The file cannot be read: {error.strerror or error}") from None


def with_preset(preset: str) -> Callable[..., Feed]:
    """``parse_feed`` with a CSV column-mapping preset (a run without a feed source)."""
    from stadt360.imports.adapters import parse_feed

    def parse(content: bytes, *, format: str, options: Options) -> Feed:
        options.column_mapping = {"preset": preset}
        return parse_feed(content, format=format, options=options)

    return parse
