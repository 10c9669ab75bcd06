"""Uploaded feed files are deleted after the retention period, and with their run or source.

The run itself (counts, message, issues) stays: the report is what the organisation and
the city keep; the file with its personal data and possibly hostile content goes.
"""

import datetime
import importlib
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from stadt360.core.models import AuditEntry
from stadt360.imports.models import FeedSource, ImportIssue, ImportRun, IssueLevel, RunStatus
from stadt360.imports.retention import PURGED, purge_import_files
from stadt360.imports.services import start_import


def finished_run(provider, *, days_ago: float, content: bytes = b"<openimmo/>") -> ImportRun:
    run = start_import(provider=provider, content=content, file_name="objekte.xml")
    finished = timezone.now() - datetime.timedelta(days=days_ago)
    ImportRun.objects.filter(pk=run.pk).update(
        status=RunStatus.PARTIAL, finished_at=finished, created=3, rejected=1, message="3 neu"
    )
    ImportIssue.objects.create(
        run=run, level=IssueLevel.ERROR, position="Zeile 4", message="Kaltmiete fehlt."
    )
    run.refresh_from_db()
    return run


def test_files_past_the_retention_period_go_and_the_report_stays(
    settings, landlord, django_capture_on_commit_callbacks
) -> None:
    settings.IMPORT_FILE_RETENTION_DAYS = 30
    old, recent = finished_run(landlord, days_ago=31), finished_run(landlord, days_ago=29)
    running = start_import(provider=landlord, content=b"<openimmo/>", file_name="neu.xml")
    old_path = Path(old.upload.path)

    with django_capture_on_commit_callbacks(execute=True):
        assert purge_import_files() == 1

    assert not old_path.exists()
    old.refresh_from_db()
    assert not old.upload
    assert (old.status, old.created, old.rejected, old.message) == ("partial", 3, 1, "3 neu")
    assert list(old.issues.values_list("message", flat=True)) == ["Kaltmiete fehlt."]
    assert old.file_name == "objekte.xml"
    entry = AuditEntry.objects.get(action=PURGED)
    assert (entry.object_id, entry.provider_id) == (str(old.pk), landlord.pk)
    for kept in (recent, running):
        kept.refresh_from_db()
        assert Path(kept.upload.path).is_file()


def test_the_period_is_a_setting(settings, landlord, django_capture_on_commit_callbacks) -> None:
    settings.IMPORT_FILE_RETENTION_DAYS = 7
    run = finished_run(landlord, days_ago=8)
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_import_files() == 1
    assert not Path(run.upload.path).exists()


def test_the_command_purges(landlord) -> None:
    first, second = finished_run(landlord, days_ago=40), finished_run(landlord, days_ago=50)
    out = StringIO()
    call_command("purge_import_files", stdout=out)
    assert out.getvalue().strip() == "2 import files deleted"
    assert ImportRun.objects.exclude(upload="").count() == 0
    assert {first.pk, second.pk} <= set(ImportRun.objects.values_list("pk", flat=True))


def test_deleting_a_run_deletes_its_file(landlord, django_capture_on_commit_callbacks) -> None:
    run = finished_run(landlord, days_ago=1)
    path = Path(run.upload.path)
    with django_capture_on_commit_callbacks(execute=True):
        run.delete()
    assert not path.exists()


def test_deleting_the_organisation_deletes_its_run_and_source_files(
    landlord, django_capture_on_commit_callbacks
) -> None:
    run = finished_run(landlord, days_ago=1)
    source = FeedSource.objects.create(provider=landlord, name="Bestand")
    source.file.save("bestand.xml", ContentFile(b"<openimmo/>"))
    paths = [Path(run.upload.path), Path(source.file.path)]
    assert all(path.is_file() for path in paths)
    with django_capture_on_commit_callbacks(execute=True):
        landlord.delete()
    assert [path for path in paths if path.exists()] == []


def test_a_rolled_back_deletion_keeps_the_file(landlord) -> None:
    run = finished_run(landlord, days_ago=1)
    path = Path(run.upload.path)
    run.delete()  # the test's transaction never commits: the callback never runs
    assert path.is_file()


def test_the_migration_moves_files_out_of_public_media(settings, tmp_path: Path, landlord) -> None:
    """An install from before keeps its files, now private and renamed; /media/ loses them."""
    settings.MEDIA_ROOT = tmp_path / "media"
    public = tmp_path / "media" / "imports" / "runs" / "bestand.xml"
    public.parent.mkdir(parents=True)
    public.write_bytes(b"<openimmo/>")
    run = ImportRun.objects.create(provider=landlord, file_name="bestand.xml")
    ImportRun.objects.filter(pk=run.pk).update(upload="imports/runs/bestand.xml")
    gone = ImportRun.objects.create(provider=landlord, file_name="weg.xml")
    ImportRun.objects.filter(pk=gone.pk).update(upload="imports/runs/weg.xml")

    migration = importlib.import_module("stadt360.imports.migrations.0002_private_feed_files")
    migration.move_to_private_storage(apps, None)

    run.refresh_from_db()
    assert not public.exists()
    assert run.upload.name.startswith("imports/runs/")
    assert "bestand" not in run.upload.name
    assert Path(run.upload.path).read_bytes() == b"<openimmo/>"
    assert Path(run.upload.path).is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    gone.refresh_from_db()
    assert gone.upload.name == "imports/runs/weg.xml"  # missing before: left as it was


@pytest.mark.parametrize("inside", ["MEDIA_ROOT", "STATIC_ROOT"])
def test_settings_refuse_private_files_inside_a_served_folder(tmp_path: Path, inside: str) -> None:
    from tests.config.test_settings import manage

    served = tmp_path / "served"
    result = manage(
        "check",
        env={"DEBUG": "1", inside: str(served), "PRIVATE_MEDIA_ROOT": str(served / "private")},
    )
    assert result.returncode != 0
    assert "PRIVATE_MEDIA_ROOT must not lie inside a served folder" in result.stderr
