"""How events read on the public pages: times, places left, price, place, organiser.

Plain-language sentences only ("noch 3 Plätze", "ausgebucht – Warteliste"); an unknown
price or capacity is said to be unknown or unlimited, never shown as zero. The place
counts come from annotations (``with_places``) so a list of dates costs one query.
"""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext, ngettext, pgettext

from stadt360.core.templatetags.formatting import format_money
from stadt360.events.models import Event, EventDate, EventStatus, Organised
from stadt360.events.selectors import registration_counts
from stadt360.events.services import RegistrationRefused, check_open

from .offer_views import languages_text


def with_places(dates: QuerySet[EventDate]) -> QuerySet[EventDate]:
    """Dates with their registrations counted by status in the same query (``events``)."""
    return registration_counts(dates)


def is_demo(item: Organised) -> bool:
    """Demo data: the event or series itself, or its organiser, is generated."""
    return bool(item.is_demo or (item.organiser and item.organiser.is_demo))


def is_cancelled(date: EventDate) -> bool:
    return date.is_cancelled or date.event.status == EventStatus.CANCELLED


def local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment)


def time_text(date: EventDate) -> str:
    """``18:00–20:00 Uhr``; a date over several days names both days."""
    start, end = local(date.starts_at), local(date.ends_at)
    if start.date() != end.date():
        return gettext("%(start)s to %(end)s") % {
            "start": f"{day_text(start.date())}, {start:%H:%M}",
            "end": f"{day_text(end.date())}, {end:%H:%M}",
        }
    return gettext("%(start)s–%(end)s") % {"start": f"{start:%H:%M}", "end": f"{end:%H:%M}"}


def day_text(day: datetime.date) -> str:
    """``Dienstag, 12. Januar 2027`` / ``Tuesday, 12 January 2027``."""
    return dateformat.format(day, pgettext("date format of a day heading", "l, j F Y"))


def month_text(day: datetime.date) -> str:
    return dateformat.format(day, pgettext("date format of a month heading", "F Y"))


def when_text(date: EventDate) -> str:
    start = local(date.starts_at)
    if start.date() != local(date.ends_at).date():
        return time_text(date)
    return f"{day_text(start.date())}, {time_text(date)}"


def places_left(date: EventDate) -> int | None:
    """Free places from the ``held`` annotation; ``None`` when the date has no limit."""
    if date.capacity is None:
        return None
    held = date.confirmed + date.offered  # type: ignore[attr-defined]
    return max(date.capacity - held, 0)


def booked_out(date: EventDate) -> bool:
    left = places_left(date)
    return left is not None and (left == 0 or date.waiting > 0)  # type: ignore[attr-defined]


def places_text(date: EventDate) -> str:
    """What a person needs to know about places, in words (empty: nothing to say)."""
    event = date.event
    if is_cancelled(date):
        return gettext("Cancelled")
    if not event.registration_required:
        return gettext("No registration needed")
    left = places_left(date)
    if left is None:
        return gettext("No limit on places")
    if booked_out(date):
        if event.waitlist_enabled:
            return gettext("Fully booked – waiting list")
        return gettext("Fully booked")
    return ngettext("%(n)d place left", "%(n)d places left", left) % {"n": left}


def refusal(date: EventDate) -> str:
    """Why nobody can register for ``date`` now; empty when registration is open."""
    try:
        check_open(date)
    except RegistrationRefused as refused:
        return refused.message
    if booked_out(date) and not date.event.waitlist_enabled:
        return gettext("This date is fully booked and has no waiting list.")
    return ""


def price_text(event: Event) -> str:
    if event.is_free:
        return gettext("Free of charge")
    if event.price is None:
        return gettext("Price not stated")
    return format_money(event.price)


def organiser_name(item: Organised) -> str:
    if item.organiser is None:
        return gettext("Innovation centre Gera")
    return item.organiser.name


def place_lines(event: Event) -> list[str]:
    """Room, address and whether it is online, one line each."""
    lines = [event.room] if event.room else []
    if event.address_line:
        lines.append(event.address_line)
    if event.online_url:
        lines.append(gettext("Online"))
    return lines or [gettext("Place not stated yet")]


def event_languages(event: Event) -> str:
    return languages_text(event.languages) if event.languages else ""


@dataclass(frozen=True)
class DateRow:
    """One date as the list, the calendar and the detail page show it."""

    date: EventDate
    event: Event
    day: datetime.date
    time: str
    when: str
    places: str
    cancelled: bool
    waitlist: bool  # a new registration goes on the waiting list
    demo: bool
    url: str
    register_url: str
    closed: str


def date_row(date: EventDate) -> DateRow:
    event = date.event
    closed = refusal(date)
    return DateRow(
        date=date,
        event=event,
        day=local(date.starts_at).date(),
        time=time_text(date),
        when=when_text(date),
        places=places_text(date),
        cancelled=is_cancelled(date),
        waitlist=booked_out(date) and event.waitlist_enabled,
        demo=is_demo(event),
        url=reverse("public:event-detail", args=[event.slug]),
        register_url="" if closed else reverse("public:event-register", args=[date.pk]),
        closed=closed,
    )


@dataclass(frozen=True)
class Day:
    day: datetime.date
    label: str
    rows: list[DateRow]


@dataclass(frozen=True)
class Month:
    label: str
    days: list[Day]


def by_month_and_day(rows: list[DateRow]) -> list[Month]:
    """Rows (already in time order) grouped under month and day headings."""
    months: list[Month] = []
    for row in rows:
        label = month_text(row.day)
        if not months or months[-1].label != label:
            months.append(Month(label=label, days=[]))
        days = months[-1].days
        if not days or days[-1].day != row.day:
            days.append(Day(day=row.day, label=day_text(row.day), rows=[]))
        days[-1].rows.append(row)
    return months
