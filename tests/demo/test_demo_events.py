"""Demo events: a plausible, seeded, labelled year of the innovation centre, never twice."""

import datetime
from collections import Counter
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from freezegun import freeze_time

from stadt360.core.models import Region
from stadt360.demo.events import HACKERSPACE_SLUG, ensure_demo_events
from stadt360.events.models import (
    Event,
    EventDate,
    EventSeries,
    EventSource,
    EventStatus,
    Registration,
    RegistrationStatus,
    SeriesKind,
    Topic,
)
from stadt360.events.services import places_left, waiting_position
from stadt360.providers.models import Provider

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = datetime.date(2026, 12, 7)
NOW = "2026-12-07 10:00:00"


def snapshot() -> dict[str, list[tuple]]:
    """What must repeat exactly for the same seed (primary keys and UIDs may differ)."""
    return {
        "events": list(
            Event.objects.order_by("slug").values_list("slug", "title_en", "room", "series__slug")
        ),
        "dates": list(
            EventDate.objects.order_by("event__slug", "starts_at").values_list(
                "event__slug", "starts_at", "capacity"
            )
        ),
        "registrations": list(
            Registration.objects.order_by(
                "date__event__slug", "date__starts_at", "email"
            ).values_list("email", "name", "status", "checked_in_at")
        ),
    }


@pytest.fixture
def demo_year(gera: Region) -> dict[str, int]:
    with freeze_time(NOW):
        return ensure_demo_events(seed=1, today=TODAY)


def test_a_year_of_demo_events_from_the_first_of_the_month(demo_year: dict[str, int]) -> None:
    assert demo_year["events"] == Event.objects.count() >= 12
    assert set(Event.objects.values_list("source", flat=True)) == {EventSource.DEMO}
    assert set(EventSeries.objects.values_list("source", flat=True)) == {EventSource.DEMO}
    assert set(Event.objects.values_list("status", flat=True)) == {EventStatus.PUBLISHED}
    starts = [timezone_day(date.starts_at) for date in EventDate.objects.all()]
    assert min(starts) >= datetime.date(2026, 12, 1)
    assert max(starts) < datetime.date(2027, 12, 1)
    capacities = set(EventDate.objects.values_list("capacity", flat=True))
    assert min(capacities) >= 10
    assert max(capacities) <= 60
    kinds = set(EventSeries.objects.values_list("kind", flat=True))
    assert {SeriesKind.LECTURE_SERIES, SeriesKind.HACKERSPACE, SeriesKind.SCHOOL_VISIT} <= kinds


def timezone_day(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(BERLIN).date()


def test_the_lecture_series_is_monthly_on_the_first_thursday_at_six_from_a_rule(
    demo_year: dict[str, int],
) -> None:
    lecture = Event.objects.get(series__slug="ki-im-mittelstand")
    assert lecture.recurrence_rule == "FREQ=MONTHLY;BYDAY=1TH;COUNT=12"
    starts = [d.starts_at.astimezone(BERLIN) for d in lecture.dates.all()]
    assert len(starts) == 12
    assert all(s.weekday() == 3 and s.day <= 7 and (s.hour, s.minute) == (18, 0) for s in starts)
    assert lecture.dates.filter(from_rule=True).count() == 12


def test_hackerspace_evenings_are_organised_by_the_verified_demo_partner(
    demo_year: dict[str, int],
) -> None:
    partner = Provider.objects.get(slug=HACKERSPACE_SLUG)
    assert partner.verified
    assert partner.is_demo
    assert partner.name == "Hackerspace Liebschwitz (Demo)"
    evening = Event.objects.get(series__kind=SeriesKind.HACKERSPACE)
    assert evening.organiser == partner
    # Every other Tuesday, without the dates between Christmas and New Year.
    days = [timezone_day(d.starts_at) for d in evening.dates.all()]
    assert {day.weekday() for day in days} == {1}
    assert not [day for day in days if day.month == 12 and day.day >= 21]
    assert evening.recurrence_exceptions


def test_topics_audiences_and_english_texts(demo_year: dict[str, int]) -> None:
    slugs = set(Topic.objects.values_list("slug", flat=True))
    assert {"ki", "foerderung", "daten", "gruendung", "digitalisierung"} <= slugs
    assert Topic.objects.get(slug="foerderung").name_en == "Funding"
    assert not Event.objects.filter(Q(title_en="") | Q(summary_en="") | Q(title_en=None))
    assert not Event.objects.annotate(n=Count("audiences")).filter(n=0)
    assert not Event.objects.annotate(n=Count("topics")).filter(n=0)
    titles = set(Event.objects.values_list("title", flat=True))
    assert {"Datenanalyse mit Python", "Förderprogramme Thüringen im Überblick"} <= titles


def test_some_dates_are_full_with_a_consistent_waiting_list(demo_year: dict[str, int]) -> None:
    with freeze_time(NOW):
        full = [d for d in EventDate.objects.all() if places_left(d) == 0]
        waiting = Registration.objects.filter(status=RegistrationStatus.WAITLISTED)
        assert full
        assert waiting.exists()
        for date in {r.date for r in waiting}:
            held = date.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
            assert held == date.capacity
            queue = date.registrations.filter(status=RegistrationStatus.WAITLISTED)
            assert [waiting_position(r) for r in queue] == list(range(1, queue.count() + 1))
    assert Registration.objects.filter(status=RegistrationStatus.PENDING).exists()
    assert Registration.objects.filter(checked_in_at__isnull=False).exists()
    per_date = Counter(Registration.objects.values_list("date", "email"))
    assert max(per_date.values()) == 1


def test_same_seed_same_year_and_a_second_run_changes_nothing(gera: Region) -> None:
    with freeze_time(NOW):
        ensure_demo_events(seed=3, today=TODAY)
        first = snapshot()
        assert ensure_demo_events(seed=3, today=TODAY) == {}
        assert snapshot() == first

        Event.objects.all().delete()
        EventSeries.objects.all().delete()
        ensure_demo_events(seed=3, today=TODAY)
    assert snapshot() == first


def test_setup_demo_twice_adds_the_events_once_and_reset_replaces_them(gera: Region) -> None:
    out = StringIO()
    with freeze_time(NOW):
        call_command("setup_demo", scale=0.02, stdout=out)
        counts = snapshot()
        assert counts["dates"]
        call_command("setup_demo", scale=0.02, stdout=out)
        assert snapshot() == counts
        # The partner is protected as an organiser: reset deletes the demo events first.
        call_command("demo_data", scale=0.02, reset=True, stdout=out)
    assert len(snapshot()["dates"]) == len(counts["dates"])
    assert Provider.objects.filter(slug=HACKERSPACE_SLUG).count() == 1
