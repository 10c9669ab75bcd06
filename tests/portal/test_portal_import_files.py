"""Uploaded feed files are private: random names outside public media, a checked download.

Before, a run's file lay under ``MEDIA_ROOT/imports/runs/<original name>`` and the web
server handed it to anyone who guessed the address (other organisations' files and
rejected hostile ones included).
"""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.views.static import serve

from stadt360.imports.models import ImportRun
from stadt360.imports.retention import purge_import_files
from stadt360.imports.services import start_import

HOSTILE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "boom">]><html><script>alert(1)</script>'


@pytest.fixture
def run(world) -> ImportRun:
    return start_import(
        provider=world.provider, content=HOSTILE, file_name="Bestand März.xml", by=None
    )


def download(client, run: ImportRun):
    return client.get(reverse("portal:import-file", args=[run.pk]))


@pytest.mark.parametrize("role", ["editor", "admin", "moderator", "city_admin"])
def test_members_and_city_staff_download_the_file_as_an_attachment(client_for, run, role):
    response = download(client_for(role), run)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == HOSTILE
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Bestand" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("role", ["anonymous", "resident", "other_member"])
def test_everyone_else_gets_404(client_for, run, role):
    assert download(client_for(role), run).status_code == 404


def test_a_run_without_a_file_is_404_even_for_members(client_for, world):
    run = ImportRun.objects.create(provider=world.provider, url="https://example.org/feed.xml")
    assert download(client_for("admin"), run).status_code == 404


def test_the_file_lies_outside_public_media_under_a_random_name(run):
    path = Path(run.upload.path)
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert path.read_bytes() == HOSTILE
    assert "Bestand" not in run.upload.name
    assert path.suffix == ".xml"
    assert len(path.stem) >= 32
    assert run.file_name == "Bestand März.xml"  # kept for display only
    other = start_import(provider=run.provider, content=HOSTILE, file_name="Bestand März.xml")
    assert other.upload.name != run.upload.name


def test_public_media_does_not_serve_it(run):
    """What the web server does for /media/<path> (Django's static view, the same rule)."""
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(media.rglob("*"))
    request = RequestFactory().get(f"/{settings.MEDIA_URL}{run.upload.name}")
    with pytest.raises(Http404):
        serve(request, run.upload.name, document_root=settings.MEDIA_ROOT)
    with pytest.raises(ValueError, match="no URL"):
        run.upload.url  # noqa: B018 -- a template asking for it fails loudly


def test_an_upload_through_the_portal_is_stored_privately_and_linked_for_members(client_for, world):
    client = client_for("editor")
    file = SimpleUploadedFile("objekte.xml", HOSTILE, content_type="application/xml")
    response = client.post(reverse("portal:import-upload"), {"file": file, "format": "auto"})
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert run.file_name == "objekte.xml"
    assert run.upload.name.startswith("imports/runs/")
    assert "objekte" not in run.upload.name
    assert Path(run.upload.path).is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    page = client.get(reverse("portal:import-detail", args=[run.pk])).content.decode()
    assert reverse("portal:import-file", args=[run.pk]) in page


def test_after_retention_the_run_page_keeps_the_report_and_says_the_file_is_gone(
    client_for, run, django_capture_on_commit_callbacks
):
    ImportRun.objects.filter(pk=run.pk).update(
        status="rejected", message="Die Datei wurde abgelehnt.", finished_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_import_files(now=timezone.now() + datetime.timedelta(days=31)) == 1
    with translation.override("en"):
        page = client_for("editor").get(reverse("portal:import-detail", args=[run.pk]))
    html = page.content.decode()
    assert "Die Datei wurde abgelehnt." in html
    assert "deleted after the retention period" in html
    assert reverse("portal:import-file", args=[run.pk]) not in html
    assert download(client_for("editor"), run).status_code == 404
