"""iCalendar feeds of the event pages, parsed with ``icalendar`` as a calendar app would."""

import datetime

import icalendar
from django.test import Client

from stadt360.events import services
from tests.public.event_world import EventWorld, event_world

__all__ = ["event_world"]

FEED = "/veranstaltungen/ical/"


def parse(response) -> icalendar.Calendar:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events_by_uid(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(entry["UID"]): entry for entry in calendar.walk("VEVENT")}


def test_feed_holds_every_public_date_with_timezone_and_absolute_urls(
    client: Client, event_world: EventWorld
) -> None:
    calendar = parse(client.get(FEED))
    zones = [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")]
    assert zones == ["Europe/Berlin"]
    entries = events_by_uid(calendar)
    assert event_world.lecture_date.uid in entries
    assert len(entries) == 4  # two lectures, the seminar, the hackerspace evening; no draft
    lecture = entries[event_world.lecture_date.uid]
    assert str(lecture["SUMMARY"]) == "Sprachmodelle im Betrieb"
    assert str(lecture["URL"]) == "http://testserver/veranstaltungen/ki-vortrag-sprachmodelle/"
    assert lecture["DTSTART"].dt == event_world.lecture_date.starts_at
    assert lecture["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert str(lecture["STATUS"]) == "CONFIRMED"


def test_uids_are_stable_and_sequence_and_status_follow_changes(
    client: Client, event_world: EventWorld
) -> None:
    first = events_by_uid(parse(client.get(FEED)))
    date = event_world.lecture_date
    assert events_by_uid(parse(client.get(FEED))).keys() == first.keys()
    assert int(first[date.uid]["SEQUENCE"]) == 0
    later = date.starts_at + datetime.timedelta(hours=1)
    services.update_date(
        date=date,
        data={"starts_at": later, "ends_at": later + datetime.timedelta(hours=2)},
        by=None,
    )
    moved = events_by_uid(parse(client.get(FEED)))[date.uid]
    assert int(moved["SEQUENCE"]) == 1
    assert moved["DTSTART"].dt == later
    services.cancel_date(date=date, by=None)
    cancelled = events_by_uid(parse(client.get(FEED)))[date.uid]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) == 2


def test_series_audience_and_date_feeds(client: Client, event_world: EventWorld) -> None:
    series = events_by_uid(parse(client.get("/veranstaltungen/reihe/ki-im-mittelstand/ical/")))
    assert set(series) == {event_world.lecture_date.uid, event_world.second_lecture_date.uid}
    pupils = events_by_uid(parse(client.get("/veranstaltungen/ical/pupils/")))
    assert set(pupils) == {event_world.hackerspace_date.uid}
    single = parse(client.get(f"/veranstaltungen/termin/{event_world.seminar_date.pk}.ics"))
    assert set(events_by_uid(single)) == {event_world.seminar_date.uid}
    assert client.get("/veranstaltungen/ical/unbekannt/").status_code == 404
    assert client.get("/veranstaltungen/reihe/unbekannt/ical/").status_code == 404


def test_draft_date_has_no_ics(client: Client, event_world: EventWorld) -> None:
    draft_date = event_world.draft.dates.get()
    assert client.get(f"/veranstaltungen/termin/{draft_date.pk}.ics").status_code == 404


def test_english_feed_is_in_english(client: Client, event_world: EventWorld) -> None:
    event_world.lecture.title_en = "Language models at work"
    event_world.lecture.save()
    entries = events_by_uid(parse(client.get("/en" + FEED)))
    lecture = entries[event_world.lecture_date.uid]
    assert str(lecture["SUMMARY"]) == "Language models at work"
    assert str(lecture["URL"]).startswith("http://testserver/en/veranstaltungen/")
