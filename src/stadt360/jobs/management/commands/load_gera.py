"""``stadt360 load_gera``: Gera's reference data (region, postcodes, Ortsteile, KldB 2010).

It lives in ``jobs`` because it also loads the occupations, and core imports no domain
app. Idempotent: a second run creates nothing and changes nothing. Regenerate the shipped
compact KldB file from the official BA export with::

    stadt360 load_gera --kldb-from KldB2010_V2020_Gliederung_mit_Erlaeuterung.csv \\
        --write-compact-kldb src/stadt360/core/data/kldb2010.csv
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stadt360.core.data.reference import load_region_reference
from stadt360.jobs.occupations import (
    COMPACT_KLDB_PATH,
    load_occupations,
    read_compact,
    read_official_export,
    write_compact,
)


class Command(BaseCommand):
    help = "Load Gera's region, postcode areas, districts and the KldB 2010 occupations."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kldb-from",
            type=Path,
            help="Read occupations from the official BA KldB 2010 CSV instead of the shipped copy.",
        )
        parser.add_argument(
            "--write-compact-kldb",
            type=Path,
            help="Also write the compact code;level;title file (the one shipped with the app).",
        )

    def handle(
        self,
        *args: object,
        kldb_from: Path | None,
        write_compact_kldb: Path | None,
        **options: object,
    ) -> None:
        entries = self._read_kldb(kldb_from)  # before any write: a bad path changes nothing
        reference = load_region_reference(slug="gera")
        self.stdout.write(
            f"Region {reference.region.name}: "
            f"{'created' if reference.region_created else 'refreshed'}; "
            f"postcode areas {reference.postcodes_total} ({reference.postcodes_created} new); "
            f"districts {reference.districts_total} ({reference.districts_created} new, "
            "placed at postcode centroids, positions not verified)."
        )
        if write_compact_kldb is not None:
            written = write_compact(entries, write_compact_kldb)
            self.stdout.write(f"Wrote {written} KldB entries to {write_compact_kldb}.")
        result = load_occupations(entries=entries)
        self.stdout.write(
            f"Occupations (KldB 2010): {result.total} in all, "
            f"{result.created} new, {result.updated} updated."
        )

    def _read_kldb(self, path: Path | None) -> list:
        if path is None:
            return read_compact(COMPACT_KLDB_PATH)
        if not path.is_file():
            raise CommandError(f"KldB file not found: {path}")
        try:
            return read_official_export(path)
        except (ValueError, KeyError, IndexError) as error:
            raise CommandError(f"{path} is not a KldB 2010 export: {error}") from error
