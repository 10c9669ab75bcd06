"""Events: the public list and detail, and registering for a date without an account.

``GET /api/v1/events`` lists published events that have a date in the period (default: from
now on), each with those dates; ``GET /api/v1/events/{event_id}`` returns one event with all
its dates. ``POST /api/v1/events/{date_id}/registrations`` registers a person for one DATE
(people register for a date, never for a whole event; the dates' ids are in both answers).
The rules – capacity, waiting list, approval, one registration per e-mail and date, consent,
answers – are ``events.services.register``'s; this module only translates its refusals into
HTTP answers. Registrations are limited per client address (``accounts.throttle``).
"""

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from stadt360.accounts.throttle import address_block, client_ip, hit
from stadt360.events.models import HOLDING_STATUSES, Event, EventDate, EventStatus
from stadt360.events.services import RegistrationRefused, register

from ..errors import NotFoundOut, ValidationErrorOut
from ..pagination import PageParams, paginate
from ..params import object_id
from ..schemas.events import (
    EventDetail,
    EventPage,
    EventQuery,
    RefusalOut,
    RegistrationIn,
    RegistrationOut,
)
from ..schemas.write import MessageOut

router = Router(tags=["events"])

PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED)
# Registrations per client address and window; the benchmark's server raises the setting.
DEFAULT_REGISTRATION_LIMIT = 20
WINDOW_SECONDS = 60
RATE_SCOPE = "event-registration"
# Refusals that name a field of the body answer 422 in the API's error contract; an unknown
# or unpublished date is 404; everything else (full, duplicate, closed …) is a 409 conflict.
FIELD_REFUSALS = {
    "consent": ["body", "payload", "consent"],
    "answers": ["body", "payload", "answers"],
    "invalid": ["body", "payload"],
}
NOT_FOUND_REFUSALS = {"unknown_date", "not_published"}


def dates_with_places() -> QuerySet[EventDate]:
    """Dates annotated with the places held (``held``), read by ``DateOut.places_left``."""
    return EventDate.objects.annotate(
        held=Count("registrations", filter=Q(registrations__status__in=HOLDING_STATUSES))
    ).order_by("starts_at", "id")


def public_events() -> QuerySet[Event]:
    return (
        Event.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("series", "organiser")
        .prefetch_related("audiences", "topics")
    )


def period_dates(query: EventQuery, dates: QuerySet[EventDate]) -> QuerySet[EventDate]:
    """The dates in the period: overlapping [from 00:00, to+1 00:00) local time, else from now."""
    if query.from_:
        dates = dates.filter(ends_at__gte=local_midnight(query.from_))
    else:
        dates = dates.filter(ends_at__gte=timezone.now())
    if query.to:
        dates = dates.filter(starts_at__lt=local_midnight(query.to + datetime.timedelta(days=1)))
    return dates


def local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def listed_events(query: EventQuery) -> QuerySet[Event]:
    in_period = period_dates(query, EventDate.objects.filter(event=OuterRef("pk")))
    events = public_events().filter(Exists(in_period))
    if query.series:
        events = events.filter(series__slug=query.series)
    if query.audience:
        events = events.filter(audiences__slug=query.audience)
    if query.q:
        events = events.filter(text_matches(query.q))
    first_start = in_period.values("event").annotate(first=Min("starts_at")).values("first")
    return (
        events.annotate(next_start=Subquery(first_start))
        .prefetch_related(
            Prefetch(
                "dates", queryset=period_dates(query, dates_with_places()), to_attr="window_dates"
            )
        )
        .order_by("next_start", "id")
    )


def text_matches(words: str) -> Q:
    """Every word in a title or summary, German or English, of the event or its series."""
    fields = ("title_de", "title_en", "summary_de", "summary_en", "series__title_de")
    condition = Q()
    for word in words.split()[:10]:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition


@router.get(
    "",
    response={200: EventPage, 422: ValidationErrorOut},
    url_name="event-list",
    summary="Published events with their dates in a period",
)
def list_events(
    request: HttpRequest, query: Query[EventQuery], paging: Query[PageParams]
) -> dict[str, Any]:
    """Events with at least one date in the period, soonest first; each item carries only
    its dates in the period (cancelled dates included, marked ``cancelled``). Without
    ``from`` the period starts now. Register for a date with its ``id``."""
    return paginate(request, listed_events(query), paging)


@router.get(
    "/{event_id}",
    response={200: EventDetail, 404: NotFoundOut, 422: ValidationErrorOut},
    url_name="event-detail",
    summary="One published event with all its dates and places left",
)
def get_event(request: HttpRequest, event_id: int = object_id("event")) -> Event:
    events = public_events().prefetch_related(
        Prefetch("dates", queryset=dates_with_places(), to_attr="all_dates")
    )
    return get_object_or_404(events, pk=event_id)


@router.post(
    "/{date_id}/registrations",
    response={
        201: RegistrationOut,
        404: RefusalOut,
        409: RefusalOut,
        422: ValidationErrorOut,
        429: MessageOut,
    },
    url_name="event-registration",
    summary="Register for one date of an event (no account needed)",
    description=(
        "**The id in the path is the id of a DATE** (`dates[].id` in the list and the detail), "
        "not of the event: people register for a date. No account and no CSRF token needed; "
        "limited per client address (429 with `Retry-After`).\n\n"
        "201 answers `confirmed` (a place is held), `waitlisted` with the `position` on the "
        "waiting list (1 = next), or `pending_approval` (the organiser decides). The person "
        "gets a confirmation mail with the date as .ics and a personal link to cancel.\n\n"
        "Refusals carry a `code`: 404 `unknown_date` / `not_published`; 409 `full` (no "
        "waiting list), `duplicate` (e-mail already registered for the date), `closed`, "
        "`past`, `cancelled`, `no_registration`; 422 (error contract, `type` = code) "
        "`consent` (must be true) and `answers` (see the event's `questions`)."
    ),
)
def register_for_date(
    request: HttpRequest, payload: RegistrationIn, date_id: int = object_id("event date")
) -> Any:
    limited = over_limit(request)
    if limited is not None:
        return limited
    try:
        done = register(
            date_id=date_id,
            name=payload.name,
            email=payload.email,
            consent=payload.consent,
            answers=payload.answers,
        )
    except RegistrationRefused as refused:
        return refusal(refused)
    return Status(201, {"status": done.registration.status, "position": done.position})


def over_limit(request: HttpRequest) -> JsonResponse | None:
    limit = getattr(settings, "EVENT_REGISTRATION_RATE_LIMIT", DEFAULT_REGISTRATION_LIMIT)
    used = hit(RATE_SCOPE, address_block(client_ip(request)), window=WINDOW_SECONDS)
    if not used.over(limit):
        return None
    response = JsonResponse({"detail": _("Too many requests. Try again later.")}, status=429)
    response["Retry-After"] = str(used.retry_after)
    return response


def refusal(refused: RegistrationRefused) -> Status:
    if refused.code in FIELD_REFUSALS:
        item = {"loc": FIELD_REFUSALS[refused.code], "msg": refused.message, "type": refused.code}
        return Status(422, {"detail": [item]})
    status = 404 if refused.code in NOT_FOUND_REFUSALS else 409
    return Status(status, {"code": refused.code, "detail": refused.message})
