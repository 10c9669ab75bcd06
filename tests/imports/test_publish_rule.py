"""Imports obey the publish rule: an unverified provider's offers land as drafts.

Adapters ask for ``status=published``; the write services keep an unverified provider's
offers drafts, and the run's report says so in one line per batch (German, for the clerk).
Covers the bulk path (flats), the per-item path (Kitas with nested rows), the
``import_feed`` command and scheduled imports (``run_scheduled_imports``).
"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from stadt360.childcare.models import Kita
from stadt360.core.choices import OfferStatus
from stadt360.housing.models import Flat
from stadt360.imports.models import FeedSource, ImportRun, IssueLevel, RunStatus
from stadt360.imports.services import report
from tests.imports.conftest import import_bytes, openimmo
from tests.imports.test_commands import local_server  # noqa: F401  (fixture)
from tests.imports.test_kitas_schools import template

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def unverify(provider) -> None:
    provider.verified = False
    provider.save(update_fields=["verified"])


def held_back_line(run: ImportRun) -> str:
    issue = run.issues.get(code="unverified")
    assert issue.level == IssueLevel.WARNING
    with translation.override("de"):
        return report(run)


def test_feed_of_an_unverified_provider_lands_as_drafts(landlord) -> None:
    unverify(landlord)
    run = import_bytes(openimmo(3), landlord)
    assert (run.status, run.created) == (RunStatus.SUCCEEDED, 3)
    assert set(Flat.objects.values_list("status", flat=True)) == {OfferStatus.DRAFT}
    assert "3 Angebote wurden als Entwürfe gespeichert" in held_back_line(run)


def test_reimport_after_verification_was_withdrawn_takes_offers_off_the_pages(landlord) -> None:
    import_bytes(openimmo(2), landlord)
    assert set(Flat.objects.values_list("status", flat=True)) == {OfferStatus.PUBLISHED}
    unverify(landlord)
    run = import_bytes(openimmo(2), landlord)
    assert (run.updated, run.unchanged) == (2, 0)
    assert set(Flat.objects.values_list("status", flat=True)) == {OfferStatus.DRAFT}
    assert "2 Angebote" in held_back_line(run)


def test_kitas_with_nested_rows_of_an_unverified_operator_land_as_drafts(operator) -> None:
    unverify(operator)
    run = import_bytes(template("kitas.csv"), operator, file_name="kitas.csv")
    assert Kita.objects.get().status == OfferStatus.DRAFT
    assert "1 Angebot wurde als Entwurf gespeichert" in held_back_line(run)


def test_import_feed_command_reports_the_drafts(tmp_path: Path, landlord) -> None:
    unverify(landlord)
    path = tmp_path / "objekte.xml"
    path.write_bytes(openimmo(2))
    out = StringIO()
    with translation.override("de"):
        call_command("import_feed", str(path), "--provider", landlord.slug, stdout=out)
    assert not Flat.objects.filter(status=OfferStatus.PUBLISHED).exists()
    assert "Organisation noch nicht geprüft" in out.getvalue()


@override_settings(TASKS=IMMEDIATE)
def test_scheduled_import_of_an_unverified_provider_lands_as_drafts(
    local_server,  # noqa: F811  (the fixture imported above)
    landlord,
    settings,
    tmp_path,
    django_capture_on_commit_callbacks,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    unverify(landlord)
    base, folder = local_server
    (folder / "feed.xml").write_bytes(openimmo(2))
    FeedSource.objects.create(
        provider=landlord, name="täglich", url=f"{base}/feed.xml", schedule="daily"
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduled_imports", stdout=StringIO())
    run = ImportRun.objects.get()
    assert (run.status, run.created) == (RunStatus.SUCCEEDED, 2)
    assert set(Flat.objects.values_list("status", flat=True)) == {OfferStatus.DRAFT}
    assert "2 Angebote" in held_back_line(run)
