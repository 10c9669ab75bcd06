"""Portal pages of one date's registrations: the list and waiting list, the actions on a
person (approve, decline, cancel, move, check in), a message to all, the CSV export and
the check-in on the day (name search, or the QR code from the confirmation).
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stadt360.events import services
from stadt360.events.checkin import registration_for_checkin_code
from stadt360.events.models import (
    ACTIVE_STATUSES,
    DateStatus,
    EventDate,
    Registration,
    RegistrationStatus,
)
from stadt360.events.services import RegistrationRefused

from .event_access import acting_provider, event_view, get_mine, my_dates, my_registrations
from .event_csv import attendee_csv
from .event_forms import MessageForm, MoveForm, SearchForm
from .event_views import no_shows, with_counts

# action in the URL → (service in events.services, message after success)
ACTIONS: dict[str, tuple[str, Any]] = {
    "bestaetigen": ("approve_registration", gettext_lazy("%(name)s is approved.")),
    "ablehnen": ("decline_registration", gettext_lazy("%(name)s is declined.")),
    "stornieren": (
        "cancel_registration",
        gettext_lazy("The registration of %(name)s is cancelled."),
    ),
    "einchecken": ("check_in", gettext_lazy("%(name)s is checked in.")),
    "einchecken-zuruecknehmen": (
        "undo_check_in",
        gettext_lazy("The check-in of %(name)s was taken back."),
    ),
}


def counted_date(request: HttpRequest, pk: int) -> EventDate:
    date = get_mine(with_counts(my_dates(request)), request, pk)
    date.no_shows = no_shows(date)
    return date


def with_positions(registrations: list[Registration]) -> list[tuple[Registration, int | None]]:
    """Each registration with its place on the waiting list (arrival order), else None."""
    waiting = sorted(
        (r for r in registrations if r.status == RegistrationStatus.WAITLISTED),
        key=lambda r: (r.queued_at, r.pk),
    )
    positions = {r.pk: number for number, r in enumerate(waiting, start=1)}
    return [(r, positions.get(r.pk)) for r in registrations]


def label_answers(registrations: list[Registration], questions: list[dict[str, Any]]) -> None:
    """``answer_list``: (question label, answer) of each registration, in the event's order."""
    labels = [(q["key"], q.get("label", q["key"])) for q in questions if isinstance(q, dict)]
    for registration in registrations:
        answers = registration.answers or {}
        registration.answer_list = [(label, answers[k]) for k, label in labels if answers.get(k)]  # type: ignore[attr-defined]


def other_dates(date: EventDate) -> list[EventDate]:
    """Where a person can be moved: the event's other dates still to come."""
    dates = date.event.dates.upcoming().filter(status=DateStatus.SCHEDULED).exclude(pk=date.pk)
    return list(dates.select_related("event"))


@require_GET
@event_view
def date_registrations(request: HttpRequest, pk: int) -> HttpResponse:
    date = counted_date(request, pk)
    registrations = list(date.registrations.all())
    label_answers(registrations, date.event.questions or [])
    rows = with_positions(registrations)
    targets = other_dates(date)
    context = {
        "date": date,
        "event": date.event,
        "active": [(r, p) for r, p in rows if r.status in ACTIVE_STATUSES and p is None],
        "waiting": sorted(((r, p) for r, p in rows if p is not None), key=lambda row: row[1]),
        "inactive": [(r, p) for r, p in rows if r.status not in ACTIVE_STATUSES],
        "move_form": MoveForm(dates=targets) if targets else None,
        "provider": acting_provider(request),
    }
    return render(request, "portal/events/date_registrations.html", context)


def back(request: HttpRequest, registration: Registration) -> HttpResponse:
    """To the page the action came from (the check-in page), else the date's registrations."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("events_portal:date-registrations", pk=registration.date_id)


def report(request: HttpRequest, call: Any, success: str) -> None:
    """Runs a registration service and says what came of it."""
    try:
        call()
    except RegistrationRefused as refused:
        messages.error(request, refused.message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)


@require_POST
@event_view
def registration_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    registration = get_mine(my_registrations(request), request, pk)
    run_action(request, registration, action)
    return back(request, registration)


def run_action(request: HttpRequest, registration: Registration, action: str) -> None:
    name, success = ACTIONS[action]
    service = getattr(services, name)
    report(
        request,
        lambda: service(registration=registration, by=request.user),
        str(success) % {"name": registration.name},
    )


@require_POST
@event_view
def registration_move(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_mine(my_registrations(request), request, pk)
    form = MoveForm(request.POST, dates=other_dates(registration.date))
    if not form.is_valid():
        messages.error(request, _("Please choose another date of this event."))
        return back(request, registration)
    target = form.target()
    report(
        request,
        lambda: services.move_registration(
            registration=registration, to_date=target, by=request.user
        ),
        _("%(name)s was moved to %(date)s.") % {"name": registration.name, "date": target},
    )
    return back(request, registration)


@require_http_methods(["GET", "POST"])
@event_view
def date_message(request: HttpRequest, pk: int) -> HttpResponse:
    date = counted_date(request, pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.message_registrants(date=date, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The message goes to %(n)d registered people.") % {"n": sent}
            )
            return redirect("events_portal:date-registrations", pk=date.pk)
    context = {"form": form, "date": date, "provider": acting_provider(request)}
    return render(request, "portal/events/date_message.html", context)


@require_GET
@event_view
def date_export(request: HttpRequest, pk: int) -> HttpResponse:
    date = get_mine(my_dates(request), request, pk)
    registrations = list(date.registrations.filter(status__in=ACTIVE_STATUSES))
    content = attendee_csv(date, with_positions(registrations))
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    day = timezone.localtime(date.starts_at)
    name = f"teilnehmende-{date.event.slug}-{day:%Y-%m-%d-%H%M}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
@event_view
def date_checkin(request: HttpRequest, pk: int) -> HttpResponse:
    """Check-in on the day: find a person by name or e-mail, check them in with one button."""
    date = counted_date(request, pk)
    form = SearchForm(request.GET or None)
    found: list[Registration] = []
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    if query:
        matches = Q(name__icontains=query) | Q(email__icontains=query)
        found = list(date.registrations.filter(matches, status=RegistrationStatus.CONFIRMED)[:50])
    context = {
        "date": date,
        "form": form,
        "query": query,
        "found": found,
        "here": request.get_full_path(),
        "provider": acting_provider(request),
    }
    return render(request, "portal/events/date_checkin.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def checkin_code(request: HttpRequest, code: str) -> HttpResponse:
    """The QR code's address: the organiser confirms with one POST; anyone else gets a 404."""
    registration = registration_for_checkin_code(code)
    if registration is None or not request.user.has_perm(
        "events.manage_event", registration.date.event
    ):
        raise Http404
    if request.method == "POST":
        run_action(request, registration, "einchecken")
        return redirect("events_portal:date-checkin", pk=registration.date_id)
    context = {
        "registration": registration,
        "date": registration.date,
        "provider": acting_provider(request),
    }
    return render(request, "portal/events/checkin_code.html", context)
