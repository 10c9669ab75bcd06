"""Public event pages: the list and month calendar (/veranstaltungen/), an event, a series.

Views only read: the dates come from ``events.selectors.public_dates`` with the places left
counted in the same query (``event_display.with_places``); registering is in
``event_registration_views``, the iCalendar feeds in ``event_feeds``.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from stadt360.core.ui.lists import paginate, wants_results_only
from stadt360.core.ui.maps import map_config
from stadt360.core.ui.richtext import clean_html
from stadt360.events.models import Event, EventDate, EventSeries
from stadt360.events.selectors import public_dates

from .event_display import (
    by_month_and_day,
    date_row,
    event_languages,
    is_demo,
    organiser_name,
    place_lines,
    price_text,
    with_places,
)
from .event_forms import EventFilterForm, visible_series
from .event_jsonld import event_graph
from .event_month import month_bounds, month_view, parse_month
from .jsonld import to_script

PER_PAGE = 20
RESULTS_ID = "event-results"
CALENDAR = "kalender"


def counted(dates: QuerySet[EventDate]) -> QuerySet[EventDate]:
    return with_places(dates).order_by("starts_at", "id")


def feed_links(request: HttpRequest, name: str, **kwargs: Any) -> dict[str, str]:
    """The https and webcal addresses of a feed, for the "subscribe" box."""
    https = request.build_absolute_uri(reverse(name, kwargs=kwargs or None))
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


def list_feed(request: HttpRequest, form: EventFilterForm) -> dict[str, str]:
    """The feed that fits the filters: the chosen series', the chosen audience's, or all."""
    chosen = form.cleaned_data if form.is_valid() else {}
    if chosen.get("reihe"):
        return feed_links(request, "public:event-series-ical", slug=chosen["reihe"])
    if chosen.get("zielgruppe"):
        return feed_links(request, "public:events-ical-audience", slug=chosen["zielgruppe"])
    return feed_links(request, "public:events-ical")


def removals(request: HttpRequest, form: EventFilterForm) -> list[tuple[str, str]]:
    """For each filter in use: its label and value, and the address without it."""
    links = []
    for name, field in form.fields.items():
        value = request.GET.get(name, "")
        if not value:
            continue
        query = request.GET.copy()
        for key in (name, "page"):
            query.pop(key, None)
        shown = dict(getattr(field, "choices", [])).get(value, value)
        links.append((f"{field.label}: {shown}", f"{request.path}?{query.urlencode()}"))
    return links


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET)
    valid = form.is_valid()
    dates = form.apply(public_dates()) if valid else public_dates().none()
    context: dict[str, Any] = {
        "form": form,
        "filtered": form.active,
        "removals": removals(request, form),
        "feed": list_feed(request, form),
        "list_url": request.path,
        "results_id": RESULTS_ID,
    }
    if request.GET.get("ansicht") == CALENDAR:
        context |= calendar_context(request, dates)
        return render(request, "public/events/event_calendar.html", context)
    if valid and not form.cleaned_data.get("von"):
        dates = dates.filter(ends_at__gte=timezone.now())
    listing = paginate(request, counted(form.apply_range(dates) if valid else dates), PER_PAGE)
    context |= listing
    context["months"] = by_month_and_day([date_row(date) for date in listing["paged"]])
    template = "public/events/event_list.html"
    if wants_results_only(request, RESULTS_ID):
        template += "#results"
    return render(request, template, context)


def calendar_context(request: HttpRequest, dates: QuerySet[EventDate]) -> dict[str, Any]:
    today = timezone.localdate()
    first = parse_month(request.GET.get("monat"), today)
    start, following = month_bounds(first)
    in_month = dates.filter(
        starts_at__date__gte=start, starts_at__date__lt=following
    )  # the site's time zone: __date uses the current one
    rows = [date_row(date) for date in counted(in_month)]
    return {"month": month_view(first, rows, today), "rows": rows}


def upcoming(dates: QuerySet[EventDate]) -> QuerySet[EventDate]:
    return counted(dates.filter(ends_at__gte=timezone.now()))


def map_points(event: Event) -> list[dict[str, Any]]:
    """The event's place for the map (none without coordinates: the address is the text)."""
    if event.latitude is None or event.longitude is None:
        return []
    label = event.room or event.address_line
    return [
        {
            "n": 1,
            "lat": event.latitude,
            "lon": event.longitude,
            "label": label,
            "address": event.address_line,
            "url": "",
        }
    ]


@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(
        Event.objects.published().select_related("organiser", "series"), slug=slug
    )
    dates = list(upcoming(event.dates.all()))
    shown = dates or list(counted(event.dates.all()).reverse()[:1])
    canonical = request.build_absolute_uri(reverse("public:event-detail", args=[slug]))
    graph = event_graph(shown, canonical)
    series = event.series
    context = {
        "event": event,
        "rows": [date_row(date) for date in dates],
        "demo": is_demo(event),
        "description": mark_safe(clean_html(event.description)),  # sanitised again: defence
        "points": map_points(event),
        "map": map_config(),
        "organiser": organiser_name(event),
        "places": place_lines(event),
        "price": price_text(event),
        "languages": event_languages(event),
        "audiences": list(event.audiences.all()),
        "topics": list(event.topics.all()),
        "series": series if series and visible_series().filter(pk=series.pk).exists() else None,
        "jsonld": to_script(graph) if graph else "",
        "canonical": canonical,
        "feed": feed_links(request, "public:events-ical"),
    }
    return render(request, "public/events/event_detail.html", context)


@require_GET
def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    series: EventSeries = get_object_or_404(visible_series().select_related("organiser"), slug=slug)
    rows = [date_row(date) for date in upcoming(public_dates().filter(event__series=series))]
    context = {
        "series": series,
        "events": list(Event.objects.published().filter(series=series).order_by("title")),
        "description": mark_safe(clean_html(series.description)),  # sanitised again: defence
        "months": by_month_and_day(rows),
        "demo": is_demo(series),
        "organiser": organiser_name(series),
        "feed": feed_links(request, "public:event-series-ical", slug=slug),
    }
    return render(request, "public/events/series_detail.html", context)
