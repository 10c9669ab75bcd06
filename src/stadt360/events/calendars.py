"""iCalendar (RFC 5545) out of events: one date, a feed of many. Built with ``icalendar``.

Every VEVENT carries the date's stable UID and its SEQUENCE; times are in Europe/Berlin with
a VTIMEZONE; a cancelled date or event is ``STATUS:CANCELLED``.
"""

from collections.abc import Iterable
from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags

from .models import DateStatus, EventDate, EventStatus

PRODID = "-//Stadt360//Gera 360° Veranstaltungen//DE"


def new_calendar(name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def vevent(date: EventDate, *, url: str = "") -> icalendar.Event:
    """The VEVENT of one date (the event's texts in the active language)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    event = date.event
    entry = icalendar.Event()
    entry.add("uid", date.uid)
    entry.add("sequence", date.sequence)
    entry.add("dtstamp", timezone.now())
    entry.add("last-modified", max(date.updated_at, event.updated_at))
    entry.add("dtstart", date.starts_at.astimezone(zone))
    entry.add("dtend", date.ends_at.astimezone(zone))
    entry.add("summary", event.title)
    description = "\n\n".join(
        part for part in (event.summary, strip_tags(event.description), url) if part
    )
    if description:
        entry.add("description", description)
    location = ", ".join(part for part in (event.room, event.address_line) if part)
    if location or event.online_url:
        entry.add("location", location or event.online_url)
    if event.latitude is not None and event.longitude is not None:
        entry.add("geo", (event.latitude, event.longitude))
    if url:
        entry.add("url", url)
    cancelled = date.status == DateStatus.CANCELLED or event.status == EventStatus.CANCELLED
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return entry


def calendar_bytes(name: str, dates: Iterable[EventDate], *, url_for: object = None) -> bytes:
    """A whole VCALENDAR with one VEVENT per date and the VTIMEZONEs it uses."""
    calendar = new_calendar(name)
    starts = []
    for date in dates:
        url = url_for(date) if callable(url_for) else ""
        calendar.add_component(vevent(date, url=url))
        starts.append(date.starts_at)
    # The VTIMEZONE covers the dates in the file (not the zone's whole history since 1970).
    first = min(starts, default=timezone.now()).date() - timedelta(days=366)
    last = max(starts, default=timezone.now()).date() + timedelta(days=2 * 366)
    calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()
