"""Registering for a date without an account, and the person's management page.

The form checks only what the person can correct; ``events.services`` decides everything
else (open, free place or waiting list, duplicate e-mail) and its refusals are shown in
the form's error summary, with the input kept. The management page is reached by the
secret link from the confirmation mail (``events.services.management_token``); an
unknown or forged link gets the same "not found" page whatever the reason, so it tells
nothing about other registrations.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stadt360.accounts.throttle import address_block, client_ip, hit
from stadt360.events import services
from stadt360.events.checkin import checkin_url, qr_svg
from stadt360.events.models import ACTIVE_STATUSES, EventDate, Registration, RegistrationStatus
from stadt360.events.selectors import public_dates, registrations_for_person

from .event_display import date_row, with_places
from .event_forms import RegistrationForm

DEFAULT_REGISTRATIONS_PER_HOUR = 20  # per client address: a family or a school class at once
WINDOW_SECONDS = 3600


def check_rate(request: HttpRequest) -> None:
    limit = getattr(
        settings, "STADT360_EVENT_REGISTRATIONS_PER_HOUR", DEFAULT_REGISTRATIONS_PER_HOUR
    )
    sent = hit("event-register", address_block(client_ip(request)), window=WINDOW_SECONDS)
    if sent.over(limit):
        minutes = max(1, -(-sent.retry_after // 60))
        message = ngettext(
            "Many registrations came from your connection in a short time. Nothing has been "
            "stored yet: please send the form again in %(minutes)s minute.",
            "Many registrations came from your connection in a short time. Nothing has been "
            "stored yet: please send the form again in %(minutes)s minutes.",
            minutes,
        ) % {"minutes": minutes}
        raise services.RegistrationRefused("rate_limited", message)


def initial_for(user: Any) -> dict[str, str]:
    """Signed-in people need not type their name and address again."""
    if not getattr(user, "is_authenticated", False):
        return {}
    return {"name": user.get_full_name(), "email": user.email}


def management_url(token: str, **query: str) -> str:
    url = reverse("public:event-registration", kwargs={"token": token})
    return f"{url}?{urlencode(query)}" if query else url


@require_http_methods(["GET", "POST"])
def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    date = get_object_or_404(with_places(public_dates()), pk=pk)
    event = date.event
    data = request.POST if request.method == "POST" else None
    form = RegistrationForm(data, event=event, initial=initial_for(request.user))
    status = 200  # a form with errors is a normal answer; refusals say 409 or 429
    if data is not None and form.is_valid():
        try:
            check_rate(request)
            done = services.register(
                date_id=date.pk,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                consent=form.cleaned_data["consent"],
                answers=form.answers(),
                user=request.user,
                language=get_language(),
            )
        except services.RegistrationRefused as refused:
            form.add_error(None, refused.message)
            status = 429 if refused.code == "rate_limited" else 409
        else:
            return redirect(management_url(done.token, neu="1"))
    context = {"row": date_row(date), "event": event, "form": form}
    return render(request, "public/events/register.html", context, status=status)


# --- The management page ---------------------------------------------------------------

DONE_MESSAGES = {
    "abgesagt": lambda: gettext("Your registration has been cancelled."),
    "angenommen": lambda: gettext("You have accepted the place. See you there!"),
    "abgelehnt": lambda: gettext("You have declined the place. It goes to the next person."),
}


def not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "public/events/registration_missing.html", status=404)


def is_open(registration: Registration) -> bool:
    return registration.status in ACTIVE_STATUSES and registration.date.starts_at > timezone.now()


def management_context(registration: Registration, token: str) -> dict[str, Any]:
    waiting = registration.status == RegistrationStatus.WAITLISTED
    # Any date, not only public ones: an event withdrawn later still shows the person's status.
    dates = EventDate.objects.select_related("event__organiser", "event__series")
    date = with_places(dates).get(pk=registration.date_id)
    return {
        "registration": registration,
        "token": token,
        "row": date_row(date),
        "position": services.waiting_position(registration) if waiting else None,
        "can_cancel": is_open(registration),
        "offered": registration.status == RegistrationStatus.OFFERED,
        "ics_url": reverse("public:event-date-ics", args=[registration.date_id]),
        "checkin_qr": checkin_qr(registration),
    }


def checkin_qr(registration: Registration) -> str:
    """The QR code to show at the entrance (confirmed places of dates to come only)."""
    if registration.status != RegistrationStatus.CONFIRMED or not is_open(registration):
        return ""
    return qr_svg(checkin_url(registration), title=gettext("QR code for the check-in"))


@never_cache  # the person's data: never kept by a shared cache or the browser's history
@require_GET
def registration_page(request: HttpRequest, token: str) -> HttpResponse:
    registration = services.registration_for_token(token)
    if registration is None:
        return not_found(request)
    context = management_context(registration, token)
    context["just_registered"] = request.GET.get("neu") == "1"
    done = DONE_MESSAGES.get(request.GET.get("erledigt", ""))
    context["done"] = done() if done else ""
    return render(request, "public/events/registration.html", context)


def registration_action(
    action: Callable[[Registration, HttpRequest], object], done: str
) -> Callable[[HttpRequest, str], HttpResponse]:
    """A POST view that runs ``action`` on the link's registration and reports the result."""

    @require_POST
    def view(request: HttpRequest, token: str) -> HttpResponse:
        registration = services.registration_for_token(token)
        if registration is None:
            return not_found(request)
        try:
            action(registration, request)
        except services.RegistrationRefused as refused:
            context = management_context(registration, token) | {"error": refused.message}
            return render(request, "public/events/registration.html", context, status=409)
        return redirect(management_url(token, erledigt=done))

    return view


def acting_user(request: HttpRequest) -> Any:
    return request.user if request.user.is_authenticated else None


registration_cancel = registration_action(
    lambda reg, request: services.cancel_registration(registration=reg, by=acting_user(request)),
    "abgesagt",
)
registration_accept = registration_action(
    lambda reg, _request: services.accept_offer(registration=reg), "angenommen"
)
registration_decline = registration_action(
    lambda reg, _request: services.decline_offer(registration=reg), "abgelehnt"
)


# --- "My registrations" (signed in) ----------------------------------------------------


@never_cache
@login_required
@require_GET
def my_registrations(request: HttpRequest) -> HttpResponse:
    registrations = registrations_for_person(request.user)
    now = timezone.now()
    rows = [
        {
            "registration": registration,
            "url": management_url(services.management_token(registration)),
            "past": registration.date.ends_at < now,
        }
        for registration in registrations
    ]
    return render(request, "public/events/my_registrations.html", {"rows": rows})
