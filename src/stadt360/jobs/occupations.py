"""KldB 2010 (revision 2020) occupations: read the BA export, ship a compact copy, load it.

The official export of the Bundesagentur für Arbeit (BA) went through a spreadsheet
somewhere on its way: the keys lost their leading zeros (``1104`` is ``01104``). A key
on level *n* has exactly *n* digits, so the level tells how many zeros to restore.
The installed app ships a compact ``code;level;title`` file, so it works without the
4 MB original; ``stadt360 load_gera --kldb-from PATH`` reads the original instead.
"""

import csv
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .models import Occupation

COMPACT_KLDB_PATH = Path(__file__).resolve().parent.parent / "core" / "data" / "kldb2010.csv"
COMPACT_HEADER = ("code", "level", "title")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class KldbEntry:
    code: str
    level: int
    title: str

    @property
    def parent_code(self) -> str | None:
        """Parents are found by prefix: 01104 → 0110 → 011 → 01 → 0."""
        return self.code[: self.level - 1] if self.level > 1 else None


def restore_code(raw_key: str, level: int) -> str:
    """Give a key back the leading zeros a spreadsheet took away (level n = n digits)."""
    key = raw_key.strip()
    if not key.isdigit() or not 1 <= level <= 5 or len(key) > level:
        raise ValueError(f"not a KldB 2010 key on level {level}: {raw_key!r}")
    return key.zfill(level)


def clean_text(value: str) -> str:
    """Unescape HTML entities (``&nbsp;``) and fold line breaks and runs of spaces."""
    return _WHITESPACE.sub(" ", html.unescape(value).replace("\xa0", " ")).strip()


def read_official_export(path: Path) -> list[KldbEntry]:
    """Parse the BA CSV (UTF-8 with BOM, ``;``, multi-line fields, a trailing empty column)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle, delimiter=";")
        next(rows)  # header: Schlüssel KldB 2010, V. 2020;Ebene;Titel;Kurztitel;…
        entries = [
            KldbEntry(
                code=restore_code(row[0], int(row[1])), level=int(row[1]), title=clean_text(row[2])
            )
            for row in rows
            if row and row[0].strip()
        ]
    return check_hierarchy(entries)


def read_compact(path: Path = COMPACT_KLDB_PATH) -> list[KldbEntry]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter=";")
        return [KldbEntry(row["code"], int(row["level"]), row["title"]) for row in rows]


def write_compact(entries: Iterable[KldbEntry], path: Path) -> int:
    """Write the shipped ``code;level;title`` file; returns the number of rows written."""
    rows = sorted(entries, key=lambda entry: entry.code)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\n")
        writer.writerow(COMPACT_HEADER)
        writer.writerows((entry.code, entry.level, entry.title) for entry in rows)
    return len(rows)


def check_hierarchy(entries: list[KldbEntry]) -> list[KldbEntry]:
    """Refuse a file with duplicate keys or an entry whose parent is missing."""
    codes = [entry.code for entry in entries]
    if len(set(codes)) != len(codes):
        raise ValueError("the KldB file holds duplicate keys")
    known = set(codes)
    orphans = [e.code for e in entries if e.parent_code is not None and e.parent_code not in known]
    if orphans:
        raise ValueError(f"KldB keys without a parent: {', '.join(orphans[:5])}")
    return entries


@dataclass(frozen=True, slots=True)
class OccupationLoadResult:
    created: int
    updated: int
    total: int


def load_occupations(*, entries: list[KldbEntry]) -> OccupationLoadResult:
    """Create missing occupations and update changed ones; running it twice changes nothing.

    New rows are created level by level, so each already knows its parent and the
    first load needs no second pass over 2,195 rows.
    """
    check_hierarchy(entries)
    with transaction.atomic():
        by_code = {occupation.code: occupation for occupation in Occupation.objects.all()}
        created = 0
        for level in range(1, 6):
            new = [
                Occupation(
                    code=e.code,
                    level=e.level,
                    title=e.title,
                    parent=by_code[e.parent_code] if e.parent_code else None,
                )
                for e in entries
                if e.level == level and e.code not in by_code
            ]
            Occupation.objects.bulk_create(new, batch_size=500)
            by_code.update((occupation.code, occupation) for occupation in new)
            created += len(new)
        changed = _apply_entries(entries, by_code)
        Occupation.objects.bulk_update(changed, ["level", "title", "parent"], batch_size=500)
    return OccupationLoadResult(created=created, updated=len(changed), total=len(by_code))


def _apply_entries(entries: list[KldbEntry], by_code: dict[str, Occupation]) -> list[Occupation]:
    changed = []
    for entry in entries:
        occupation = by_code[entry.code]
        parent_id = by_code[entry.parent_code].pk if entry.parent_code else None
        wanted = (entry.level, entry.title, parent_id)
        if (occupation.level, occupation.title, occupation.parent_id) != wanted:
            occupation.level, occupation.title, occupation.parent_id = wanted
            changed.append(occupation)
    return changed
