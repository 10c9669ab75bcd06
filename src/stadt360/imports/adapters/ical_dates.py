"""When a calendar's event happens: its VEVENTs expanded into dates within the import horizon.

``recurring-ical-events`` does the expansion (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides,
time zones from TZID or the file's VTIMEZONE); this module bounds it and converts what it
returns into aware datetimes:

- only dates from today to ``EVENTS_IMPORT_HORIZON_DAYS`` ahead are taken;
- a rule repeating every second or minute, or giving more than
  ``EVENTS_IMPORT_MAX_DATES_PER_EVENT`` dates within the horizon, *explodes*: it is counted
  lazily with python-dateutil first and set aside before anything is expanded;
- floating times (no time zone) are read in the calendar's ``X-WR-TIMEZONE`` or the
  site's zone; all-day events last from 00:00 to 23:59 of their last day.
"""

import datetime
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import icalendar
import recurring_ical_events
from dateutil.rrule import rrulestr
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import conf
from .base import Problem

# A rule yielding more than this many dates from its DTSTART to the end of the horizon
# (however many of them lie before today) explodes too: a daily rule since 1750.
MAX_RULE_STEPS = 100_000
TOO_FREQUENT = {"SECONDLY", "MINUTELY"}
# Properties that decide when an event happens: unreadable, the VEVENT cannot be imported.
TIME_PROPERTIES = ("DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID")
LAST_MINUTE = datetime.time(23, 59)


class Unusable(Exception):
    """A VEVENT (or its group) whose dates cannot be imported, with the reason."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class Window:
    """The horizon of an import: from today 00:00 for ``days`` days, in ``zone``."""

    start: datetime.datetime
    end: datetime.datetime
    zone: datetime.tzinfo

    @classmethod
    def from_today(cls, zone: datetime.tzinfo, days: int | None = None) -> "Window":
        today = timezone.now().astimezone(zone).date()
        start = datetime.datetime.combine(today, datetime.time.min, zone)
        days = conf.events_horizon_days() if days is None else days
        return cls(start=start, end=start + datetime.timedelta(days=days), zone=zone)


@dataclass(frozen=True, slots=True)
class Occurrence:
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    cancelled: bool


def calendar_zone(calendar: icalendar.Calendar) -> datetime.tzinfo:
    """Where floating times are: the calendar's ``X-WR-TIMEZONE`` if known, else the site's."""
    for name in (str(calendar.get("X-WR-TIMEZONE", "")).strip(), settings.TIME_ZONE):
        try:
            return zoneinfo.ZoneInfo(name)
        except (ValueError, zoneinfo.ZoneInfoNotFoundError):
            continue
    return datetime.UTC


def check_times(event: icalendar.Event, number: int, zone: datetime.tzinfo) -> None:
    """Unreadable or missing time properties, and an end before the start, set it aside."""
    for name, message in event.errors:
        if name in TIME_PROPERTIES:
            raise Unusable(
                Problem(
                    _("VEVENT %(n)s: %(field)s could not be read (%(error)s).")
                    % {"n": number, "field": name, "error": str(message)[:200]},
                    name,
                    "invalid",
                )
            )
    if "DTSTART" not in event:
        lost = "; ".join(str(message)[:200] for name, message in event.errors if name is None)
        message = _("VEVENT %(n)s: the start (DTSTART) is missing.") % {"n": number}
        if lost:
            message += " " + _("A line could not be read: %(error)s") % {"error": lost}
        raise Unusable(Problem(message, "DTSTART", "missing"))
    if not isinstance(value(event, "DTSTART"), datetime.date):  # a PERIOD, a bare TIME
        raise Unusable(
            Problem(
                _("VEVENT %(n)s: the start (DTSTART) is not a date or a date with a time.")
                % {"n": number},
                "DTSTART",
                "invalid",
            )
        )
    start = as_start(value(event, "DTSTART"), zone)
    end = event_end(event, zone)
    if end is not None and end < start:
        raise Unusable(
            Problem(
                _("VEVENT %(n)s: the end (%(end)s) is before the start (%(start)s).")
                % {"n": number, "end": shown(end), "start": shown(start)},
                "DTEND",
                "end_before_start",
            )
        )


def event_end(event: icalendar.Event, zone: datetime.tzinfo) -> datetime.datetime | None:
    if "DTEND" in event:
        return as_end(value(event, "DTEND"), value(event, "DTSTART"), zone)
    if "DURATION" in event:
        duration = value(event, "DURATION")
        if isinstance(duration, datetime.timedelta):
            return as_start(value(event, "DTSTART"), zone) + duration
    return None


def value(component: icalendar.Component, name: str) -> Any:
    """A property's date, datetime or duration (icalendar's own types are wider than that)."""
    return getattr(component[name], "dt", None)


def shown(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%d.%m.%Y %H:%M}"


def check_rules(event: icalendar.Event, number: int, window: Window) -> None:
    """Counts each RRULE's dates lazily up to the horizon; too many → the VEVENT explodes."""
    for rule in rules_of(event):
        frequency = (rule.get("FREQ") or [""])[0].upper()
        if frequency in TOO_FREQUENT:
            raise Unusable(
                Problem(
                    _(
                        "VEVENT %(n)s repeats every second or minute (RRULE FREQ=%(freq)s) "
                        "and was set aside."
                    )
                    % {"n": number, "freq": frequency},
                    "RRULE",
                    "too_many_dates",
                )
            )
        count_dates(rule, event, number, window)


def rules_of(event: icalendar.Event) -> list[icalendar.vRecur]:
    rules = event.get("RRULE")
    if rules is None:
        return []
    return list(rules) if isinstance(rules, list) else [rules]


def count_dates(
    rule: icalendar.vRecur, event: icalendar.Event, number: int, window: Window
) -> None:
    first = naive(as_start(value(event, "DTSTART"), window.zone), window.zone)
    begin = naive(window.start, window.zone) - datetime.timedelta(days=1)
    end = naive(window.end, window.zone) + datetime.timedelta(days=1)
    limit = conf.events_max_dates_per_event()
    try:
        dates = rrulestr(rule.to_ical().decode(), dtstart=first, ignoretz=True)
    except (ValueError, TypeError) as error:
        raise Unusable(
            Problem(
                _("VEVENT %(n)s: the recurrence rule (RRULE) could not be read (%(error)s).")
                % {"n": number, "error": str(error)[:200]},
                "RRULE",
                "invalid",
            )
        ) from error
    inside = 0
    for steps, when in enumerate(dates, start=1):
        if when > end:
            return
        inside += when >= begin
        if inside > limit or steps > MAX_RULE_STEPS:
            raise Unusable(exploded(number, limit))


def exploded(number: int, limit: int) -> Problem:
    return Problem(
        _(
            "VEVENT %(n)s would give more than %(limit)s dates within the next %(days)s days "
            "(recurrence rule) and was set aside."
        )
        % {"n": number, "limit": limit, "days": conf.events_horizon_days()},
        "RRULE",
        "too_many_dates",
    )


def expand(
    events: list[icalendar.Event], timezones: Iterable[icalendar.Component], window: Window
) -> list[Occurrence]:
    """The dates of one UID (its VEVENT and its overrides) within the window, sorted."""
    calendar = icalendar.Calendar()
    for component in [*timezones, *events]:
        calendar.add_component(component)
    try:
        found = recurring_ical_events.of(calendar).between(window.start, window.end)
    except (recurring_ical_events.InvalidCalendar, ValueError, TypeError) as error:
        raise Unusable(
            Problem(
                _("The dates of this event could not be calculated (%(error)s).")
                % {"error": str(error)[:200]},
                "RRULE",
                "invalid",
            )
        ) from error
    by_start: dict[datetime.datetime, Occurrence] = {}
    for component in found:
        occurrence = to_occurrence(component, window.zone)
        by_start.setdefault(occurrence.starts_at, occurrence)
    return sorted(by_start.values(), key=lambda o: o.starts_at)


def to_occurrence(component: icalendar.Event, zone: datetime.tzinfo) -> Occurrence:
    start_value = value(component, "DTSTART")
    starts_at = as_start(start_value, zone)
    ends_at = event_end(component, zone) or default_end(start_value, starts_at, zone)
    return Occurrence(
        starts_at=starts_at,
        ends_at=max(ends_at, starts_at),
        cancelled=str(component.get("STATUS", "")).upper() == "CANCELLED",
    )


def default_end(
    value: datetime.date, starts_at: datetime.datetime, zone: datetime.tzinfo
) -> datetime.datetime:
    """RFC 5545: without an end a day-long event lasts the day, a timed one no time at all."""
    if isinstance(value, datetime.datetime):
        return starts_at
    return datetime.datetime.combine(value, LAST_MINUTE, zone)


def as_start(value: datetime.date, zone: datetime.tzinfo) -> datetime.datetime:
    """A DTSTART as an aware datetime: a day begins at 00:00, floating time is ``zone``'s."""
    if isinstance(value, datetime.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    return datetime.datetime.combine(value, datetime.time.min, zone)


def as_end(value: datetime.date, start: datetime.date, zone: datetime.tzinfo) -> datetime.datetime:
    """A DTEND as an aware datetime; a DTEND day is exclusive: the event ends 23:59 the day before."""
    if isinstance(value, datetime.datetime):
        return as_start(value, zone)
    last = value - datetime.timedelta(days=1) if value > as_day(start) else value
    return datetime.datetime.combine(last, LAST_MINUTE, zone)


def as_day(value: datetime.date) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def naive(moment: datetime.datetime, zone: datetime.tzinfo) -> datetime.datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


def floating_note(event: icalendar.Event) -> str:
    """The unknown TZID a time was read without (it is then read as floating time)."""
    prop = event.get("DTSTART")
    tzid = prop.params.get("TZID") if prop is not None else None
    value = getattr(prop, "dt", None)
    if tzid and isinstance(value, datetime.datetime) and value.tzinfo is None:
        return str(tzid)
    return ""
