"""Every user-visible string has German, and every prose page exists in every language.

The msgids are extracted from the sources exactly as ``makemessages`` does (this needs
GNU gettext's ``xgettext``), into a temporary directory so the test never touches the
committed catalogue; then each extracted msgid must have a non-empty, non-fuzzy German
translation in ``src/stadt360/locale/de/LC_MESSAGES/django.po``. Missing strings are
listed with the file they come from: add them to ``docs/i18n/<area>.de.tsv`` and run
``python scripts/i18n_merge.py --compile``.
"""

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

PACKAGE = Path(settings.BASE_DIR)
CATALOGUE = PACKAGE / "locale" / "de" / "LC_MESSAGES" / "django.po"
PROSE = PACKAGE / "public" / "templates" / "public" / "content"


def not_source(directory: str, names: list[str]) -> set[str]:
    """Only what makemessages reads (Python, templates); never locale/ or built assets."""
    skipped = {"locale", "vendor", "node_modules", "__pycache__"}
    return {
        name
        for name in names
        if name in skipped
        or (not name.endswith((".py", ".html", ".txt")) and not Path(directory, name).is_dir())
    }


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> polib.POFile:
    if not shutil.which("xgettext"):
        reason = "GNU gettext (xgettext) is not installed: apt-get install gettext"
        if os.environ.get("STADT360_REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    # makemessages writes into any ``locale/`` directory next to the sources it scans,
    # so it runs on a copy of the sources: the committed catalogue stays untouched.
    sources = tmp_path_factory.mktemp("sources") / "stadt360"
    shutil.copytree(PACKAGE, sources, ignore=not_source)
    locale_dir = tmp_path_factory.mktemp("locale")
    cwd = Path.cwd()
    os.chdir(sources)
    try:
        with override_settings(LOCALE_PATHS=[locale_dir]):
            call_command("makemessages", locale=["de"], add_location="file", verbosity=0)
    finally:
        os.chdir(cwd)
    return polib.pofile(str(locale_dir / "de" / "LC_MESSAGES" / "django.po"))


def test_sources_contain_strings(extracted: polib.POFile) -> None:
    assert len(extracted) > 100  # guards against an extraction that silently found nothing


def test_every_string_has_german(extracted: polib.POFile) -> None:
    catalogue = polib.pofile(str(CATALOGUE))
    missing = []
    for entry in extracted:
        translated = catalogue.find(entry.msgid, msgctxt=entry.msgctxt or False)
        if translated is None or not translated.translated() or translated.fuzzy:
            where = ", ".join(sorted({path for path, _line in entry.occurrences}))
            missing.append(f"{entry.msgid!r} ({where})")
    assert not missing, f"{len(missing)} strings without German:\n" + "\n".join(missing)


def test_catalogue_has_no_fuzzy_entries_and_a_german_header() -> None:
    catalogue = polib.pofile(str(CATALOGUE))
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert catalogue.metadata["Language"] == "de"
    assert "nplurals=2" in catalogue.metadata["Plural-Forms"]


def test_placeholders_survive_translation() -> None:
    """A German string that drops ``%(name)s`` would crash or lose information at run time."""
    catalogue = polib.pofile(str(CATALOGUE))
    broken = []
    for entry in catalogue.translated_entries():
        for german in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            if "python-format" in entry.flags and _placeholders(entry.msgid) != _placeholders(
                german
            ):
                broken.append(entry.msgid)
    assert not broken


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\(\w+\)[sd]", text))


def test_prose_pages_exist_in_every_language() -> None:
    names = {path.name.split(".")[0] for path in PROSE.glob("*.html")}
    assert names >= {"imprint", "privacy", "accessibility", "easy_language"}
    for name in names:
        for code, _label in settings.LANGUAGES:
            assert (PROSE / f"{name}.{code}.html").is_file(), f"{name}.{code}.html is missing"
