"""Importing partners' calendars through the import machinery into events.

The same runs, batches, counts and reports as offer feeds; the records go to
``events.services.upsert_imported_event`` (one savepoint per event) and a full feed
withdraws the UIDs it no longer lists through ``withdraw_imported_events``.
"Today" is frozen at 1 October 2026, 12:00 in Gera (the fixtures lie in the months after).
"""

import datetime
import zoneinfo
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import get_resolver
from django.utils import translation
from freezegun import freeze_time

from stadt360.events.models import DateStatus, Event, EventSource, EventStatus
from stadt360.imports.conf import MB
from stadt360.imports.models import FeedSource, ImportRun, IssueLevel, RunStatus
from stadt360.imports.services import import_source, report, run_import, start_scheduled_imports
from stadt360.providers.models import Provider, ProviderKind
from tests.factories import ProviderFactory
from tests.imports.conftest import DATA, SHARED
from tests.imports.test_commands import local_server  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
CALENDAR = DATA / "hackerspace-liebschwitz.ics"
CHANGED = DATA / "hackerspace-liebschwitz-changed.ics"
TALK = "vortrag-ki-raspberry@hackerspace-liebschwitz.de"
EVENING = "hackerabend@hackerspace-liebschwitz.de"
FAIR = "maker-faire-2026@hackerspace-liebschwitz.de"
WORKSHOP = "loetworkshop-schueler@hackerspace-liebschwitz.de"


@pytest.fixture(autouse=True)
def _today_and_german() -> Iterator[None]:
    get_resolver().url_patterns  # noqa: B018  (imports the API's schemas before time is frozen)
    with freeze_time("2026-10-01T10:00:00Z"), translation.override("de"):
        yield


@pytest.fixture
def hackerspace(db: None) -> Provider:
    return ProviderFactory(kind=ProviderKind.OTHER, name="Hackerspace Liebschwitz e.V.")


@pytest.fixture
def source(hackerspace: Provider) -> FeedSource:
    return FeedSource.objects.create(
        provider=hackerspace, name="Kalender des Hackerspace", format="auto", full_feed=True
    )


def run_calendar(source: FeedSource, content: bytes | Path) -> ImportRun:
    data = content.read_bytes() if isinstance(content, Path) else content
    run = ImportRun.objects.create(
        provider=source.provider,
        source=source,
        format=source.format,
        full_feed=source.full_feed,
        file_name="kalender.ics",
    )
    return run_import(run=run, content=data)


def local_starts(uid: str) -> list[datetime.datetime]:
    dates = Event.objects.get(external_uid=uid).dates.order_by("starts_at")
    return [date.starts_at.astimezone(BERLIN) for date in dates]


def at(day: str, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time(hour, minute), BERLIN
    )


def german_report(run: ImportRun) -> str:
    with translation.override("de"):
        return report(run)


def test_a_partners_calendar_becomes_events(source: FeedSource) -> None:
    run = run_calendar(source, CALENDAR)
    assert (run.status, run.format, run.kind) == (RunStatus.PARTIAL, "ical", "event")
    assert (run.total, run.created, run.rejected, run.skipped) == (7, 4, 1, 2)
    assert run.message.startswith("4 Termine übernommen (4 neu, 0 geändert)")
    events = Event.objects.filter(feed_source=source)
    assert sorted(events.values_list("external_uid", flat=True)) == sorted(
        [TALK, EVENING, FAIR, WORKSHOP]
    )
    assert {(e.organiser, e.source, e.status) for e in events} == {
        (source.provider, EventSource.IMPORT, EventStatus.PUBLISHED)
    }
    talk = events.get(external_uid=TALK)
    assert (talk.title, talk.street, talk.postcode, talk.registration_required) == (
        "Vortrag: KI auf dem Raspberry Pi",
        "Liebschwitzer Straße 40",
        "07546",
        False,
    )
    assert local_starts(TALK) == [at("2026-10-15", 19)]
    assert local_starts(FAIR) == [at("2026-11-07", 0)]


def test_recurring_evening_is_expanded_with_its_exceptions(source: FeedSource) -> None:
    run_calendar(source, CALENDAR)
    starts = local_starts(EVENING)
    assert len(starts) == 12  # 14 Thursdays − EXDATE 24.12. − the cancelled 19.11.
    assert at("2026-11-05", 20) in starts  # moved by its RECURRENCE-ID
    assert at("2026-10-29", 19) in starts  # after the clock change: still 19:00 in Gera
    assert not {at("2026-11-19", 19), at("2026-12-24", 19)} & set(starts)


def test_broken_vevent_is_reported_while_the_others_import(source: FeedSource) -> None:
    run = run_calendar(source, CALENDAR)
    rejected = run.issues.get(level=IssueLevel.ERROR)
    assert (rejected.position, rejected.external_id, rejected.code) == (
        "VEVENT 7 (Zeile 84)",
        "ohne-beginn@hackerspace-liebschwitz.de",
        "missing",
    )
    assert (
        "Datensatz abgelehnt — VEVENT 7 (Zeile 84) (ohne-beginn@hackerspace-liebschwitz.de): "
        "VEVENT 7: Der Beginn (DTSTART) fehlt."
    ) in german_report(run)
    assert Event.objects.count() == 4


def test_hostile_html_in_descriptions_is_sanitised(source: FeedSource) -> None:
    run_calendar(source, CALENDAR)
    description = Event.objects.get(external_uid=TALK).description
    assert "Bilderkennung ohne Cloud." in description
    for hostile in ("<script", "onerror", "javascript:", "alert("):
        assert hostile not in description


def test_reimport_follows_changes_and_deletions(source: FeedSource) -> None:
    run_calendar(source, CALENDAR)
    run = run_calendar(source, CHANGED)
    assert (run.status, run.created, run.updated, run.unchanged, run.withdrawn) == (
        RunStatus.SUCCEEDED,
        0,
        1,
        2,
        1,
    )
    talk = Event.objects.get(external_uid=TALK)
    assert talk.title == "Vortrag: KI auf dem Raspberry Pi (neue Uhrzeit)"
    assert local_starts(TALK) == [at("2026-10-15", 19, 30)]
    assert Event.objects.get(external_uid=FAIR).status == EventStatus.CANCELLED  # withdrawn
    again = run_calendar(source, CHANGED)
    assert (again.created, again.updated, again.unchanged, again.withdrawn) == (0, 0, 3, 0)


def test_a_feed_that_is_not_full_withdraws_nothing(source: FeedSource) -> None:
    run_calendar(source, CALENDAR)
    source.full_feed = False
    source.save()
    run = run_calendar(source, CHANGED)
    assert run.withdrawn == 0
    assert Event.objects.get(external_uid=FAIR).status == EventStatus.PUBLISHED


def test_event_cancelled_in_the_calendar(source: FeedSource) -> None:
    run_calendar(source, CALENDAR)
    text = CALENDAR.read_text()
    called_off = text.replace(
        "UID:loetworkshop-schueler@hackerspace-liebschwitz.de\n",
        "UID:loetworkshop-schueler@hackerspace-liebschwitz.de\nSTATUS:CANCELLED\n",
    )
    run = run_calendar(source, called_off.encode())
    workshop = Event.objects.get(external_uid=WORKSHOP)
    assert workshop.status == EventStatus.CANCELLED
    assert run.updated == 1
    again = run_calendar(source, called_off.encode())
    assert (again.updated, again.unchanged) == (0, 4)  # stays cancelled, nothing flaps
    assert Event.objects.get(external_uid=WORKSHOP).status == EventStatus.CANCELLED
    back = run_calendar(source, CALENDAR)  # the partner takes the cancellation back
    assert back.updated == 1
    assert Event.objects.get(external_uid=WORKSHOP).status == EventStatus.PUBLISHED


def test_event_cancelled_before_it_was_ever_imported_is_skipped(source: FeedSource) -> None:
    text = CALENDAR.read_text().replace(f"UID:{WORKSHOP}\n", f"UID:{WORKSHOP}\nSTATUS:CANCELLED\n")
    run = run_calendar(source, text.encode())
    assert not Event.objects.filter(external_uid=WORKSHOP).exists()
    assert run.issues.get(code="cancelled").level == IssueLevel.SKIPPED


def test_cancelled_date_with_registrations_is_cancelled_not_deleted(source: FeedSource) -> None:
    from stadt360.events.models import Registration

    text = CALENDAR.read_text()
    run_calendar(source, text.replace("STATUS:CANCELLED\n", "").encode())
    date = Event.objects.get(external_uid=EVENING).dates.get(starts_at=at("2026-11-19", 19))
    Registration.objects.create(date=date, name="Ada", email="ada@example.org", status="confirmed")
    run_calendar(source, CALENDAR)
    date.refresh_from_db()
    assert (date.status, date.sequence) == (DateStatus.CANCELLED, 1)
    run_calendar(source, CALENDAR)
    date.refresh_from_db()
    assert (date.status, date.sequence) == (DateStatus.CANCELLED, 1)  # not again


def test_recurrence_that_would_explode_is_set_aside(source: FeedSource) -> None:
    run = run_calendar(source, DATA / "hostile-rules.ics")
    assert (run.status, run.created, run.rejected) == (RunStatus.PARTIAL, 1, 7)
    assert Event.objects.get().dates.count() == 10
    assert "VEVENT 2 ergäbe mehr als 400 Einzeltermine" in german_report(run)


def test_unverified_organisation_gets_drafts(source: FeedSource) -> None:
    Provider.objects.filter(pk=source.provider_id).update(verified=False)
    source.refresh_from_db()
    run = run_calendar(source, CALENDAR)
    assert set(Event.objects.values_list("status", flat=True)) == {EventStatus.DRAFT}
    note = run.issues.get(code="unverified")
    assert note.message.startswith(
        "4 Termine wurden als Entwürfe gespeichert und sind nicht öffentlich"
    )


def test_oversized_file_is_refused_by_the_size_limit(source: FeedSource) -> None:
    padding = b"X-PADDING:" + b"x" * 70 + b"\r\n"
    content = CALENDAR.read_bytes().replace(
        b"END:VCALENDAR", padding * (50 * MB // len(padding) + 1) + b"END:VCALENDAR"
    )
    assert len(content) > 50 * MB
    run = run_calendar(source, content)
    assert (run.status, run.issues.get().code) == (RunStatus.REJECTED, "too_large")
    assert run.message.startswith("Die Datei ist größer als 50 MB")
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (CALENDAR.read_bytes()[:3000], "truncated"),
        ((SHARED / "ical" / "icalendar-big_bad_calendar.ics").read_bytes(), "truncated"),
        ((SHARED / "ical" / "icalendar-issue_104_broken_calendar.ics").read_bytes(), "broken"),
        (b"BEGIN:VCALENDAR\r\n\x89PNG\x00\x00\x00\x00" + b"\x00" * 500, "binary"),
    ],
)
def test_broken_file_is_a_clear_rejected_run(source: FeedSource, content: bytes, code: str) -> None:
    run = run_calendar(source, content)
    assert (run.status, run.issues.get().code) == (RunStatus.REJECTED, code)
    assert run.message
    assert not Event.objects.exists()


def test_nul_character_sets_one_event_aside(source: FeedSource) -> None:
    content = CALENDAR.read_bytes().replace(b"SUMMARY:Maker Faire", b"SUMMARY:Maker\x00Faire")
    run = run_calendar(source, content)
    assert (run.created, run.rejected) == (3, 2)
    assert run.issues.get(code="nul").external_id == FAIR


def test_real_calendar_with_an_unreadable_start(source: FeedSource) -> None:
    run = run_calendar(source, SHARED / "ical" / "icalendar-broken_ical.ics")
    assert (run.status, run.rejected, run.created) == (RunStatus.PARTIAL, 1, 0)


def test_upload_without_source_gets_the_providers_calendar_source(hackerspace: Provider) -> None:
    runs = [
        run_import(
            run=ImportRun.objects.create(provider=hackerspace, file_name="kalender.ics"),
            content=CALENDAR.read_bytes(),
        )
        for _ in range(2)
    ]
    (source,) = FeedSource.objects.filter(provider=hackerspace)
    assert (source.name, source.format, source.url) == ("Hochgeladene Kalenderdateien", "ical", "")
    assert [run.source for run in runs] == [source, source]
    assert (runs[1].created, runs[1].unchanged) == (0, 4)


def test_calendar_address_on_a_schedule(local_server, hackerspace: Provider) -> None:  # noqa: F811
    base, folder = local_server
    (folder / "kalender.ics").write_bytes(CALENDAR.read_bytes())
    source = FeedSource.objects.create(
        provider=hackerspace,
        name="Hackerspace-Kalender",
        url=f"{base}/kalender.ics",
        schedule="daily",
        full_feed=True,
    )
    (queued,) = start_scheduled_imports()
    run = run_import(run=queued)
    assert (run.status, run.created, run.source) == (RunStatus.PARTIAL, 4, source)
    (folder / "kalender.ics").write_bytes(CHANGED.read_bytes())
    run = run_import(run=import_source(source=source))
    assert (run.updated, run.withdrawn) == (1, 1)


def test_import_feed_command_reads_a_calendar_address(local_server, hackerspace) -> None:  # noqa: F811
    base, folder = local_server
    (folder / "kalender.ics").write_bytes(CALENDAR.read_bytes())
    out = StringIO()
    call_command("import_feed", f"{base}/kalender.ics", "--provider", hackerspace.slug, stdout=out)
    assert "4 Termine übernommen" in out.getvalue()
    source = FeedSource.objects.get(provider=hackerspace)
    assert source.url == f"{base}/kalender.ics"
    assert Event.objects.filter(feed_source=source).count() == 4


def test_calendar_uploaded_in_the_portal(
    client_for, world, settings, django_capture_on_commit_callbacks
) -> None:
    """The portal's "Daten importieren" takes an .ics like any feed; the report says Termine."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    client = client_for("editor")
    file = SimpleUploadedFile("kalender.ics", CALENDAR.read_bytes(), content_type="text/calendar")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:import-upload"), {"file": file, "format": "auto", "full_feed": "on"}
        )
    run = ImportRun.objects.get()
    assert (run.provider, run.format, run.status, run.created) == (
        world.provider,
        "ical",
        RunStatus.PARTIAL,
        4,
    )
    page = client.get(response["Location"]).content.decode()
    assert "4 Termine übernommen" in page
    assert "VEVENT 7 (Zeile 84)" in page
    assert Event.objects.filter(organiser=world.provider).count() == 4
