"""Mails to registrants, all sent through background tasks (``events.tasks``).

The services queue them after commit with ids only; a task loads the registration again,
rebuilds the management link from the id (no secret travels in task arguments) and writes
in the language the person registered in. Every mail is plain text; the confirmation
carries the date as an .ics attachment (``text/calendar; method=PUBLISH``).
"""

from collections.abc import Callable
from email.message import MIMEPart

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from .calendars import calendar_bytes
from .checkin import checkin_url, qr_png
from .models import ACTIVE_STATUSES, EventDate, Registration, RegistrationStatus

SUBJECT_PREFIX = "Gera 360°: "

# --- queueing (called by events.services inside their transaction) --------------------


def _after_commit(enqueue: Callable[[], object]) -> None:
    transaction.on_commit(enqueue)


def send_registration_mail(*, registration_id: int) -> None:
    """Queue the confirmation mail of a new (or moved) registration."""
    from .tasks import send_registration_confirmation

    _after_commit(lambda: send_registration_confirmation.enqueue(registration_id=registration_id))


def queue_mail(kind: str, *, registration_id: int) -> None:
    """Queue one of the status mails (``offer``, ``offer_expired``, ``decision``, ``reminder``)."""
    from .tasks import send_registration_notice

    _after_commit(
        lambda: send_registration_notice.enqueue(kind=kind, registration_id=registration_id)
    )


def queue_date_cancelled(*, date_id: int, message: str = "") -> None:
    """One cancellation mail per person still registered for the date."""
    from .tasks import send_cancellation

    def enqueue() -> None:
        for registration_id in active_ids(date_id):
            send_cancellation.enqueue(registration_id=registration_id, message=message)

    _after_commit(enqueue)


def queue_organiser_message(*, registration_ids: list[int], subject: str, body: str) -> None:
    from .tasks import send_organiser_message

    def enqueue() -> None:
        for registration_id in registration_ids:
            send_organiser_message.enqueue(
                registration_id=registration_id, subject=subject, body=body
            )

    _after_commit(enqueue)


def active_ids(date_id: int) -> list[int]:
    return list(
        Registration.objects.filter(date_id=date_id, status__in=ACTIVE_STATUSES).values_list(
            "pk", flat=True
        )
    )


# --- the mails (called by the tasks) --------------------------------------------------


def load(registration_id: int) -> Registration | None:
    return (
        Registration.objects.select_related("date__event")
        .filter(pk=registration_id, anonymised_at__isnull=True)
        .first()
    )


def management_url(registration: Registration) -> str:
    """The absolute address of the person's management page (``SITE_URL`` + path)."""
    from .services import management_token

    path = reverse("public:event-registration", kwargs={"token": management_token(registration)})
    return settings.SITE_URL.rstrip("/") + path


def when(date: EventDate) -> str:
    local = timezone.localtime(date.starts_at)
    return f"{date_format(local, 'DATE_FORMAT')}, {time_format(local, 'TIME_FORMAT')}"


def where(date: EventDate) -> str:
    event = date.event
    return ", ".join(p for p in (event.room, event.address_line, event.online_url) if p)


def ics_part(date: EventDate) -> MIMEPart:
    part = MIMEPart()
    part.set_content(
        calendar_bytes(date.event.title, [date]).decode(),
        subtype="calendar",
        params={"method": "PUBLISH"},
        disposition="attachment",
        filename="termin.ics",
    )
    return part


def _send(registration: Registration, subject: str, lines: list[str], *, ics: bool = False) -> bool:
    message = EmailMessage(
        subject=SUBJECT_PREFIX + subject,
        body="\n".join(lines) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    if ics:
        message.attach(ics_part(registration.date))
    if registration.status == RegistrationStatus.CONFIRMED:
        message.attach("einlass-qr.png", qr_png(checkin_url(registration)), "image/png")
    message.send()
    return True


def _head(registration: Registration) -> list[str]:
    date = registration.date
    lines = [
        _("Hello %(name)s,") % {"name": registration.name},
        "",
        f"{date.event.title}",
        _("When: %(when)s") % {"when": when(date)},
    ]
    if where(date):
        lines.append(_("Where: %(where)s") % {"where": where(date)})
    return [*lines, ""]


def _foot(registration: Registration) -> list[str]:
    entry = (
        [_("At the entrance, show the attached QR code (or this e-mail) for a quick check-in.")]
        if registration.status == RegistrationStatus.CONFIRMED
        else []
    )
    return [
        *entry,
        "",
        _("View or cancel your registration, or add the date to your calendar:"),
        management_url(registration),
    ]


def _language(registration: Registration) -> translation.override:
    return translation.override(registration.language or settings.LANGUAGE_CODE)


def mail_confirmation(*, registration_id: int) -> bool:
    """Confirmed / waiting list with position / waiting for approval, with .ics and link."""
    from .services import waiting_position

    registration = load(registration_id)
    if registration is None:
        return False
    with _language(registration):
        status = registration.status
        if status == RegistrationStatus.WAITLISTED:
            subject = _("You are on the waiting list")
            text = _(
                "The date is fully booked. You are number %(position)s on the waiting list. "
                "If a place becomes free, we offer it to you by e-mail and hold it for "
                "%(hours)s hours."
            ) % {
                "position": waiting_position(registration),
                "hours": registration.date.event.offer_hold_hours,
            }
        elif status == RegistrationStatus.PENDING:
            subject = _("We have received your registration")
            text = _(
                "The organiser approves registrations for this event. We will write to you as "
                "soon as they have decided."
            )
        elif status == RegistrationStatus.CONFIRMED:
            subject = _("Your place is confirmed")
            text = _("Your place is confirmed. We look forward to seeing you.")
        else:
            return False
        lines = [*_head(registration), text, *_foot(registration)]
        return _send(registration, subject, lines, ics=True)


def mail_notice(*, kind: str, registration_id: int) -> bool:
    registration = load(registration_id)
    if registration is None:
        return False
    compose = NOTICES.get(kind)
    if compose is None:
        return False
    with _language(registration):
        composed = compose(registration)
        if composed is None:
            return False
        subject, text = composed
        lines = [*_head(registration), text, *_foot(registration)]
        return _send(registration, subject, lines, ics=kind in {"decision", "offer"})


def _offer(registration: Registration) -> tuple[str, str] | None:
    if registration.status != RegistrationStatus.OFFERED or registration.offer_expires_at is None:
        return None
    deadline = timezone.localtime(registration.offer_expires_at)
    return _("A place has become free for you"), _(
        "A place has become free and we are holding it for you until %(deadline)s. Accept it "
        "on your registration page (link below); after that it passes to the next person on "
        "the waiting list."
    ) % {
        "deadline": f"{date_format(deadline, 'DATE_FORMAT')}, {time_format(deadline, 'TIME_FORMAT')}"
    }


def _offer_expired(registration: Registration) -> tuple[str, str] | None:
    if registration.status != RegistrationStatus.EXPIRED:
        return None
    return _("Your offer has expired"), _(
        "You did not accept the place in time, so it has passed to the next person on the "
        "waiting list. You are welcome to register again."
    )


def _decision(registration: Registration) -> tuple[str, str] | None:
    from .services import waiting_position

    if registration.status == RegistrationStatus.CONFIRMED:
        return _("Your registration has been approved"), _(
            "The organiser has approved your registration. Your place is confirmed."
        )
    if registration.status == RegistrationStatus.WAITLISTED:
        return _("Your registration has been approved"), _(
            "The organiser has approved your registration, but the date is fully booked. You "
            "are number %(position)s on the waiting list."
        ) % {"position": waiting_position(registration)}
    if registration.status == RegistrationStatus.DECLINED:
        return _("Your registration was declined"), _(
            "Unfortunately the organiser could not accept your registration for this date."
        )
    return None


def _reminder(registration: Registration) -> tuple[str, str] | None:
    if registration.status != RegistrationStatus.CONFIRMED:
        return None
    return _("Reminder: %(title)s") % {"title": registration.date.event.title}, _(
        "A reminder: your place for this date is confirmed, and it begins within a day."
    )


NOTICES: dict[str, Callable[[Registration], tuple[str, str] | None]] = {
    "offer": _offer,
    "offer_expired": _offer_expired,
    "decision": _decision,
    "reminder": _reminder,
}


def mail_cancellation(*, registration_id: int, message: str = "") -> bool:
    registration = load(registration_id)
    if registration is None:
        return False
    with _language(registration):
        lines = [
            *_head(registration),
            _("Unfortunately this date has been cancelled."),
        ]
        if message:
            lines += ["", _("Message from the organiser:"), message]
        return _send(
            registration,
            _("Cancelled: %(title)s") % {"title": registration.date.event.title},
            lines,
            ics=True,
        )


def mail_organiser_message(*, registration_id: int, subject: str, body: str) -> bool:
    registration = load(registration_id)
    if registration is None:
        return False
    with _language(registration):
        lines = [*_head(registration), body, *_foot(registration)]
        return _send(registration, subject, lines)
