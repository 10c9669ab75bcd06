"""Reading iCalendar files without the database: records, dates, limits and refusals.

Real exports from ``STADT360_SHARED_DATA/ical`` (fablab calendar, broken and cut-off files
from icalendar's test suite) and hand-written hostile ones in ``tests/imports/data``.
"Today" is frozen at 1 October 2026, 12:00 in Gera, so the horizon (180 days) is fixed.
"""

import datetime
import zoneinfo
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation
from freezegun import freeze_time

from stadt360.imports.adapters import parse_feed
from stadt360.imports.adapters.base import Action, FeedRejected, MapContext, Options, Record
from tests.imports.conftest import DATA, SHARED

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
ICAL = SHARED / "ical"
TODAY = "2026-10-01T10:00:00Z"


@pytest.fixture(autouse=True)
def _today_and_german() -> Iterator[None]:
    with freeze_time(TODAY), translation.override("de"):
        yield


def records(content: bytes | Path) -> list[Record]:
    data = content.read_bytes() if isinstance(content, Path) else content
    feed = parse_feed(data, format="auto", options=Options(file_name="kalender.ics"))
    assert (feed.format, feed.kind) == ("ical", "event")
    context = MapContext()
    return [feed.mapper(raw, context) for raw in feed.records]


def by_uid(content: bytes | Path) -> dict[str, Record]:
    return {r.external_id: r for r in records(content) if r.external_id}


def local(record: Record) -> list[tuple[datetime.datetime, datetime.datetime]]:
    return [(s.astimezone(BERLIN), e.astimezone(BERLIN)) for s, e in record.data["dates"]]


def at(day: str, hour: int, minute: int = 0) -> datetime.datetime:
    date = datetime.date.fromisoformat(day)
    return datetime.datetime.combine(date, datetime.time(hour, minute), BERLIN)


def refused(content: bytes) -> FeedRejected:
    with pytest.raises(FeedRejected) as caught:
        parse_feed(content, format="auto", options=Options())
    return caught.value


# --- a partner's calendar --------------------------------------------------------------------


def test_each_uid_is_one_record_at_the_position_of_its_first_vevent() -> None:
    found = records(DATA / "hackerspace-liebschwitz.ics")
    assert [(r.position, r.action) for r in found] == [
        ("VEVENT 1 (Zeile 25)", Action.UPSERT),
        ("VEVENT 2 (Zeile 39)", Action.UPSERT),  # with its overrides VEVENT 3 and 4
        ("VEVENT 5 (Zeile 68)", Action.UPSERT),
        ("VEVENT 6 (Zeile 76)", Action.UPSERT),
        ("VEVENT 7 (Zeile 84)", Action.REJECT),
        ("VEVENT 8 (Zeile 89)", Action.SKIP),  # 2025: before today
        ("VEVENT 9 (Zeile 96)", Action.SKIP),  # CLASS:PRIVATE
    ]


def test_weekly_evening_keeps_its_local_time_across_the_clock_change() -> None:
    evening = by_uid(DATA / "hackerspace-liebschwitz.ics")["hackerabend@hackerspace-liebschwitz.de"]
    starts = [start for start, _end in local(evening)]
    assert len(starts) == 13  # 14 Thursdays until 31 December, without 24 December (EXDATE)
    assert at("2026-12-24", 19) not in starts
    assert {start.hour for start in starts} - {20} == {19}  # one moved to 20:00 (RECURRENCE-ID)
    assert at("2026-11-05", 20) in starts
    utc = {s.date(): s.astimezone(datetime.UTC).hour for s in starts}
    assert (utc[datetime.date(2026, 10, 22)], utc[datetime.date(2026, 10, 29)]) == (17, 18)


def test_a_cancelled_instance_is_marked() -> None:
    evening = by_uid(DATA / "hackerspace-liebschwitz.ics")["hackerabend@hackerspace-liebschwitz.de"]
    assert [c.astimezone(BERLIN) for c in evening.data["cancelled"]] == [at("2026-11-19", 19)]


def test_all_day_and_floating_times() -> None:
    found = by_uid(DATA / "hackerspace-liebschwitz.ics")
    fair = found["maker-faire-2026@hackerspace-liebschwitz.de"]
    assert local(fair) == [(at("2026-11-07", 0), at("2026-11-08", 23, 59))]  # DTEND exclusive
    workshop = found["loetworkshop-schueler@hackerspace-liebschwitz.de"]  # no time zone given
    assert local(workshop) == [(at("2026-10-10", 14), at("2026-10-10", 17))]
    assert (
        workshop.data["event"]["online_url"]
        == "https://meet.hackerspace-liebschwitz.example/loeten"
    )


def test_event_fields_place_and_description() -> None:
    talk = by_uid(DATA / "hackerspace-liebschwitz.ics")[
        "vortrag-ki-raspberry@hackerspace-liebschwitz.de"
    ]
    event = talk.data["event"]
    assert {k: event[k] for k in ("title", "room", "street", "postcode", "city")} == {
        "title": "Vortrag: KI auf dem Raspberry Pi",
        "room": "Hackerspace Liebschwitz",
        "street": "Liebschwitzer Straße 40",
        "postcode": "07546",
        "city": "Gera",
    }
    assert (event["latitude"], event["longitude"]) == (50.8912, 12.1208)
    assert (event["status"], event["registration_required"], event["is_free"]) == (
        "published",
        False,
        False,  # the price is unknown, not "free"
    )
    assert event["description"].endswith(
        '<a href="https://hackerspace-liebschwitz.example/vortrag-ki">'
        "https://hackerspace-liebschwitz.example/vortrag-ki</a></p>"
    )


def test_plain_text_descriptions_are_escaped_with_their_paragraphs() -> None:
    evening = by_uid(DATA / "hackerspace-liebschwitz.ics")["hackerabend@hackerspace-liebschwitz.de"]
    assert evening.data["event"]["description"] == (
        "<p>Jeden Donnerstag: Löten, Programmieren, 3D-Druck.</p>"
        "<p>Für alle ab 12 Jahren – Eintritt frei.</p>"
    )
    text = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:a\r\nDTSTART:20261005T100000Z\r\n"
    text += b"DESCRIPTION:Preis < 5 Euro & Kaffee > Tee\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    assert records(text)[0].data["event"]["description"] == (
        "<p>Preis &lt; 5 Euro &amp; Kaffee &gt; Tee</p>"
    )


def test_broken_vevent_is_reported_with_its_position() -> None:
    broken = records(DATA / "hackerspace-liebschwitz.ics")[4]
    assert broken.external_id == "ohne-beginn@hackerspace-liebschwitz.de"
    assert [(p.code, p.field, p.message) for p in broken.problems] == [
        ("missing", "DTSTART", "VEVENT 7: Der Beginn (DTSTART) fehlt.")
    ]


def test_private_events_are_not_part_of_the_feed() -> None:
    private = records(DATA / "hackerspace-liebschwitz.ics")[6]
    assert private.external_id == ""  # so a full feed withdraws it if it was imported before
    assert "privat" in private.problems[0].message


def test_events_outside_the_horizon_are_one_note() -> None:
    data = (DATA / "hackerspace-liebschwitz.ics").read_bytes()
    feed = parse_feed(data, format="auto", options=Options())
    assert [(n.code, n.message) for n in feed.notes] == [
        (
            "outside_horizon",
            "1 Termin liegt nicht zwischen heute und den nächsten 180 Tagen "
            "(vergangen oder später); er wurde übersprungen.",
        )
    ]


def test_real_fablab_calendar() -> None:
    """A WordPress (All-in-One Event Calendar) export; "today" is in January 2018 here."""
    with freeze_time("2018-01-10T10:00:00Z"):
        found = by_uid(ICAL / "EXCERPT-recurring-ical-events-fablab-cottbus.ics")
    repair = found["ai1ec-1887@blog.fablab-cottbus.de"]  # RRULE:FREQ=MONTHLY;BYDAY=1SA
    assert [s.date().isoformat() for s, _e in local(repair)] == [
        "2018-02-03",
        "2018-03-03",
        "2018-04-07",
        "2018-05-05",
        "2018-06-02",
        "2018-07-07",
    ]
    assert {k: repair.data["event"][k] for k in ("room", "street", "postcode", "city")} == {
        "room": "FabLab Cottbus",
        "street": "Walther-Pauer-Straße 5",
        "postcode": "03044",
        "city": "Cottbus",
    }
    assert found["ai1ec-1504@blog.fablab-cottbus.de"].action == Action.SKIP  # 2017


def test_real_file_with_an_unreadable_start_line() -> None:
    (broken,) = records(ICAL / "icalendar-broken_ical.ics")
    assert broken.action == Action.REJECT
    assert broken.problems[0].message.startswith("VEVENT 1: Der Beginn (DTSTART) fehlt.")


def test_real_files_without_uid_are_rejected_one_by_one() -> None:
    found = records(ICAL / "icalendar-issue_722_missing_timezones.ics")
    assert [(r.action, r.problems[0].code) for r in found] == [(Action.REJECT, "missing")] * 3


# --- hostile recurrence rules and times ------------------------------------------------------


def test_exploding_rules_are_set_aside_not_expanded() -> None:
    found = records(DATA / "hostile-rules.ics")
    rejected = {r.external_id: r.problems[0].code for r in found if r.action == Action.REJECT}
    assert rejected == {
        "every-minute@hostile.example": "too_many_dates",
        "every-hour@hostile.example": "too_many_dates",  # 4,320 in 180 days
        "by-second@hostile.example": "too_many_dates",  # 576 a day by BYHOUR/BYMINUTE/BYSECOND
        "end-before-start@hostile.example": "end_before_start",
        "bad-date@hostile.example": "invalid",
        "bad-rule@hostile.example": "invalid",
        "no-title@hostile.example": "missing",
    }
    hourly = next(r for r in found if r.external_id == "every-hour@hostile.example")
    assert hourly.problems[0].message == (
        "VEVENT 2 ergäbe mehr als 400 Einzeltermine in den nächsten 180 Tagen "
        "(Wiederholungsregel) und wurde beiseitegelegt."
    )


def test_the_newest_version_of_a_repeated_uid_counts() -> None:
    weekly = by_uid(DATA / "hostile-rules.ics")["weekly-ok@hostile.example"]
    assert weekly.data["event"]["title"] == "Zehn Dienstage (neue Zeit)"  # SEQUENCE:2
    assert {s.hour for s, _e in local(weekly)} == {19}
    assert len(weekly.data["dates"]) == 10  # COUNT=10
    assert [n.code for n in weekly.notes] == ["duplicate"]


def test_dates_per_event_and_per_file_are_capped(settings) -> None:
    settings.EVENTS_IMPORT_MAX_DATES_PER_EVENT = 12
    evening = by_uid(DATA / "hackerspace-liebschwitz.ics")["hackerabend@hackerspace-liebschwitz.de"]
    assert evening.problems[0].code == "too_many_dates"
    settings.EVENTS_IMPORT_MAX_DATES_PER_EVENT = 400
    settings.EVENTS_IMPORT_MAX_DATES_PER_FILE = 15  # talk 1 + evenings 13 + fair 1 = 15
    found = records(DATA / "hackerspace-liebschwitz.ics")
    assert [r.action for r in found[:4]] == [Action.UPSERT] * 3 + [Action.REJECT]
    assert found[3].problems[0].message.startswith("Die Datei hat mehr als 15 Einzeltermine")


def test_expanding_rules_stops_after_the_time_budget(settings) -> None:
    settings.EVENTS_IMPORT_EXPANSION_SECONDS = 0
    found = by_uid(DATA / "hackerspace-liebschwitz.ics")
    assert found["hackerabend@hackerspace-liebschwitz.de"].problems[0].code == "too_slow"
    assert found["vortrag-ki-raspberry@hackerspace-liebschwitz.de"].action == Action.UPSERT


def test_horizon_is_a_setting(settings) -> None:
    settings.EVENTS_IMPORT_HORIZON_DAYS = 30
    evening = by_uid(DATA / "hackerspace-liebschwitz.ics")["hackerabend@hackerspace-liebschwitz.de"]
    assert len(evening.data["dates"]) == 5  # the Thursdays of October


# --- whole files refused ---------------------------------------------------------------------


def test_cut_off_file_is_refused() -> None:
    data = (DATA / "hackerspace-liebschwitz.ics").read_bytes()
    assert refused(data[: len(data) // 2]).code == "truncated"
    assert refused((ICAL / "icalendar-big_bad_calendar.ics").read_bytes()).code == "truncated"


def test_damaged_frame_is_refused() -> None:
    error = refused((ICAL / "icalendar-issue_104_broken_calendar.ics").read_bytes())
    assert error.code == "broken"
    assert error.message.startswith("Die Kalenderdatei ist beschädigt")


def test_bare_vevent_is_not_a_calendar() -> None:
    data = (ICAL / "icalendar-issue_101_icalendar_chokes_on_umlauts_in_organizer.ics").read_bytes()
    assert refused(data).code == "not_ical"
    with pytest.raises(FeedRejected) as caught:
        parse_feed(b"<html></html>", format="ical", options=Options())
    assert caught.value.code == "not_ical"


def test_unbalanced_components_are_refused() -> None:
    data = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
    assert "END:VTODO in Zeile 4" in refused(data).message


def test_lines_after_the_calendar_are_ignored_with_a_note() -> None:
    data = (ICAL / "icalendar-issue_350.ics").read_bytes()  # an X-COMMENT after END:VCALENDAR
    feed = parse_feed(data, format="auto", options=Options())
    assert "trailing" in [n.code for n in feed.notes]


def test_calendar_with_bom_and_without_events() -> None:
    feed = parse_feed(
        (ICAL / "icalendar-bom_calendar.ics").read_bytes(), format="auto", options=Options()
    )
    assert (feed.format, list(feed.records), [n.code for n in feed.notes]) == (
        "ical",
        [],
        ["empty"],
    )


def test_long_uids_are_hashed() -> None:
    uid = "x" * 400
    text = f"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:a\r\n"
    text += "DTSTART:20261005T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    assert records(text.encode())[0].external_id.startswith("sha256:")


def test_odd_values_set_one_vevent_aside_or_are_read_sensibly() -> None:
    found = {r.external_id: r for r in records(DATA / "odd-values.ics")}
    assert {uid: r.problems[0].code for uid, r in found.items() if r.problems} == {
        "period": "invalid",  # DTSTART;VALUE=PERIOD
        "time": "invalid",  # DTSTART;VALUE=TIME
        "dur": "end_before_start",  # DURATION:-PT1H
    }
    assert [e - s for s, e in found["rdate"].data["dates"]] == [  # RDATE periods keep their end
        datetime.timedelta(0),
        datetime.timedelta(hours=3),
        datetime.timedelta(hours=2),
    ]
    odd = found["geo"].data["event"]
    assert (odd["room"], "latitude" in odd) == ("Irgendwo", False)  # first LOCATION, no GEO
