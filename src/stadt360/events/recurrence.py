"""Recurring dates from an RFC 5545 RRULE (python-dateutil), bounded and DST-correct.

The rule is expanded from the first start in Europe/Berlin wall-clock time: a lecture at
18:00 stays at 18:00 across the change to and from summer time. Exception days are left
out. The expansion is bounded twice: a rule without an end (no COUNT, no UNTIL) yields the
dates within ``EVENTS_RECURRENCE_WINDOW_DAYS`` of the first start; a rule whose end lies
beyond that window, or that yields more than ``EVENTS_RECURRENCE_MAX_DATES`` dates, is
refused with a ``ValidationError`` before anything is stored.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FORBIDDEN_PARTS = ("DTSTART", "RDATE", "EXDATE", "EXRULE", "\n", "\r")


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def max_dates() -> int:
    return int(getattr(settings, "EVENTS_RECURRENCE_MAX_DATES", 200))


def window() -> timedelta:
    return timedelta(days=int(getattr(settings, "EVENTS_RECURRENCE_WINDOW_DAYS", 548)))


def normalise(rule: str) -> str:
    """The rule without a leading ``RRULE:``, upper case, surrounding blanks removed."""
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    return text.strip().upper()


def parse(rule: str, first_start: datetime) -> rrule:
    """The dateutil rule anchored at ``first_start`` (local wall-clock time).

    Only the RRULE itself is accepted (exceptions come separately). An UNTIL without a
    time zone is read as local time.
    """
    text = normalise(rule)
    if not text or any(part in text for part in FORBIDDEN_PARTS):
        raise ValidationError(
            {"rule": _("Enter one recurrence rule (RFC 5545 RRULE), e.g. FREQ=WEEKLY;COUNT=10.")}
        )
    start = first_start.astimezone(zone())
    try:
        parsed = rrulestr(_until_in_utc(text), dtstart=start)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise ValidationError(
            {"rule": _("This recurrence rule cannot be read: %(error)s") % {"error": exc}}
        ) from exc
    if not isinstance(parsed, rrule):
        raise ValidationError({"rule": _("Enter one recurrence rule (RFC 5545 RRULE).")})
    return parsed


def _until_in_utc(text: str) -> str:
    """dateutil wants UNTIL in UTC when the start has a time zone; local UNTIL is converted."""
    parts = []
    for part in text.split(";"):
        name, _sep, value = part.partition("=")
        if name == "UNTIL" and value and not value.endswith("Z"):
            parts.append(f"UNTIL={_local_until(value)}")
        else:
            parts.append(part)
    return ";".join(parts)


def _local_until(value: str) -> str:
    try:
        if "T" in value:
            local = datetime.strptime(value, "%Y%m%dT%H%M%S")
        else:  # a whole day: until its end
            local = datetime.strptime(value, "%Y%m%d").replace(hour=23, minute=59, second=59)
    except ValueError as exc:
        raise ValidationError(
            {"rule": _("UNTIL is not a date: %(value)s") % {"value": value}}
        ) from exc
    return local.replace(tzinfo=zone()).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def expand(*, rule: str, first_start: datetime, exceptions: Iterable[date] = ()) -> list[datetime]:
    """The start times the rule yields (in UTC; wall-clock steady in Europe/Berlin), the
    exception days (local dates) left out.

    Raises ``ValidationError`` (nothing is stored) for an unreadable rule, an end beyond the
    window or more dates than allowed.
    """
    parsed = parse(rule, first_start)
    skip = {d.date() if isinstance(d, datetime) else d for d in exceptions}
    open_ended = parsed._count is None and parsed._until is None
    limit, end = max_dates(), first_start + window()
    starts: list[datetime] = []
    for start in parsed:
        if start > end:
            if open_ended:
                break
            raise ValidationError({"rule": _too_far_message()})
        if start.date() in skip:
            continue
        starts.append(start.astimezone(UTC))
        if len(starts) > limit:
            raise ValidationError({"rule": _too_many_message(limit)})
    if not starts:
        raise ValidationError({"rule": _("This rule yields no date.")})
    return starts


def _too_many_message(limit: int) -> str:
    return _(
        "This rule yields more than %(limit)s dates. Give it an end (COUNT or UNTIL) or a "
        "lower frequency."
    ) % {"limit": limit}


def _too_far_message() -> str:
    days = window().days
    return _(
        "This rule reaches further than %(months)s months ahead. Shorten it; later dates can "
        "be added later."
    ) % {"months": round(days / 30.4)}
