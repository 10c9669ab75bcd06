"""Merge the German translations engineers list in ``docs/i18n/*.de.tsv`` into the catalogue.

Each engineer owns the strings of their paths; they write them with German into a TSV
file instead of editing the shared ``.po`` at the same time as everybody else. This
script is the one writer of ``src/stadt360/locale/de/LC_MESSAGES/django.po``.

TSV format (UTF-8, one string per line, ``#`` starts a comment line)::

    English msgid<TAB>German
    %(n)s result<TAB>%(n)s Ergebnis<TAB>%(n)s Ergebnisse      # plural: singular, plural
    month<TAB>Mon.<TAB><TAB>context=abbreviation               # optional 4th column: msgctxt

``\\n`` and ``\\t`` inside a cell stand for a newline and a tab. A header row whose first
cell is ``msgid`` is skipped. With ``--extract`` the catalogue is first refreshed from the
sources (``makemessages``, needs GNU gettext's ``xgettext``); with ``--compile`` the
``.mo`` files are built afterwards (pure Python).

Usage: ``python scripts/i18n_merge.py [--extract] [--compile] [TSV ...]``
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "stadt360"
PO_PATH = PACKAGE / "locale" / "de" / "LC_MESSAGES" / "django.po"
TSV_DIR = ROOT / "docs" / "i18n"
EXTRACT_IGNORES = ("public/static/vendor/*", "*/node_modules/*")


@dataclass(frozen=True)
class Row:
    source: str
    msgid: str
    german: str
    german_plural: str
    context: str


def unescape(cell: str) -> str:
    return cell.replace("\\n", "\n").replace("\\t", "\t")


def parse_row(source: str, line: str) -> Row | None:
    """One TSV line as a row, or None for blank, comment and header lines."""
    if not line.strip() or line.startswith("#"):
        return None
    cells = [unescape(cell) for cell in line.rstrip("\n").split("\t")]
    if cells[0] == "msgid":
        return None
    if len(cells) < 2 or not cells[1].strip():
        raise SystemExit(f"{source}: no German for {cells[0]!r}")
    cells += [""] * (4 - len(cells))
    context = cells[3].removeprefix("context=")
    return Row(
        source=source, msgid=cells[0], german=cells[1], german_plural=cells[2], context=context
    )


def read_rows(paths: list[Path]) -> list[Row]:
    rows = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if row := parse_row(path.name, line):
                rows.append(row)
    return rows


def apply_row(catalogue: polib.POFile, row: Row) -> str:
    """Write one translation into the catalogue; return what happened (for the report)."""
    entry = catalogue.find(row.msgid, msgctxt=row.context or False)
    if entry is None:
        # Not (or no longer) in the sources, or only the plural half of a plural string:
        # adding it would make an entry makemessages does not know (and msgmerge rejects).
        print(f"i18n: {row.source}: {row.msgid!r} is not a msgid in the sources – skipped")
        return "skipped"
    state = "updated"
    if entry.msgid_plural:
        new = {0: row.german, 1: row.german_plural or row.german}
        previous = entry.msgstr_plural.get(0, "")
        unchanged = entry.msgstr_plural == new
        entry.msgstr_plural = new
    else:
        previous = entry.msgstr
        unchanged = entry.msgstr == row.german
        entry.msgstr = row.german
    if previous and not unchanged:
        # Two areas translating one msgid differently: the later file wins; say so.
        print(f"i18n: {row.source}: {row.msgid!r} changed from {previous!r} to {row.german!r}")
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
        unchanged = False
    return "unchanged" if unchanged and state == "updated" else state


def extract() -> None:
    """Refresh the catalogue from the sources, keeping existing translations."""
    ignores = [arg for pattern in EXTRACT_IGNORES for arg in ("--ignore", pattern)]
    options = ["-l", "de", "--add-location=file", "--no-obsolete", *ignores]
    command = [sys.executable, "-m", "stadt360.manage", "makemessages", *options]
    subprocess.run(
        command, cwd=PACKAGE, check=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")}
    )
    drop_fuzzy_guesses(polib.pofile(str(PO_PATH), wrapwidth=100))


def drop_fuzzy_guesses(catalogue: polib.POFile) -> None:
    """Empty the German that msgmerge guessed from a similar string ("fuzzy").

    Guesses are often wrong ("Back to the list" → "Zurück zur Startseite"); a gap that
    the translation test reports is better than a wrong word on the page.
    """
    for entry in catalogue.fuzzy_entries():
        entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        if entry.msgid_plural:
            entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
        else:
            entry.msgstr = ""
    catalogue.save(str(PO_PATH))


def set_header(catalogue: polib.POFile) -> None:
    """makemessages writes a fuzzy template header; a real catalogue names its language."""
    catalogue.metadata_is_fuzzy = False
    catalogue.metadata["Project-Id-Version"] = "Stadt360"
    catalogue.metadata["Language"] = "de"
    catalogue.metadata["Language-Team"] = "German"


def untranslated(catalogue: polib.POFile) -> list[str]:
    return [
        entry.msgid
        for entry in catalogue
        if not entry.obsolete and (not entry.translated() or entry.fuzzy)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tsv", nargs="*", type=Path, help="TSV files (default: docs/i18n/*.de.tsv)")
    parser.add_argument(
        "--extract", action="store_true", help="run makemessages first (needs xgettext)"
    )
    parser.add_argument("--compile", action="store_true", help="build the .mo file afterwards")
    args = parser.parse_args(argv)
    if args.extract:
        extract()
    catalogue = polib.pofile(str(PO_PATH), wrapwidth=100)
    # Obsolete (#~) entries only shadow real ones; the sources are the truth.
    catalogue[:] = [entry for entry in catalogue if not entry.obsolete and entry.occurrences]
    rows = read_rows(args.tsv or sorted(TSV_DIR.glob("*.de.tsv")))
    report: dict[str, int] = {}
    for row in rows:
        state = apply_row(catalogue, row)
        report[state] = report.get(state, 0) + 1
    set_header(catalogue)
    catalogue.save(str(PO_PATH))
    print(f"i18n: {len(rows)} rows merged into {PO_PATH.relative_to(ROOT)}: {report}")
    if missing := untranslated(catalogue):
        print(f"i18n: {len(missing)} strings still without German, e.g. {missing[:5]}")
    if args.compile:
        catalogue.save_as_mofile(str(PO_PATH.with_suffix(".mo")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
