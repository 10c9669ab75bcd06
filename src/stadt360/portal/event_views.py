"""Portal pages of events: the list, the event form, publishing, dates and recurrence.

Included under ``/portal/veranstaltungen/`` (namespace ``events_portal``). Every object is
loaded through ``event_access``'s scoped querysets (another organisation's event is a 404);
every change goes through ``events.services``, which keeps the rules.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Min, Prefetch, Q, QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stadt360.core.publishing import UnverifiedProvider
from stadt360.events import services
from stadt360.events.models import (
    DateStatus,
    Event,
    EventDate,
    EventStatus,
    RegistrationStatus,
)
from stadt360.events.selectors import registration_counts

from .access import require
from .event_access import (
    acting_provider,
    event_view,
    get_mine,
    my_dates,
    my_events,
    my_series,
    organiser_choices,
    organiser_for,
)
from .event_forms import CancelForm, DateForm, EventForm, RecurrenceForm

PER_PAGE = 25


def saved(form: Form, call: Callable[[], Any]) -> Any:
    """Runs a service; its ``ValidationError`` lands on the form. Returns the result or None."""
    try:
        return call()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, error)
    return None


def submitted(request: HttpRequest, form: Form, call: Callable[[], Any]) -> Any:
    """On a valid POST, the service's result; None for a GET, an invalid form or a refusal."""
    if request.method != "POST" or not form.is_valid():
        return None
    return saved(form, call)


def with_counts(dates: QuerySet[EventDate]) -> QuerySet[EventDate]:
    """Each date with ``events.selectors.registration_counts`` plus places held, checked in."""
    checked_in = Q(
        registrations__status=RegistrationStatus.CONFIRMED,
        registrations__checked_in_at__isnull=False,
    )
    return registration_counts(dates).annotate(
        held=F("confirmed") + F("offered"),
        checked_in=Count("registrations", filter=checked_in),
    )


def no_shows(date: EventDate) -> int | None:
    """Confirmed but not checked in once the date has begun (``selectors.no_show_count``'s
    rule, from the annotations); None before: not known yet."""
    if date.starts_at > timezone.now() or date.is_cancelled:
        return None
    return date.confirmed - date.checked_in  # type: ignore[attr-defined]


@require_GET
@event_view
def event_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    events = my_events(request)
    if status in EventStatus.values:
        events = events.filter(status=status)
    upcoming = with_counts(EventDate.objects.upcoming().filter(status=DateStatus.SCHEDULED))
    events = events.annotate(
        next_start=Min(
            "dates__starts_at",
            filter=Q(dates__ends_at__gte=timezone.now(), dates__status=DateStatus.SCHEDULED),
        )
    ).prefetch_related(Prefetch("dates", queryset=upcoming, to_attr="upcoming"))
    events = events.order_by(F("next_start").asc(nulls_last=True), "-updated_at", "pk")
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "provider": acting_provider(request),
        "page": page,
        "status": status,
        "statuses": EventStatus.choices,
    }
    return render(request, "portal/events/event_list.html", context)


def event_form(request: HttpRequest, event: Event | None) -> EventForm:
    """The organiser is chosen once, on creation; series are the organiser's own."""
    series = my_series(request)
    if event is None:
        return EventForm(request.POST or None, organisers=organiser_choices(request), series=series)
    return EventForm(
        request.POST or None,
        organisers=None,
        series=series.filter(organiser=event.organiser),
        initial=EventForm.initial_for(event),
    )


@require_http_methods(["GET", "POST"])
@event_view
def event_create(request: HttpRequest) -> HttpResponse:
    form = event_form(request, None)

    def create() -> Event:
        organiser = organiser_for(request, form.cleaned_data["organiser"])
        require(request.user, "events.add_event", organiser)
        return services.create_event(data=form.service_data(), organiser=organiser, by=request.user)

    event = submitted(request, form, create)
    if event is not None:
        messages.success(request, _("The event was saved as a draft. Now add its dates."))
        return redirect("events_portal:event-detail", pk=event.pk)
    return render_event_form(request, form, None)


@require_http_methods(["GET", "POST"])
@event_view
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_mine(my_events(request), request, pk)
    form = event_form(request, event)
    data = form.service_data
    if submitted(
        request, form, lambda: services.update_event(event=event, data=data(), by=request.user)
    ):
        messages.success(request, _("Your changes were saved."))
        return redirect("events_portal:event-detail", pk=event.pk)
    return render_event_form(request, form, event)


def render_event_form(request: HttpRequest, form: EventForm, event: Event | None) -> HttpResponse:
    context = {"form": form, "event": event, "provider": acting_provider(request)}
    return render(request, "portal/events/event_form.html", context)


@require_GET
@event_view
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_mine(my_events(request), request, pk)
    dates = list(with_counts(event.dates.all()))
    for date in dates:
        date.no_shows = no_shows(date)  # type: ignore[attr-defined]
    context = {
        "event": event,
        "dates": dates,
        "provider": acting_provider(request),
        "audiences": event.audiences.all(),
        "topics": event.topics.all(),
    }
    return render(request, "portal/events/event_detail.html", context)


@require_POST
@event_view
def event_publish(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_mine(my_events(request), request, pk)
    require(request.user, "events.publish_event", event)
    try:
        services.publish_event(event=event, by=request.user)
    except UnverifiedProvider as refused:
        messages.error(request, refused.message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The event is published."))
    return redirect("events_portal:event-detail", pk=event.pk)


def confirm_cancel(
    request: HttpRequest, obj: Any, cancel: Callable[[str], None], done: str
) -> HttpResponse | None:
    """The cancel page: None once cancelled (the caller redirects), else the page with the form."""

    def cancelled(form: CancelForm) -> bool:
        cancel(form.cleaned_data["message"])
        return True

    form = CancelForm(request.POST or None)
    if submitted(request, form, lambda: cancelled(form)):
        messages.success(request, done)
        return None
    return render(
        request,
        "portal/events/cancel.html",
        {"form": form, "object": obj, "provider": acting_provider(request)},
    )


@require_http_methods(["GET", "POST"])
@event_view
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_mine(my_events(request), request, pk)
    page = confirm_cancel(
        request,
        event,
        lambda text: services.cancel_event(event=event, by=request.user, message=text),
        _("The event was cancelled. Everyone registered gets a message."),
    )
    return page or redirect("events_portal:event-detail", pk=event.pk)


@require_http_methods(["GET", "POST"])
@event_view
def date_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_mine(my_events(request), request, pk)
    form = DateForm(request.POST or None)
    if submitted(
        request, form, lambda: services.add_date(event=event, by=request.user, **form.cleaned_data)
    ):
        messages.success(request, _("The date was added."))
        return redirect("events_portal:event-detail", pk=event.pk)
    return render_date_form(request, form, event, None)


@require_http_methods(["GET", "POST"])
@event_view
def date_edit(request: HttpRequest, pk: int) -> HttpResponse:
    date = get_mine(my_dates(request), request, pk)
    form = DateForm(request.POST or None, initial=DateForm.initial_for(date))
    if submitted(
        request,
        form,
        lambda: services.update_date(date=date, data=form.cleaned_data, by=request.user),
    ):
        messages.success(request, _("Your changes were saved."))
        return redirect("events_portal:event-detail", pk=date.event_id)
    return render_date_form(request, form, date.event, date)


def render_date_form(
    request: HttpRequest, form: Form, event: Event, date: EventDate | None
) -> HttpResponse:
    context = {"form": form, "event": event, "date": date, "provider": acting_provider(request)}
    return render(request, "portal/events/date_form.html", context)


@require_http_methods(["GET", "POST"])
@event_view
def date_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    date = get_mine(my_dates(request), request, pk)
    page = confirm_cancel(
        request,
        date,
        lambda text: services.cancel_date(date=date, by=request.user, message=text),
        _("The date was cancelled. Everyone registered gets a message."),
    )
    return page or redirect("events_portal:event-detail", pk=date.event_id)


@require_http_methods(["GET", "POST"])
@event_view
def event_recurrence(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_mine(my_events(request), request, pk)
    form = RecurrenceForm(request.POST or None)
    dates = submitted(
        request,
        form,
        lambda: services.set_recurrence(event=event, by=request.user, **form.recurrence()),
    )
    if dates is not None:
        messages.success(request, _("The rule gives %(n)d dates.") % {"n": len(dates)})
        return redirect("events_portal:event-detail", pk=event.pk)
    context = {"form": form, "event": event, "provider": acting_provider(request)}
    return render(request, "portal/events/recurrence_form.html", context)
