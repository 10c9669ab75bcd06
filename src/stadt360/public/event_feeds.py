"""iCalendar feeds of the event pages: all events, one series, one audience, one date.

The calendars are built by ``events.calendars`` (``icalendar``, never strings): stable
UIDs, SEQUENCE, VTIMEZONE Europe/Berlin, cancelled dates as ``STATUS:CANCELLED``. Every
VEVENT links the event page by an absolute URL. Feeds hold the upcoming dates and those of
the last ``RECENT_DAYS`` days, so a date cancelled yesterday still reaches subscribers.
"""

import datetime
from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from stadt360.events.calendars import calendar_bytes
from stadt360.events.models import Audience, EventDate
from stadt360.events.selectors import public_dates

from .event_forms import visible_series

RECENT_DAYS = 30
FEED_LIMIT = 2000
CONTENT_TYPE = "text/calendar; charset=utf-8"


def feed_dates(dates: QuerySet[EventDate]) -> QuerySet[EventDate]:
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    return dates.filter(ends_at__gte=since).order_by("starts_at", "id")[:FEED_LIMIT]


def ical_response(
    request: HttpRequest, name: str, dates: Iterable[EventDate], *, filename: str
) -> HttpResponse:
    def url_for(date: EventDate) -> str:
        return request.build_absolute_uri(reverse("public:event-detail", args=[date.event.slug]))

    body = calendar_bytes(name, dates, url_for=url_for)
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def feed_name(part: str = "") -> str:
    title = gettext("Gera 360° events")
    return f"{title} – {part}" if part else title


@require_GET
def events_ical(request: HttpRequest) -> HttpResponse:
    return ical_response(
        request, feed_name(), feed_dates(public_dates()), filename="veranstaltungen.ics"
    )


@require_GET
def audience_ical(request: HttpRequest, slug: str) -> HttpResponse:
    audience = get_object_or_404(Audience, slug=slug)
    dates = public_dates().filter(event__in=audience.events.values("pk"))
    return ical_response(
        request, feed_name(audience.name), feed_dates(dates), filename=f"{slug}.ics"
    )


@require_GET
def series_ical(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(visible_series(), slug=slug)
    dates = public_dates().filter(event__series=series)
    return ical_response(
        request, feed_name(series.title), feed_dates(dates), filename=f"{slug}.ics"
    )


@require_GET
def date_ics(request: HttpRequest, pk: int) -> HttpResponse:
    date = get_object_or_404(public_dates(), pk=pk)
    return ical_response(request, date.event.title, [date], filename=f"termin-{pk}.ics")
