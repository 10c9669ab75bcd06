"""Whose events a person manages in the portal, and for whom they may create one.

Members manage the events of the organisation they act for (``access.current_provider``);
centre staff manage the centre's events (organiser empty). Every object is loaded through
these querysets, so another organisation's event, date or registration is a 404.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from stadt360.events.models import Event, EventDate, EventSeries, Registration
from stadt360.events.rules import is_centre_staff
from stadt360.providers.models import Provider

from .access import acting_provider, require

View = Callable[..., HttpResponse]
CENTRE = "centre"


def event_view(view: View) -> View:
    """Signed in and an organisation member or centre staff (``events.access``), else login or 403."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        require(request.user, "events.access")
        return view(request, *args, **kwargs)

    return wrapper


def organiser_filter(request: HttpRequest, field: str = "organiser") -> Q:
    """Rows organised by the acting organisation, or by the centre for centre staff."""
    provider = acting_provider(request)
    allowed = Q(**{field: provider}) if provider is not None else Q(pk__in=[])
    if is_centre_staff(request.user):
        allowed |= Q(**{f"{field}__isnull": True})
    return allowed


def my_events(request: HttpRequest) -> QuerySet[Event]:
    return Event.objects.filter(organiser_filter(request)).select_related("organiser", "series")


def my_series(request: HttpRequest) -> QuerySet[EventSeries]:
    return EventSeries.objects.filter(organiser_filter(request))


def my_dates(request: HttpRequest) -> QuerySet[EventDate]:
    return EventDate.objects.filter(organiser_filter(request, "event__organiser")).select_related(
        "event__organiser"
    )


def my_registrations(request: HttpRequest) -> QuerySet[Registration]:
    return Registration.objects.filter(
        organiser_filter(request, "date__event__organiser")
    ).select_related("date__event__organiser")


def get_mine(queryset: QuerySet, request: HttpRequest, pk: int) -> Any:
    """One of the person's objects (404 otherwise), checked against ``events.manage_event``."""
    obj = get_object_or_404(queryset, pk=pk)
    event = getattr(obj, "event", None) or getattr(getattr(obj, "date", None), "event", obj)
    require(request.user, "events.manage_event", event)
    return obj


def organiser_choices(request: HttpRequest) -> list[tuple[str, str]]:
    """For whom the person may create an event: the acting organisation and/or the centre."""
    provider = acting_provider(request)
    choices = [(str(provider.pk), provider.name)] if provider is not None else []
    if is_centre_staff(request.user):
        choices.append((CENTRE, _("Innovation centre")))
    return choices


def organiser_for(request: HttpRequest, value: str) -> Provider | None:
    """The organiser a valid choice of ``organiser_choices`` stands for."""
    return None if value == CENTRE else acting_provider(request)
