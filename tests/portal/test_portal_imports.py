"""Daten importieren: upload the real sample files, follow the run, read the report, scoping."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from stadt360.housing.models import Flat
from stadt360.imports.models import ImportRun, RunStatus

OPENIMMO = Path(settings.STADT360_SHARED_DATA) / "openimmo"
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """The suite's default is the database backend; here tasks run when enqueued."""
    settings.TASKS = IMMEDIATE


def upload(client, name: str, capture, **data):
    path = OPENIMMO / name
    file = SimpleUploadedFile(name, path.read_bytes(), content_type="application/xml")
    with capture(execute=True):
        return client.post(
            reverse("portal:import-upload"), {"file": file, "format": "auto", **data}
        )


def test_editor_uploads_openimmo_and_reads_the_report(
    client_for, world, django_capture_on_commit_callbacks
):
    client = client_for("editor")
    assert client.get(reverse("portal:import-upload")).status_code == 200
    response = upload(
        client, "laravel-openimmo-example-immowelt.xml", django_capture_on_commit_callbacks
    )
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:import-detail", args=[run.pk])
    assert (run.provider, run.started_by) == (world.provider, world.users["editor"])
    assert (run.status, run.created, run.rejected) == (RunStatus.SUCCEEDED, 1, 0)
    assert Flat.objects.filter(provider=world.provider, external_id="8333").exists()

    page = client.get(response["Location"]).content.decode()
    assert run.get_status_display() in page
    assert "<dd>1</dd>" in page  # one flat newly created
    assert run.message in page
    assert "hx-get" not in page  # finished: no polling
    assert 'id="run-progress"' not in page
    listing = client.get(reverse("portal:import-list")).content.decode()
    assert "laravel-openimmo-example-immowelt.xml" in listing


def test_openestate_sample_reports_the_skipped_sale_object(
    client_for, world, django_capture_on_commit_callbacks
):
    """The official OpenImmo sample holds one object for sale: skipped, with its position."""
    client = client_for("editor")
    with translation.override("de"):
        response = upload(
            client,
            "openestate-example-openimmo.xml",
            django_capture_on_commit_callbacks,
            full_feed="on",
        )
    run = ImportRun.objects.get()
    assert (run.status, run.total, run.skipped, run.created, run.full_feed) == (
        RunStatus.SUCCEEDED,
        1,
        1,
        0,
        True,
    )
    page = client.get(response["Location"]).content.decode()
    issue = run.issues.get()
    assert "/openimmo/anbieter[1]/immobilie[1]" in page
    assert issue.message in page


def test_running_run_polls_and_offers_a_refresh_link(client_for, world):
    run = ImportRun.objects.create(
        provider=world.provider, file_name="bestand.xml", status=RunStatus.RUNNING, total=200
    )
    ImportRun.objects.filter(pk=run.pk).update(processed=50)
    client = client_for("editor")
    detail = reverse("portal:import-detail", args=[run.pk])
    page = client.get(detail).content.decode()
    progress = reverse("portal:import-progress", args=[run.pk])
    assert f'hx-get="{progress}"' in page
    assert 'hx-trigger="every 2s"' in page
    assert '<progress id="run-progress" max="100" value="25">' in page
    assert f'href="{detail}"' in page  # works without JavaScript
    partial = client.get(progress).content.decode()
    assert partial.lstrip().startswith('<div id="run-status"')
    assert "<html" not in partial

    ImportRun.objects.filter(pk=run.pk).update(status=RunStatus.SUCCEEDED, processed=200)
    finished = client.get(progress).content.decode()
    assert "hx-get" not in finished  # the swap removes the polling


def test_file_above_the_size_limit_is_refused(client_for, world, settings):
    settings.IMPORT_MAX_BYTES = 10
    client = client_for("editor")
    file = SimpleUploadedFile("gross.xml", b"<openimmo>" + b" " * 20 + b"</openimmo>")
    response = client.post(reverse("portal:import-upload"), {"file": file, "format": "auto"})
    assert response.status_code == 200
    assert not ImportRun.objects.exists()
    assert response.context["form"].errors["file"]


def own_run(world) -> ImportRun:
    return ImportRun.objects.create(provider=world.provider, file_name="a.xml")


@pytest.mark.parametrize("name", ["import-detail", "import-progress"])
def test_another_providers_run_is_404(client_for, world, name):
    run = own_run(world)
    response = client_for("other_member").get(reverse(f"portal:{name}", args=[run.pk]))
    assert response.status_code == 404


def test_other_member_lists_only_their_own_runs(client_for, world):
    own_run(world)
    page = client_for("other_member").get(reverse("portal:import-list")).content.decode()
    assert "a.xml" not in page


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", "login"), ("resident", 403), ("moderator", 403), ("admin", 200)],
)
@pytest.mark.parametrize("name", ["import-list", "import-upload", "import-detail"])
def test_access(client_for, world, role, expected, name):
    run = own_run(world)
    url = reverse(f"portal:{name}", args=[run.pk] if name == "import-detail" else [])
    response = client_for(role).get(url)
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected


def test_anonymous_upload_post_goes_to_login_and_starts_nothing(client_for, world):
    response = client_for("anonymous").post(reverse("portal:import-upload"), {})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not ImportRun.objects.exists()
