"""The commands: create_provider, import_feed (file and http address), send_offer_reminders."""

import datetime
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from stadt360.core.choices import OfferStatus
from stadt360.housing.models import Flat
from stadt360.imports.models import ImportRun, RunStatus
from stadt360.imports.reminders import send_offer_reminders
from stadt360.providers.models import Provider
from tests.factories import FlatFactory, JobFactory, ProviderFactory, in_days
from tests.imports.conftest import SHARED, openimmo

pytestmark = pytest.mark.django_db


def command(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_create_provider_prints_the_slug() -> None:
    assert command(
        "create_provider", "Wohnungsgenossenschaft Gera", "--kind", "housing"
    ).strip() == ("wohnungsgenossenschaft-gera")
    assert command(
        "create_provider", "Wohnungsgenossenschaft Gera", "--kind", "housing"
    ).strip() == ("wohnungsgenossenschaft-gera-2")
    assert Provider.objects.filter(kind="housing").count() == 2


def test_import_feed_prints_the_report(tmp_path: Path, landlord) -> None:
    path = tmp_path / "objekte.xml"
    path.write_bytes(openimmo(3))
    out = command("import_feed", str(path), "--provider", landlord.slug, "--full")
    assert ImportRun.objects.get().full_feed
    assert Flat.objects.count() == 3
    assert "3" in out.splitlines()[0]


def test_import_feed_fails_when_the_file_is_rejected(landlord) -> None:
    path = SHARED / "openimmo" / "openestate-example-is24.xml"
    with pytest.raises(CommandError) as raised:
        command("import_feed", str(path), "--provider", landlord.slug)
    assert raised.value.returncode == 1
    assert ImportRun.objects.get().status == RunStatus.REJECTED


def test_import_feed_with_csv_preset(landlord) -> None:
    path = SHARED / "openimmo" / "csv_to_openimmo-jenawohnen-objects.csv"
    command(
        "import_feed",
        str(path),
        "--provider",
        landlord.slug,
        "--format",
        "csv",
        "--mapping",
        "jenawohnen",
    )
    assert Flat.objects.count() == 2


@pytest.fixture
def local_server(tmp_path: Path):
    """A real http server on 127.0.0.1 serving ``tmp_path`` (no outside network)."""
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", tmp_path
    server.shutdown()
    server.server_close()
    thread.join()


def test_import_feed_fetches_an_http_address(local_server, landlord) -> None:
    base, folder = local_server
    (folder / "feed.xml").write_bytes(openimmo(4))
    command("import_feed", f"{base}/feed.xml", "--provider", landlord.slug)
    run = ImportRun.objects.get()
    assert (run.status, run.created, run.url) == (RunStatus.SUCCEEDED, 4, f"{base}/feed.xml")


def test_missing_address_is_a_rejected_run(local_server, landlord) -> None:
    base, _folder = local_server
    with pytest.raises(CommandError):
        command("import_feed", f"{base}/missing.xml", "--provider", landlord.slug)
    assert ImportRun.objects.get().issues.get().code == "fetch_failed"


def test_reminders_go_out_once_per_state(mailoutbox) -> None:
    provider = ProviderFactory(email="vermietung@example.org")
    expiring = FlatFactory(provider=provider, valid_until=in_days(5))
    FlatFactory(provider=provider, valid_until=in_days(30))
    stale = JobFactory(provider=provider, valid_until=None)
    type(stale).objects.filter(pk=stale.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=200)
    )
    FlatFactory(provider=provider, valid_until=in_days(3), status=OfferStatus.DRAFT)
    silent = ProviderFactory(email="")
    FlatFactory(provider=silent, valid_until=in_days(2))

    result = send_offer_reminders()
    assert (result.emails, result.offers, result.providers_without_email) == (1, 2, 1)
    assert mailoutbox[0].to == ["vermietung@example.org"]
    assert expiring.title in mailoutbox[0].body
    assert stale.title in mailoutbox[0].body

    assert send_offer_reminders().emails == 0  # recorded: not sent twice
    expiring.refresh_from_db()
    assert expiring.reminded_at is not None
    expiring.title = "Neu beschrieben"
    expiring.save()  # the provider updated it; it is still expiring → due again
    out = command("send_offer_reminders")
    assert out.startswith("1 e-mails about 1 offers")
    assert len(mailoutbox) == 2


def test_scheduled_sources_are_queued_when_due(local_server, landlord, settings, tmp_path) -> None:
    from stadt360.imports.models import FeedSource
    from stadt360.imports.services import start_scheduled_imports

    settings.MEDIA_ROOT = tmp_path
    base, folder = local_server
    (folder / "feed.xml").write_bytes(openimmo(2))
    FeedSource.objects.create(
        provider=landlord, name="täglich", url=f"{base}/feed.xml", schedule="daily"
    )
    FeedSource.objects.create(provider=landlord, name="von Hand", url=f"{base}/feed.xml")
    assert command("run_scheduled_imports").strip() == "1 imports queued"
    assert start_scheduled_imports() == []  # ran just now: not due again
    later = timezone.now() + datetime.timedelta(days=1)
    assert len(start_scheduled_imports(now=later)) == 1
    run = ImportRun.objects.first()
    assert (run.url, run.status, run.source.name) == (
        f"{base}/feed.xml",
        RunStatus.QUEUED,
        "täglich",
    )
