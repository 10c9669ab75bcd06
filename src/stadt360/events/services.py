"""The one place registrations and events are written.

Every rule lives here, so the public form, the API, the portal, imports and tasks cannot
skip one: capacity is never exceeded, one active registration per e-mail and date, closed
and cancelled dates take nobody. Functions are keyword-only and run in one transaction.

Capacity under concurrency: ``register`` locks the date row (``SELECT … FOR UPDATE`` on
PostgreSQL; on SQLite every write transaction starts with ``BEGIN IMMEDIATE`` and so holds
the database's write lock), counts the places held and decides inside the same transaction.
Whoever gets the lock first is served first, so the waiting list keeps the arrival order.
"""

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from .models import (
    HOLDING_STATUSES,
    EventDate,
    EventStatus,
    Registration,
    RegistrationStatus,
)


class RegistrationRefused(Exception):
    """A registration that cannot be taken, with a code for the API and a sentence for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Registered:
    """What ``register`` did: the stored registration and its place on the waiting list
    (``None`` unless waitlisted)."""

    registration: Registration
    position: int | None

    @property
    def token(self) -> str:
        return management_token(self.registration)


TOKEN_SALT = "stadt360.events.registration"


def management_token(registration: Registration) -> str:
    """The secret of the person's management link: ``<id>.<HMAC(id, key)>``."""
    digest = salted_hmac(TOKEN_SALT, f"{registration.pk}:{registration.key}").hexdigest()
    return f"{registration.pk}.{digest[:40]}"


def registration_for_token(token: str) -> Registration | None:
    """The registration a management link stands for, or ``None`` (unknown, forged)."""
    pk, _sep, _digest = token.partition(".")
    if not pk.isdigit():
        return None
    registration = Registration.objects.select_related("date__event").filter(pk=int(pk)).first()
    if registration and constant_time_compare(management_token(registration), token):
        return registration
    return None


def normalise_email(email: str) -> str:
    return email.strip().lower()


def places_held(date: EventDate) -> int:
    return date.registrations.filter(status__in=HOLDING_STATUSES).count()


def places_left(date: EventDate) -> int | None:
    """Free places of ``date``; ``None`` when the date has no limit."""
    if date.capacity is None:
        return None
    return max(date.capacity - places_held(date), 0)


def waiting_position(registration: Registration) -> int:
    """1 for the first on the waiting list: the arrival order (``queued_at``, then ``id``)."""
    ahead = registration.date.registrations.filter(status=RegistrationStatus.WAITLISTED).filter(
        Q(queued_at__lt=registration.queued_at)
        | Q(queued_at=registration.queued_at, id__lt=registration.id)
    )
    return ahead.count() + 1


def check_open(date: EventDate, *, now: Any = None) -> None:
    """Refuse dates nobody can register for (unknown, draft, cancelled, past, closed)."""
    now = now or timezone.now()
    event = date.event
    if event.status != EventStatus.PUBLISHED:
        raise RegistrationRefused("not_published", _("This event is not open for registration."))
    if date.is_cancelled:
        raise RegistrationRefused("cancelled", _("This date has been cancelled."))
    if not event.registration_required:
        raise RegistrationRefused(
            "no_registration", _("This event needs no registration: just come along.")
        )
    if date.starts_at <= now:
        raise RegistrationRefused("past", _("This date has already begun or is over."))
    if date.registration_closes_at and date.registration_closes_at <= now:
        raise RegistrationRefused("closed", _("Registration for this date is closed."))


def register(
    *,
    date_id: int,
    name: str,
    email: str,
    consent: bool,
    answers: Mapping[str, Any] | None = None,
    user: Any = None,
) -> Registered:
    """Register a person for a date: confirmed, waitlisted or waiting for approval.

    Raises ``RegistrationRefused`` for an unknown or closed date, missing consent, a full date
    without waiting list, or an e-mail already registered for the date.
    Confirmation mails are queued on commit (``events.notifications``).
    """
    name, email = name.strip(), normalise_email(email)
    if not consent:
        raise RegistrationRefused("consent", _("Please agree to the processing of your data."))
    try:
        with transaction.atomic():
            date = _locked_date(date_id)
            check_open(date)
            clean_answers = validate_answers(date, answers or {})
            status = _status_for_new(date)
            registration = Registration.objects.create(
                date=date,
                user=user if getattr(user, "is_authenticated", False) else None,
                name=name,
                email=email,
                answers=clean_answers,
                consent_text=date.event.consent_text,
                consented_at=timezone.now(),
                status=status,
                key=secrets.token_hex(16),
            )
            position = (
                waiting_position(registration) if status == RegistrationStatus.WAITLISTED else None
            )
            _queue_confirmation(registration)
    except IntegrityError as exc:
        raise RegistrationRefused(
            "duplicate", _("This e-mail address is already registered for this date.")
        ) from exc
    return Registered(registration, position)


def _locked_date(date_id: int) -> EventDate:
    try:
        return (
            EventDate.objects.select_for_update(of=("self",))
            .select_related("event")
            .get(pk=date_id)
        )
    except EventDate.DoesNotExist:
        raise RegistrationRefused("unknown_date", _("This date does not exist.")) from None


def _status_for_new(date: EventDate) -> str:
    left = places_left(date)
    full = left is not None and (left <= 0 or _waiting_exists(date))
    if full and not date.event.waitlist_enabled:
        raise RegistrationRefused("full", _("This date is fully booked and has no waiting list."))
    if full:
        return RegistrationStatus.WAITLISTED
    if date.event.moderated:
        return RegistrationStatus.PENDING
    return RegistrationStatus.CONFIRMED


def _waiting_exists(date: EventDate) -> bool:
    """People already waiting go first: a newcomer never overtakes the waiting list."""
    return date.registrations.filter(status=RegistrationStatus.WAITLISTED).exists()


def validate_answers(date: EventDate, answers: Mapping[str, Any]) -> dict[str, str]:
    """Only the event's questions, each answer a short text; required ones must be there."""
    questions = {q["key"]: q for q in date.event.questions if isinstance(q, dict) and "key" in q}
    unknown = set(answers) - set(questions)
    if unknown:
        raise RegistrationRefused(
            "answers", _("Unknown question: %(key)s") % {"key": sorted(unknown)[0]}
        )
    clean: dict[str, str] = {}
    for key, question in questions.items():
        value = str(answers.get(key) or "").strip()[:1000]
        if question.get("required") and not value:
            raise RegistrationRefused(
                "answers", _("Please answer: %(label)s") % {"label": question.get("label", key)}
            )
        choices = question.get("choices") or []
        if value and choices and value not in choices:
            raise RegistrationRefused(
                "answers",
                _("Please choose one of the offered answers: %(label)s")
                % {"label": question.get("label", key)},
            )
        if value:
            clean[key] = value
    return clean


def _queue_confirmation(registration: Registration) -> None:
    """Mail the confirmation (with .ics and management link) after commit."""
    from . import notifications

    transaction.on_commit(
        lambda: notifications.send_registration_mail(registration_id=registration.id)
    )
