"""schema.org ``Event`` JSON-LD for the event detail page: one Event per date.

Search engines expect one Event per occurrence, so the page carries an ``@graph`` of the
upcoming dates (or the last one when none is left). Built like ``public.jsonld``:
plain dicts, empty values left out, serialised with ``jsonld.to_script``.
"""

from collections.abc import Sequence

from django.utils.html import strip_tags

from stadt360.events.models import Event, EventDate

from .event_display import is_cancelled, organiser_name, places_left
from .jsonld import CONTEXT, COUNTRY, JsonDict, compact, number, organization

SCHEMA = "https://schema.org/"


def attendance_mode(event: Event) -> str:
    physical = bool(event.room or event.address_line)
    if event.online_url and physical:
        return SCHEMA + "MixedEventAttendanceMode"
    if event.online_url:
        return SCHEMA + "OnlineEventAttendanceMode"
    return SCHEMA + "OfflineEventAttendanceMode"


def place(event: Event) -> JsonDict | None:
    if not (event.room or event.address_line):
        return None
    address = compact(
        {
            "@type": "PostalAddress",
            "streetAddress": event.street,
            "postalCode": event.postcode,
            "addressLocality": event.city,
            "addressCountry": COUNTRY,
        }
    )
    geo = None
    if event.latitude is not None and event.longitude is not None:
        geo = {"@type": "GeoCoordinates", "latitude": event.latitude, "longitude": event.longitude}
    return compact(
        {
            "@type": "Place",
            "name": event.room or event.address_line,
            "address": address if event.address_line else None,
            "geo": geo,
        }
    )


def location(event: Event) -> JsonDict | list[JsonDict] | None:
    places = [p for p in (place(event),) if p]
    if event.online_url:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    if not places:
        return None
    return places[0] if len(places) == 1 else places


def organizer(event: Event, centre_url: str) -> JsonDict:
    if event.organiser is not None:
        return organization(event.organiser)
    return compact({"@type": "Organization", "name": organiser_name(event), "url": centre_url})


def availability(date: EventDate) -> str:
    left = places_left(date)
    if left is not None and left == 0:
        return SCHEMA + "SoldOut"
    if left is not None and left <= 5:
        return SCHEMA + "LimitedAvailability"
    return SCHEMA + "InStock"


def offers(date: EventDate, url: str) -> JsonDict | None:
    """Free is a price of 0; an unknown price gives no Offer at all (never a made-up 0)."""
    event = date.event
    if not event.is_free and event.price is None:
        return None
    return compact(
        {
            "@type": "Offer",
            "url": url,
            "price": 0 if event.is_free else number(event.price or 0),
            "priceCurrency": "EUR",
            "availability": availability(date),
            "validThrough": (date.registration_closes_at or date.starts_at).isoformat(),
        }
    )


def event_entry(date: EventDate, url: str, centre_url: str) -> JsonDict:
    event = date.event
    status = "EventCancelled" if is_cancelled(date) else "EventScheduled"
    return compact(
        {
            "@type": "Event",
            "@id": f"{url}#{date.uid}",
            "name": event.title,
            "description": event.summary or strip_tags(event.description)[:500],
            "url": url,
            "startDate": date.starts_at.isoformat(),
            "endDate": date.ends_at.isoformat(),
            "eventStatus": SCHEMA + status,
            "eventAttendanceMode": attendance_mode(event),
            "location": location(event),
            "organizer": organizer(event, centre_url),
            "offers": offers(date, url),
            "isAccessibleForFree": True if event.is_free else None,
            "inLanguage": list(event.languages),
            "maximumAttendeeCapacity": date.capacity,
            "remainingAttendeeCapacity": places_left(date),
        }
    )


def event_graph(dates: Sequence[EventDate], url: str, centre_url: str = "") -> JsonDict | None:
    """The JSON-LD document of an event page; ``None`` when the event has no dates."""
    if not dates:
        return None
    return {
        "@context": CONTEXT,
        "@graph": [event_entry(date, url, centre_url) for date in dates],
    }
