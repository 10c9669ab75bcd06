"""The one place registrations and events are written.

Every rule lives here, so the public form, the API, the portal, imports and tasks cannot
skip one: capacity is never exceeded, one active registration per e-mail and date, closed
and cancelled dates take nobody. Functions are keyword-only and run in one transaction.

Capacity under concurrency: ``register`` locks the date row (``SELECT … FOR UPDATE`` on
PostgreSQL; on SQLite every write transaction starts with ``BEGIN IMMEDIATE`` and so holds
the database's write lock), counts the places held and decides inside the same transaction.
Whoever gets the lock first is served first, so the waiting list keeps the arrival order.
"""

import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date as date_type
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stadt360.core import audit
from stadt360.core.publishing import may_publish, require_verified
from stadt360.core.ui.richtext import clean_html
from stadt360.imports.models import FeedSource
from stadt360.providers.models import Provider

from . import notifications, recurrence
from .models import (
    ACTIVE_STATUSES,
    HOLDING_STATUSES,
    Audience,
    DateStatus,
    Event,
    EventDate,
    EventSeries,
    EventSource,
    EventStatus,
    Organised,
    Registration,
    RegistrationStatus,
    Topic,
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
    digest = salted_hmac(
        TOKEN_SALT, f"{registration.pk}:{registration.key}", algorithm="sha256"
    ).hexdigest()
    return f"{registration.pk}.{digest[:40]}"


def registration_for_token(token: str) -> Registration | None:
    """The registration a management link stands for, or ``None`` (unknown, forged, expired).

    ``management_registration`` tells an unknown link from an expired one.
    """
    try:
        return management_registration(token)
    except RegistrationRefused:
        return None


def _registration_by_token(token: str) -> Registration | None:
    pk, _sep, _digest = token.partition(".")
    if not pk.isdigit() or len(pk) > 18:  # beyond a database integer: never an id
        return None
    registration = Registration.objects.select_related("date__event").filter(pk=int(pk)).first()
    if (
        registration
        and registration.key
        and constant_time_compare(management_token(registration), token)
    ):
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


DEFAULT_CONSENT = gettext_lazy(
    "I agree that the organiser stores my name, e-mail address and answers to run this "
    "event and to write to me about it. I can withdraw my registration at any time with "
    "the link in the confirmation mail."
)


def consent_text_for(event: Event) -> str:
    """What a person agrees to when registering: the organiser's text or the default one."""
    return event.consent_text or str(DEFAULT_CONSENT)


def register(
    *,
    date_id: int,
    name: str,
    email: str,
    consent: bool,
    answers: Mapping[str, Any] | None = None,
    user: Any = None,
    language: str | None = None,
) -> Registered:
    """Register a person for a date: confirmed, waitlisted or waiting for approval.

    Raises ``RegistrationRefused`` for an unknown or closed date, missing consent, a full date
    without waiting list, or an e-mail already registered for the date.
    Confirmation mails are queued on commit (``events.notifications``); they are written in
    ``language`` (default: the active language).
    """
    name, email = name.strip(), normalise_email(email)
    if not name or not _is_email(email):
        raise RegistrationRefused("invalid", _("Please enter your name and e-mail address."))
    if not consent:
        raise RegistrationRefused("consent", _("Please agree to the processing of your data."))
    try:
        with transaction.atomic():
            date = _locked_date(date_id)
            check_open(date)
            clean_answers = validate_answers(date, answers or {})
            if date.registrations.filter(email=email, status__in=ACTIVE_STATUSES).exists():
                raise _duplicate()
            status = _status_for_new(date)
            registration = Registration.objects.create(
                date=date,
                user=user if getattr(user, "is_authenticated", False) else None,
                name=name[:150],
                email=email,
                answers=clean_answers,
                consent_text=consent_text_for(date.event),
                consented_at=timezone.now(),
                status=status,
                key=secrets.token_hex(16),
                language=_language_code(language),
            )
            position = (
                waiting_position(registration) if status == RegistrationStatus.WAITLISTED else None
            )
            notifications.send_registration_mail(registration_id=registration.id)
    except IntegrityError as exc:
        raise _duplicate() from exc
    return Registered(registration, position)


def _is_email(email: str) -> bool:
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True


def _duplicate() -> RegistrationRefused:
    return RegistrationRefused(
        "duplicate", _("This e-mail address is already registered for this date.")
    )


def _language_code(language: str | None) -> str:
    code = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _locked_date(date_id: int) -> EventDate:
    try:
        return _lock(date_id)
    except (EventDate.DoesNotExist, ValueError, TypeError):
        raise RegistrationRefused("unknown_date", _("This date does not exist.")) from None


def _status_for_new(date: EventDate) -> str:
    """Confirmed while places are free, then the waiting list. In a moderated event every
    newcomer waits for approval first (approval then confirms or waitlists), so nobody
    reaches a place through the waiting list's offers without the organiser's yes."""
    left = places_left(date)
    full = left is not None and (left <= 0 or _waiting_exists(date))
    if full and not date.event.waitlist_enabled:
        raise RegistrationRefused("full", _("This date is fully booked and has no waiting list."))
    if date.event.moderated:
        return RegistrationStatus.PENDING
    return RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED


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


# --- Registration side: cancelling, the waiting list, approval, check-in ---------------


def _locked_registration(registration: Registration) -> tuple[Registration, EventDate]:
    """The date row locked first (the order every writer keeps), then the registration."""
    date = _lock(registration.date_id)
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    locked.date = date
    return locked, date


def _sync(stale: Registration, fresh: Registration) -> Registration:
    for field in Registration._meta.concrete_fields:
        setattr(stale, field.attname, getattr(fresh, field.attname))
    stale.date = fresh.date
    return stale


def _record_registration(registration: Registration, action: str, *, by: Any, before: str) -> None:
    """Audit entries for what organisers do (a person acting by link is not audited)."""
    if by is None:
        return
    audit.record(
        registration,
        action,
        by=by,
        provider=registration.date.event.organiser,
        changes={"status": [before, registration.status]},
    )


def cancel_registration(*, registration: Registration, by: Any = None) -> None:
    """The person (by link, ``by=None``) or the organiser cancels; also how someone leaves
    the waiting list. A place it held goes to the first on the waiting list as an offer."""
    _end(registration, RegistrationStatus.CANCELLED, by=by, action="event_registration.cancelled")


def _end(
    registration: Registration,
    status: str,
    *,
    by: Any,
    action: str,
    only: Sequence[str] = ACTIVE_STATUSES,
    notice: str = "",
) -> Registration:
    """Ends an active registration (cancelled, declined); a held place passes on."""
    with transaction.atomic():
        locked, date = _locked_registration(registration)
        if locked.status not in only:
            raise _not_in(only)
        before = locked.status
        locked.status, locked.offer_expires_at = status, None
        if status == RegistrationStatus.CANCELLED:
            locked.cancelled_at = timezone.now()
        locked.save(update_fields=["status", "cancelled_at", "offer_expires_at", "updated_at"])
        _record_registration(locked, action, by=by, before=before)
        if notice:
            notifications.queue_mail(notice, registration_id=locked.pk)
        if before in HOLDING_STATUSES:
            _offer_free_places(date)
    return _sync(registration, locked)


def _not_in(only: Sequence[str]) -> RegistrationRefused:
    if tuple(only) == (RegistrationStatus.OFFERED,):
        return RegistrationRefused("no_offer", _("There is no open offer for this registration."))
    return RegistrationRefused("not_active", _("This registration is no longer active."))


def _offer_free_places(date: EventDate, *, now: datetime | None = None) -> int:
    """Offers every free place to the next on the waiting list (arrival order); the offer
    is held ``offer_hold_hours`` (at most until the date starts). The date must be locked."""
    now = now or timezone.now()
    if date.is_cancelled or date.starts_at <= now or date.event.status != EventStatus.PUBLISHED:
        return 0
    left = places_left(date)
    waiting = date.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
        "queued_at", "id"
    )
    chosen = list(waiting if left is None else waiting[:left])
    deadline = min(now + timedelta(hours=date.event.offer_hold_hours), date.starts_at)
    for registration in chosen:
        registration.status = RegistrationStatus.OFFERED
        registration.offer_expires_at = deadline
        registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
        notifications.queue_mail("offer", registration_id=registration.pk)
    return len(chosen)


def accept_offer(*, registration: Registration) -> Registration:
    """Takes the offered place (before the offer ran out): confirmed."""
    with transaction.atomic():
        locked, _date = _locked_registration(registration)
        if locked.status != RegistrationStatus.OFFERED:
            raise _not_in((RegistrationStatus.OFFERED,))
        if locked.offer_expires_at is None or locked.offer_expires_at <= timezone.now():
            raise RegistrationRefused("offer_expired", _("This offer has expired."))
        locked.status, locked.offer_expires_at = RegistrationStatus.CONFIRMED, None
        locked.save(update_fields=["status", "offer_expires_at", "updated_at"])
        notifications.send_registration_mail(registration_id=locked.pk)
    return _sync(registration, locked)


def decline_offer(*, registration: Registration) -> None:
    """Says no to an offered place: the registration ends, the next person gets the offer."""
    _end(
        registration,
        RegistrationStatus.CANCELLED,
        by=None,
        action="event_registration.offer_declined",
        only=(RegistrationStatus.OFFERED,),
    )


def expire_offers(*, now: datetime | None = None) -> int:
    """Offers not accepted in time expire and pass on to the next; returns how many expired."""
    now = now or timezone.now()
    due = (
        Registration.objects.filter(status=RegistrationStatus.OFFERED, offer_expires_at__lte=now)
        .values_list("date_id", flat=True)
        .distinct()
    )
    expired = 0
    for date_id in list(due):
        with transaction.atomic():
            date = _lock(date_id)
            rows = list(
                date.registrations.select_for_update().filter(
                    status=RegistrationStatus.OFFERED, offer_expires_at__lte=now
                )
            )
            for registration in rows:
                registration.status = RegistrationStatus.EXPIRED
                registration.save(update_fields=["status", "updated_at"])
                notifications.queue_mail("offer_expired", registration_id=registration.pk)
            expired += len(rows)
            _offer_free_places(date, now=now)
    return expired


def approve_registration(*, registration: Registration, by: Any) -> Registration:
    """The organiser approves a pending registration: confirmed when a place is free
    (and nobody waits), otherwise on the waiting list; the mail says which."""
    with transaction.atomic():
        locked, date = _locked_registration(registration)
        if locked.status != RegistrationStatus.PENDING:
            raise RegistrationRefused(
                "not_pending", _("This registration is not waiting for approval.")
            )
        left = places_left(date)
        free = left is None or (left > 0 and not _waiting_exists(date))
        if not free and not date.event.waitlist_enabled:
            raise RegistrationRefused(
                "full", _("This date is fully booked and has no waiting list.")
            )
        locked.status = RegistrationStatus.CONFIRMED if free else RegistrationStatus.WAITLISTED
        locked.save(update_fields=["status", "updated_at"])
        _record_registration(
            locked, "event_registration.approved", by=by, before=RegistrationStatus.PENDING
        )
        notifications.queue_mail("decision", registration_id=locked.pk)
    return _sync(registration, locked)


def decline_registration(*, registration: Registration, by: Any) -> Registration:
    """The organiser declines a registration; a place it held passes on as an offer."""
    return _end(
        registration,
        RegistrationStatus.DECLINED,
        by=by,
        action="event_registration.declined",
        notice="decision",
    )


def move_registration(*, registration: Registration, to_date: EventDate, by: Any) -> Registration:
    """Moves a person to another date of the same event (the organiser's action).

    There they are confirmed when a place is free, else they join the end of the waiting
    list (refused when the date has none). A place they held passes on at the old date.
    The management link stays the same; a new confirmation mail goes out.
    """
    with transaction.atomic():
        first, second = sorted({registration.date_id, to_date.pk})
        dates = {first: _lock(first), second: _lock(second)}
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        old, new = dates[locked.date_id], dates[to_date.pk]
        _check_move(locked, old, new)
        before = locked.status
        left = places_left(new)
        if left is None or (left > 0 and not _waiting_exists(new)):
            locked.status = RegistrationStatus.CONFIRMED
        elif new.event.waitlist_enabled:
            locked.status, locked.queued_at = RegistrationStatus.WAITLISTED, timezone.now()
        else:
            raise RegistrationRefused(
                "full", _("The new date is fully booked and has no waiting list.")
            )
        locked.date, locked.offer_expires_at = new, None
        locked.save(update_fields=["date", "status", "queued_at", "offer_expires_at", "updated_at"])
        audit.record(
            locked,
            "event_registration.moved",
            by=by,
            provider=new.event.organiser,
            changes={"date": [old.pk, new.pk], "status": [before, locked.status]},
        )
        notifications.send_registration_mail(registration_id=locked.pk)
        if before in HOLDING_STATUSES:
            _offer_free_places(old)
    return _sync(registration, locked)


def _check_move(registration: Registration, old: EventDate, new: EventDate) -> None:
    if registration.status not in ACTIVE_STATUSES:
        raise _not_in(ACTIVE_STATUSES)
    if new.pk == old.pk:
        raise RegistrationRefused("same_date", _("The person is already registered for this date."))
    if new.event_id != old.event_id:
        raise RegistrationRefused(
            "other_event", _("People can only be moved to another date of the same event.")
        )
    if new.is_cancelled or new.starts_at <= timezone.now():
        raise RegistrationRefused("closed", _("The new date is cancelled or already over."))
    if new.registrations.filter(email=registration.email, status__in=ACTIVE_STATUSES).exists():
        raise _duplicate()


def check_in(*, registration: Registration, by: Any) -> Registration:
    """Marks a confirmed person as present (by QR code or name search)."""
    return _set_check_in(registration, present=True, by=by)


def undo_check_in(*, registration: Registration, by: Any) -> Registration:
    return _set_check_in(registration, present=False, by=by)


def _set_check_in(registration: Registration, *, present: bool, by: Any) -> Registration:
    with transaction.atomic():
        locked = (
            Registration.objects.select_for_update()
            .select_related("date__event")
            .get(pk=registration.pk)
        )
        if present and locked.status != RegistrationStatus.CONFIRMED:
            raise RegistrationRefused(
                "not_confirmed", _("Only confirmed registrations can be checked in.")
            )
        if (locked.checked_in_at is None) == present:
            locked.checked_in_at = timezone.now() if present else None
            locked.save(update_fields=["checked_in_at", "updated_at"])
            action = "checked_in" if present else "check_in_undone"
            audit.record(
                locked,
                f"event_registration.{action}",
                by=by,
                provider=locked.date.event.organiser,
            )
    return _sync(registration, locked)


def message_registrants(*, date: EventDate, subject: str, body: str, by: Any) -> int:
    """Mails the organiser's message to everyone still registered (one task each)."""
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise ValidationError(_("Please enter a subject and a message."))
    with transaction.atomic():
        ids = notifications.active_ids(date.pk)
        notifications.queue_organiser_message(
            registration_ids=ids, subject=subject[:200], body=body[:5000]
        )
        audit.record(
            date,
            "event_date.registrants_messaged",
            by=by,
            provider=date.event.organiser,
            changes={"subject": ["", subject[:200]], "recipients": [0, len(ids)]},
        )
    return len(ids)


def send_reminders(*, now: datetime | None = None) -> int:
    """Queues the reminder for dates starting within the next day; each date once
    (``reminded_at`` is claimed with a conditional update). Returns the mails queued."""
    now = now or timezone.now()
    due = EventDate.objects.filter(
        status=DateStatus.SCHEDULED,
        event__status=EventStatus.PUBLISHED,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(days=1),
        reminded_at__isnull=True,
    ).values_list("pk", flat=True)
    queued = 0
    for date_id in list(due):
        with transaction.atomic():
            if not EventDate.objects.filter(pk=date_id, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                continue  # another worker took it
            ids = Registration.objects.filter(
                date_id=date_id, status=RegistrationStatus.CONFIRMED
            ).values_list("pk", flat=True)
            for registration_id in ids:
                notifications.queue_mail("reminder", registration_id=registration_id)
                queued += 1
    return queued


def run_periodic(*, now: datetime | None = None) -> dict[str, int]:
    """The periodic work of events (``stadt360 events_periodic``, run by the worker loop)."""
    return {"offers_expired": expire_offers(now=now), "reminders": send_reminders(now=now)}


# --- Management links ------------------------------------------------------------------


def link_expires_at(registration: Registration) -> datetime:
    days = int(getattr(settings, "EVENTS_MANAGEMENT_LINK_DAYS", 30))
    return registration.date.ends_at + timedelta(days=days)


def management_registration(token: str, *, now: datetime | None = None) -> Registration:
    """The registration behind a management link, or ``RegistrationRefused`` with code
    ``unknown`` (never existed, forged, data deleted) or ``expired`` (long after the date)."""
    registration = _registration_by_token(token)
    if registration is None:
        raise RegistrationRefused("unknown", _("This link is not valid."))
    if link_expires_at(registration) <= (now or timezone.now()):
        raise RegistrationRefused("expired", _("This link has expired: the date is long over."))
    return registration


def delete_registration_data(*, registration: Registration) -> None:
    """The person deletes their registration by link: cancelled if still active (a held
    place passes on), then name, address and answers are removed and the link dies."""
    with transaction.atomic():
        if registration.status in ACTIVE_STATUSES:
            cancel_registration(registration=registration)
        anonymise(Registration.objects.filter(pk=registration.pk))
    registration.refresh_from_db()


def anonymise(registrations: Any) -> int:
    """Removes the personal data of ``registrations`` (status and check-in stay for counts)."""
    return registrations.filter(anonymised_at__isnull=True).update(
        name="",
        email=Concat(Cast("id", CharField()), Value("@anonymised.invalid")),
        answers={},
        user=None,
        key="",
        anonymised_at=timezone.now(),
        updated_at=timezone.now(),
    )


# --- Event side: series, events, dates --------------------------------------------------

SERIES_FIELDS = ("slug", "title", "summary", "description", "kind", "status")
EVENT_FIELDS = (
    "slug",
    "title",
    "summary",
    "description",
    "series",
    "status",
    "languages",
    "accessibility",
    "room",
    "online_url",
    "street",
    "postcode",
    "city",
    "latitude",
    "longitude",
    "is_free",
    "price",
    "registration_required",
    "moderated",
    "waitlist_enabled",
    "offer_hold_hours",
    "questions",
    "consent_text",
)
# Changes people must see in their calendars: SEQUENCE+1 on every future date.
CALENDAR_FIELDS = (
    "title",
    "room",
    "online_url",
    "street",
    "postcode",
    "city",
    "latitude",
    "longitude",
    "status",
)
DATE_FIELDS = ("starts_at", "ends_at", "capacity", "registration_closes_at")
TRANSLATED = {"title", "summary", "description", "accessibility"}
QUESTION_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def _field_names(fields: Sequence[str]) -> list[str]:
    """The fields with their per-language twins (``title_de``, ``title_en``)."""
    names: list[str] = []
    for name in fields:
        names.append(name)
        if name in TRANSLATED:
            names.extend(f"{name}_{code}" for code, _label in settings.LANGUAGES)
    return names


def _apply(obj: Organised, data: Mapping[str, Any], fields: Sequence[str]) -> None:
    """Copies the known keys of ``data``; descriptions are sanitised, texts stripped."""
    for name in _field_names(fields):
        if name not in data:
            continue
        value = data[name]
        if name.startswith("description"):
            value = clean_html(value or "")
        elif isinstance(value, str):
            value = value.strip()
        setattr(obj, name, value)
    if not obj.slug:
        obj.slug = _unique_slug(type(obj), obj.title, exclude=obj.pk)


def _unique_slug(model: type[Organised], title: str, *, exclude: int | None) -> str:
    base = (slugify(title) or "veranstaltung")[:100]
    taken = set(
        model._default_manager.filter(slug__startswith=base)
        .exclude(pk=exclude)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _set_tags(obj: Organised, data: Mapping[str, Any]) -> None:
    """``audiences`` and ``topics`` as lists of slugs; an unknown slug is refused."""
    models: tuple[tuple[str, type[Audience] | type[Topic]], ...] = (
        ("audiences", Audience),
        ("topics", Topic),
    )
    for name, model in models:
        if name not in data:
            continue
        slugs = list(dict.fromkeys(data[name] or []))
        found: list[Audience | Topic] = list(model._default_manager.filter(slug__in=slugs))
        if len(found) != len(slugs):
            unknown = sorted(set(slugs) - {item.slug for item in found})
            raise ValidationError({name: _("Unknown: %(slugs)s") % {"slugs": ", ".join(unknown)}})
        getattr(obj, name).set(found)


def _wanted_status(organiser: Provider | None, wanted: str, current: str) -> str:
    """Draft unless publishing is allowed: the centre always, an organisation once verified."""
    if wanted == EventStatus.CANCELLED and current != EventStatus.CANCELLED:
        raise ValidationError({"status": _("Cancel an event with its own action.")})
    if wanted == EventStatus.PUBLISHED and not _may_publish(organiser):
        return EventStatus.DRAFT
    return wanted


def _may_publish(organiser: Provider | None) -> bool:
    return organiser is None or may_publish(organiser)


def _validate_questions(questions: Any) -> None:
    if not isinstance(questions, list):
        raise ValidationError({"questions": _("Questions must be a list.")})
    keys = set()
    for question in questions:
        if not isinstance(question, dict) or not QUESTION_KEY.match(str(question.get("key", ""))):
            raise ValidationError(
                {"questions": _("Every question needs a key (small letters, digits, _).")}
            )
        if question["key"] in keys or not str(question.get("label", "")).strip():
            raise ValidationError(
                {"questions": _("Every question needs a unique key and a label.")}
            )
        if not all(isinstance(c, str) for c in question.get("choices") or []):
            raise ValidationError({"questions": _("Answer choices must be texts.")})
        keys.add(question["key"])


def _save_organised(obj: Organised, data: Mapping[str, Any]) -> None:
    obj.full_clean(exclude=["audiences", "topics"])
    obj.save()
    _set_tags(obj, data)


def _record(
    obj: Any,
    action: str,
    *,
    by: Any,
    before: Mapping[str, Any],
    fields: Sequence[str],
    via: str = "",
) -> None:
    organiser = obj.event.organiser if isinstance(obj, EventDate) else obj.organiser
    changes = audit.changes_between(before, audit.snapshot(obj, fields))
    audit.record(obj, action, by=by, via=via, provider=organiser, changes=changes)


def _attnames(fields: Sequence[str]) -> list[str]:
    return ["series_id" if name == "series" else name for name in fields]


def create_series(
    *, data: Mapping[str, Any], organiser: Provider | None, by: Any, source: str = "manual"
) -> EventSeries:
    with transaction.atomic():
        series = EventSeries(organiser=organiser, source=source)
        _apply(series, data, SERIES_FIELDS)
        series.status = _wanted_status(organiser, series.status, EventStatus.DRAFT)
        _save_organised(series, data)
        _record(series, "event_series.created", by=by, before={}, fields=SERIES_FIELDS)
    return series


def update_series(*, series: EventSeries, data: Mapping[str, Any], by: Any) -> EventSeries:
    with transaction.atomic():
        before = audit.snapshot(series, SERIES_FIELDS)
        _apply(series, data, SERIES_FIELDS)
        series.status = _wanted_status(series.organiser, series.status, before["status"])
        _save_organised(series, data)
        _record(series, "event_series.updated", by=by, before=before, fields=SERIES_FIELDS)
    return series


def create_event(
    *, data: Mapping[str, Any], organiser: Provider | None, by: Any, source: str = "manual"
) -> Event:
    """A new event (draft unless ``data["status"] == "published"`` and publishing is allowed)."""
    with transaction.atomic():
        event = Event(organiser=organiser, source=source)
        _fill_event(event, data, current=EventStatus.DRAFT)
        _record(event, "event.created", by=by, before={}, fields=_attnames(EVENT_FIELDS))
    return event


def _fill_event(event: Event, data: Mapping[str, Any], *, current: str) -> None:
    _prepare_event(event, data, current=current)
    _save_organised(event, data)


def _prepare_event(event: Event, data: Mapping[str, Any], *, current: str) -> None:
    """Applies ``data`` and checks it, without saving."""
    _apply(event, data, EVENT_FIELDS)
    event.status = _wanted_status(event.organiser, event.status, current)
    if event.is_free:
        event.price = None
    _validate_questions(event.questions)
    event.full_clean(exclude=["audiences", "topics"])


def update_event(*, event: Event, data: Mapping[str, Any], by: Any) -> Event:
    """Saves the changes; place, title or status changes raise SEQUENCE of future dates.

    An unverified organisation's published event goes back to draft.
    """
    fields = _attnames(EVENT_FIELDS)
    with transaction.atomic():
        before = audit.snapshot(event, fields)
        _fill_event(event, data, current=before["status"])
        if any(before[name] != getattr(event, name) for name in CALENDAR_FIELDS):
            _bump_sequence(event.dates.filter(ends_at__gte=timezone.now()))
        _record(event, "event.updated", by=by, before=before, fields=fields)
    return event


def _bump_sequence(dates: Any) -> None:
    dates.update(sequence=F("sequence") + 1, updated_at=timezone.now())


def publish_event(*, event: Event, by: Any) -> Event:
    """Makes a draft public; ``UnverifiedProvider`` for an organisation the city did not verify."""
    if event.organiser is not None:
        require_verified(event.organiser)
    if event.status != EventStatus.DRAFT:
        return event
    with transaction.atomic():
        event.status = EventStatus.PUBLISHED
        event.save(update_fields=["status", "updated_at"])
        _bump_sequence(event.dates.all())
        audit.record(
            event,
            "event.published",
            by=by,
            provider=event.organiser,
            changes={"status": [EventStatus.DRAFT, EventStatus.PUBLISHED]},
        )
    return event


def hold_back_events(*, provider: Provider, by: Any, via: str = "") -> int:
    """The city withdrew ``provider``'s verification: its published events and series go
    back to drafts (their pages and feeds stop showing them). Returns how many events."""
    with transaction.atomic():
        events = list(
            Event.objects.select_for_update().filter(
                organiser=provider, status=EventStatus.PUBLISHED
            )
        )
        for event in events:
            event.status = EventStatus.DRAFT
            event.save(update_fields=["status", "updated_at"])
            audit.record(
                event,
                "event.held_back",
                by=by,
                via=via,
                provider=provider,
                changes={"status": [EventStatus.PUBLISHED, EventStatus.DRAFT]},
            )
        EventSeries.objects.filter(organiser=provider, status=EventStatus.PUBLISHED).update(
            status=EventStatus.DRAFT, updated_at=timezone.now()
        )
    return len(events)


def add_date(
    *,
    event: Event,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int | None = None,
    registration_closes_at: datetime | None = None,
    by: Any,
    from_rule: bool = False,
) -> EventDate:
    with transaction.atomic():
        date = EventDate(
            event=event,
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=capacity,
            registration_closes_at=registration_closes_at,
            from_rule=from_rule,
        )
        _save_date(date)
        _record(date, "event_date.created", by=by, before={}, fields=DATE_FIELDS)
    return date


def _save_date(date: EventDate) -> None:
    if date.ends_at and date.starts_at and date.ends_at < date.starts_at:
        raise ValidationError({"ends_at": _("A date cannot end before it starts.")})
    if date.registration_closes_at and date.ends_at and date.registration_closes_at > date.ends_at:
        raise ValidationError(
            {"registration_closes_at": _("Registration cannot close after the date has ended.")}
        )
    date.full_clean()
    date.save()


def update_date(*, date: EventDate, data: Mapping[str, Any], by: Any) -> EventDate:
    """Changes time, capacity or closing time. A new time raises SEQUENCE; more places go
    to the waiting list as offers; fewer places than people holding one are refused."""
    with transaction.atomic():
        locked = _lock(date.pk)
        before = audit.snapshot(locked, DATE_FIELDS)
        for name in DATE_FIELDS:
            if name in data:
                setattr(locked, name, data[name])
        held = places_held(locked)
        if locked.capacity is not None and locked.capacity < held:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(held)s people already hold a place; cancel or move some of them first."
                    )
                    % {"held": held}
                }
            )
        if (before["starts_at"], before["ends_at"]) != (locked.starts_at, locked.ends_at):
            locked.sequence += 1
        _save_date(locked)
        _record(locked, "event_date.updated", by=by, before=before, fields=DATE_FIELDS)
        _offer_free_places(locked)
    _refresh(date, locked)
    return locked


def _refresh(stale: EventDate, fresh: EventDate) -> None:
    """The caller's object shows what was saved."""
    for field in EventDate._meta.concrete_fields:
        setattr(stale, field.attname, getattr(fresh, field.attname))


def _lock(date_id: int) -> EventDate:
    return EventDate.objects.select_for_update(of=("self",)).select_related("event").get(pk=date_id)


def set_recurrence(
    *,
    event: Event,
    first_start: datetime,
    duration: timedelta,
    rule: str,
    exceptions: Sequence[date_type],
    capacity: int | None,
    by: Any,
) -> list[EventDate]:
    """Expands the RFC 5545 ``rule`` into dates (``events.recurrence``) and stores them.

    Dates that still match the rule stay (with their registrations and UIDs); new ones are
    added; dates the rule no longer yields are deleted, or cancelled when people registered.
    A rule that would yield too many dates raises ``ValidationError`` and nothing changes.
    """
    starts = recurrence.expand(rule=rule, first_start=first_start, exceptions=exceptions)
    if duration <= timedelta(0):
        raise ValidationError({"duration": _("The duration must be positive.")})
    with transaction.atomic():
        before = audit.snapshot(event, ("recurrence_rule", "recurrence_exceptions"))
        event.recurrence_rule = recurrence.normalise(rule)
        event.recurrence_exceptions = sorted({d.isoformat() for d in exceptions})
        event.save(update_fields=["recurrence_rule", "recurrence_exceptions", "updated_at"])
        wanted = [(start, start + duration) for start in starts]
        dates = _sync_dates(event, wanted, capacity=capacity, by=by)
        _record(event, "event.recurrence_set", by=by, before=before, fields=tuple(before))
    return dates


def _sync_dates(
    event: Event,
    wanted: Sequence[tuple[datetime, datetime]],
    *,
    by: Any,
    capacity: int | None = None,
    imported: bool = False,
) -> list[EventDate]:
    """Makes the event's dates (of its rule, or of its source calendar) the wanted
    (start, end) pairs. A rule sets the capacity of its dates; a calendar brings back a
    date it had dropped. Future dates no longer wanted are deleted, or cancelled when
    people registered; past dates stay as they were."""
    existing = {d.starts_at: d for d in event.dates.filter(from_rule=not imported)}
    result = []
    for starts_at, ends_at in wanted:
        date = existing.pop(starts_at, None)
        if date is None:
            date = add_date(
                event=event,
                starts_at=starts_at,
                ends_at=ends_at,
                capacity=None if imported else capacity,
                by=by,
                from_rule=not imported,
            )
        else:
            date = _resync_date(date, ends_at, capacity=capacity, imported=imported, by=by)
        result.append(date)
    now = timezone.now()
    for date in existing.values():
        if date.starts_at < now:
            continue
        if date.registrations.exists():
            cancel_date(date=date, by=by)
        else:
            date.delete()
    return result


def _resync_date(
    date: EventDate, ends_at: datetime, *, capacity: int | None, imported: bool, by: Any
) -> EventDate:
    if imported and date.is_cancelled:
        with transaction.atomic():
            EventDate.objects.filter(pk=date.pk).update(
                status=DateStatus.SCHEDULED, sequence=F("sequence") + 1, updated_at=timezone.now()
            )
            date.refresh_from_db()
    changes: dict[str, Any] = {}
    if date.ends_at != ends_at:
        changes["ends_at"] = ends_at
    if not imported and date.capacity != capacity:
        changes["capacity"] = capacity
    return update_date(date=date, data=changes, by=by) if changes else date


def cancel_date(*, date: EventDate, by: Any, message: str = "", via: str = "") -> None:
    """STATUS:CANCELLED, SEQUENCE+1; everyone still registered gets a mail (tasks)."""
    with transaction.atomic():
        locked = _lock(date.pk)
        if locked.is_cancelled:
            return
        locked.status = DateStatus.CANCELLED
        locked.sequence += 1
        locked.save(update_fields=["status", "sequence", "updated_at"])
        audit.record(
            locked,
            "event_date.cancelled",
            by=by,
            via=via,
            provider=locked.event.organiser,
            changes={"status": [DateStatus.SCHEDULED, DateStatus.CANCELLED]},
        )
        notifications.queue_date_cancelled(date_id=locked.pk, message=message)
    _refresh(date, locked)


def cancel_event(*, event: Event, by: Any, message: str = "", via: str = "") -> None:
    """The event and every date still to come are cancelled; registrants get a mail."""
    with transaction.atomic():
        before = event.status
        event.status = EventStatus.CANCELLED
        event.save(update_fields=["status", "updated_at"])
        for date in event.dates.filter(ends_at__gte=timezone.now(), status=DateStatus.SCHEDULED):
            cancel_date(date=date, by=by, message=message, via=via)
        audit.record(
            event,
            "event.cancelled",
            by=by,
            via=via,
            provider=event.organiser,
            changes={"status": [before, EventStatus.CANCELLED]},
        )


def upsert_imported_event(
    *,
    feed_source: FeedSource,
    uid: str,
    data: Mapping[str, Any],
    dates: Sequence[tuple[datetime, datetime]],
    by: Any = None,
) -> tuple[Event, str]:
    """Creates or updates the event of a partner's VEVENT ``uid``; returns it and
    ``"created"``, ``"updated"`` or ``"unchanged"``.

    The feed's organisation organises it; it is published when that organisation is verified
    (a draft otherwise). Its dates become ``dates``: new ones are added, missing future ones
    deleted (or cancelled when people registered). Imported events need no registration
    here unless ``data`` says so.
    """
    organiser = feed_source.provider
    data = {"registration_required": False, "status": EventStatus.PUBLISHED, **data}
    via = f"feed-source:{feed_source.pk}"
    fields = _attnames(EVENT_FIELDS)
    with transaction.atomic():
        event = (
            Event.objects.select_for_update()
            .filter(feed_source=feed_source, external_uid=uid)
            .first()
        )
        outcome = "updated" if event else "created"
        if event is None:
            event = Event(
                organiser=organiser,
                source=EventSource.IMPORT,
                feed_source=feed_source,
                external_uid=uid,
            )
            before: dict[str, Any] = {}
            current = EventStatus.DRAFT
        else:
            before = audit.snapshot(event, fields)
            current = before["status"]
            if current == EventStatus.CANCELLED and data.get("status") == EventStatus.PUBLISHED:
                current = EventStatus.DRAFT  # back in the feed: published again
                event.status = EventStatus.DRAFT
        _prepare_event(event, data, current=current)
        changes = audit.changes_between(before, audit.snapshot(event, fields))
        if changes:
            event.save()
        _set_tags(event, data)
        starts_before = list(event.dates.values_list("starts_at", "ends_at", "status"))
        _sync_dates(event, sorted(dates), by=by, imported=True)
        starts_after = list(event.dates.values_list("starts_at", "ends_at", "status"))
        if outcome == "updated" and not changes and starts_before == starts_after:
            return event, "unchanged"
        if outcome == "updated" and any(n in changes for n in CALENDAR_FIELDS):
            _bump_sequence(event.dates.filter(ends_at__gte=timezone.now()))
        audit.record(
            event, f"event.imported_{outcome}", by=by, via=via, provider=organiser, changes=changes
        )
    return event, outcome


def withdraw_imported_events(*, feed_source: FeedSource, keep_uids: set[str]) -> int:
    """Cancels the feed's events whose UID is no longer in the feed; returns how many."""
    gone = (
        Event.objects.filter(feed_source=feed_source)
        .exclude(external_uid__in=keep_uids)
        .exclude(status=EventStatus.CANCELLED)
    )
    count = 0
    for event in gone:
        cancel_event(event=event, by=None, via=f"feed-source:{feed_source.pk}")
        count += 1
    return count
