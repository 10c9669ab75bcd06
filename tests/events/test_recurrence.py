"""Recurring dates: RFC 5545 rules expanded in Berlin wall-clock time, bounded, with
exceptions; re-expansion keeps what still matches."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from freezegun import freeze_time

from stadt360.events import recurrence, services
from stadt360.events.models import DateStatus, EventDate
from tests.events.conftest import make_event, register

BERLIN = ZoneInfo("Europe/Berlin")
FIRST = datetime.datetime(2027, 3, 16, 18, 0, tzinfo=BERLIN)  # a Tuesday before summer time
HOURS_2 = datetime.timedelta(hours=2)


def local(dates: list[datetime.datetime]) -> list[str]:
    return [d.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M %z") for d in dates]


def test_weekly_across_the_change_to_summer_time_stays_at_18_00() -> None:
    starts = recurrence.expand(rule="RRULE:FREQ=WEEKLY;COUNT=3", first_start=FIRST)
    assert local(starts) == [
        "2027-03-16 18:00 +0100",
        "2027-03-23 18:00 +0100",
        "2027-03-30 18:00 +0200",
    ]
    autumn = datetime.datetime(2027, 10, 26, 9, 30, tzinfo=BERLIN)
    after = recurrence.expand(rule="FREQ=DAILY;COUNT=7", first_start=autumn)
    assert {d.astimezone(BERLIN).strftime("%H:%M") for d in after} == {"09:30"}


def test_exception_days_are_left_out() -> None:
    starts = recurrence.expand(
        rule="FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4",
        first_start=FIRST,
        exceptions=[datetime.date(2027, 3, 18)],
    )
    assert local(starts) == [
        "2027-03-16 18:00 +0100",
        "2027-03-23 18:00 +0100",
        "2027-03-25 18:00 +0100",
    ]


def test_a_local_until_counts_its_whole_day() -> None:
    starts = recurrence.expand(rule="FREQ=DAILY;UNTIL=20270318", first_start=FIRST)
    assert len(starts) == 3


@pytest.mark.parametrize(
    ("rule", "says"),
    [
        ("FREQ=MINUTELY", "more than 200"),
        ("FREQ=SECONDLY;COUNT=100000", "more than 200"),
        ("FREQ=DAILY;COUNT=201", "more than 200"),
        ("FREQ=MONTHLY;COUNT=30", "months"),
        ("FREQ=WEEKLY;UNTIL=20400101T000000Z", "months"),
        ("FREQ=SOMETIMES", "cannot be read"),
        ("", "RRULE"),
        ("FREQ=DAILY\nDTSTART:19700101T000000", "RRULE"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "no date"),
    ],
)
def test_exploding_or_broken_rules_are_refused(rule: str, says: str) -> None:
    with pytest.raises(ValidationError) as error:
        recurrence.expand(rule=rule, first_start=FIRST)
    assert says in str(error.value)


def test_an_open_ended_rule_fills_the_window_only() -> None:
    with override_settings(EVENTS_RECURRENCE_WINDOW_DAYS=70):
        starts = recurrence.expand(rule="FREQ=WEEKLY", first_start=FIRST)
    assert len(starts) == 11


@pytest.mark.django_db
@freeze_time("2027-03-01 12:00:00")
def test_set_recurrence_stores_the_dates_and_an_exploding_rule_stores_nothing() -> None:
    event = make_event()
    dates = services.set_recurrence(
        event=event,
        first_start=FIRST,
        duration=HOURS_2,
        rule="FREQ=WEEKLY;COUNT=5",
        exceptions=[datetime.date(2027, 3, 23)],
        capacity=12,
        by=None,
    )
    assert len(dates) == 4
    assert all(
        d.from_rule and d.capacity == 12 and d.ends_at - d.starts_at == HOURS_2 for d in dates
    )
    event.refresh_from_db()
    assert (event.recurrence_rule, event.recurrence_exceptions) == (
        "FREQ=WEEKLY;COUNT=5",
        ["2027-03-23"],
    )
    with pytest.raises(ValidationError):
        services.set_recurrence(
            event=event,
            first_start=FIRST,
            duration=HOURS_2,
            rule="FREQ=HOURLY",
            exceptions=[],
            capacity=12,
            by=None,
        )
    event.refresh_from_db()
    assert event.recurrence_rule == "FREQ=WEEKLY;COUNT=5"
    assert EventDate.objects.filter(event=event).count() == 4


@pytest.mark.django_db
@freeze_time("2027-03-01 12:00:00")
def test_re_expansion_keeps_matching_dates_and_cancels_removed_ones_with_registrations() -> None:
    event = make_event()
    first = services.set_recurrence(
        event=event,
        first_start=FIRST,
        duration=HOURS_2,
        rule="FREQ=WEEKLY;COUNT=4",
        exceptions=[],
        capacity=10,
        by=None,
    )
    uids = {d.starts_at: d.uid for d in first}
    kept_registration = register(first[0], "a@example.org").registration
    register(first[3], "b@example.org")
    # every other week from now on, two dates fewer, and a longer duration
    second = services.set_recurrence(
        event=event,
        first_start=FIRST,
        duration=HOURS_2 * 1.5,
        rule="FREQ=WEEKLY;INTERVAL=2;COUNT=3",
        exceptions=[],
        capacity=10,
        by=None,
    )
    assert [d.uid for d in second[:2]] == [uids[first[0].starts_at], uids[first[2].starts_at]]
    kept_registration.refresh_from_db()
    assert kept_registration.date_id == second[0].pk
    removed_with_people = EventDate.objects.get(pk=first[3].pk)
    assert removed_with_people.status == DateStatus.CANCELLED
    assert not EventDate.objects.filter(pk=first[1].pk).exists()  # nobody registered: gone
    assert EventDate.objects.get(pk=second[0].pk).sequence == 1  # its end moved
