"""Event series, events, their dates and the registrations for a date.

An ``Event`` is what people read about (a lecture, a seminar, an open-space evening); its
``EventDate`` rows are when it happens, each with its own capacity, status and iCalendar
identity. A recurring event keeps its RFC 5545 rule and exceptions and has them expanded
into dates (``events.recurrence``). People register for a date, never for an event.
Every write goes through ``events.services``; views, the API, imports and tasks only call it.
"""

import uuid
from typing import Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stadt360.core.models import TimeStamped


class SeriesKind(models.TextChoices):
    LECTURE_SERIES = "lectures", _("Lecture series")
    SEMINAR_SERIES = "seminars", _("Seminar series")
    OPEN_SPACE = "open_space", _("Open-space meet-up")
    HACKERSPACE = "hackerspace", _("Hackerspace evening")
    TRAINING = "training", _("Training")
    SCHOOL_VISIT = "school_visit", _("School visit")
    OTHER = "other", _("Other")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class EventSource(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    IMPORT = "import", _("Imported from a calendar")
    DEMO = "demo", _("Demo data")


class Audience(models.Model):
    """Who an event is for: pupils, students, companies, everyone (seeded by a migration)."""

    slug = models.SlugField(primary_key=True, max_length=20)
    name = models.CharField(_("name"), max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    """What an event is about (AI, funding, data, founding …): a filter on the event pages."""

    slug = models.SlugField(unique=True, max_length=60)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


class Organised(TimeStamped):
    """What a series and an event share: texts, organiser, audience, topics, demo label.

    ``organiser`` empty means the innovation centre itself organises it.
    """

    slug = models.SlugField(_("address name"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    # Sanitised HTML (nh3) written only by events.services.
    description = models.TextField(_("description"), blank=True)
    organiser = models.ForeignKey(
        "providers.Provider",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_%(class)s",
        verbose_name=_("organiser"),
        help_text=_("Empty: the innovation centre organises it."),
    )
    audiences = models.ManyToManyField(
        Audience, blank=True, related_name="%(class)ss", verbose_name=_("audience")
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="%(class)ss", verbose_name=_("topics")
    )
    source = models.CharField(
        _("source"), max_length=8, choices=EventSource.choices, default=EventSource.MANUAL
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def is_demo(self) -> bool:
        return self.source == EventSource.DEMO


class EventSeries(Organised):
    """A lecture series, seminar series, meet-up or training with several events."""

    kind = models.CharField(_("kind"), max_length=12, choices=SeriesKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("event series")
        verbose_name_plural = _("event series")


class EventQuerySet(models.QuerySet):
    def published(self) -> Self:
        return self.filter(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])


class Event(Organised):
    """One event as people read about it; when it happens are its ``dates``."""

    series = models.ForeignKey(
        EventSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_('Language codes, e.g. ["de", "en"].')
    )
    accessibility = models.TextField(_("accessibility notes"), blank=True)
    # Where: a room of the centre, an online link, or an address elsewhere (any of them).
    room = models.CharField(_("room"), max_length=120, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    # Price: free, an amount, or unknown (not free and no amount) – unknown is never "0 €".
    is_free = models.BooleanField(_("free of charge"), default=True)
    price = models.DecimalField(
        _("price in euros"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    # Registration rules (apply to every date of the event).
    registration_required = models.BooleanField(_("registration required"), default=True)
    moderated = models.BooleanField(_("organiser approves registrations"), default=False)
    waitlist_enabled = models.BooleanField(_("waiting list"), default=True)
    offer_hold_hours = models.PositiveSmallIntegerField(
        _("hours a freed place is held for the next on the waiting list"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
    )
    # [{"key": "company", "label": "Firma", "required": false, "choices": []}, …]
    questions = models.JSONField(_("questions at registration"), default=list, blank=True)
    consent_text = models.TextField(_("consent text"), blank=True)
    # Recurrence: an RFC 5545 RRULE (without "RRULE:") from the first date, with exceptions.
    recurrence_rule = models.CharField(_("recurrence rule (RFC 5545)"), max_length=300, blank=True)
    recurrence_exceptions = models.JSONField(
        _("dates left out of the rule"), default=list, blank=True
    )
    # Imported from a partner's calendar: the feed and the VEVENT's UID there.
    feed_source = models.ForeignKey(
        "imports.FeedSource",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    external_uid = models.CharField(_("UID in the source calendar"), max_length=300, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["feed_source", "external_uid"],
                condition=~models.Q(external_uid=""),
                name="event_unique_external_uid",
            ),
        ]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    @property
    def address_line(self) -> str:
        place = f"{self.postcode} {self.city}".strip()
        return ", ".join(part for part in (self.street, place) if part)


class DateStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Takes place")
    CANCELLED = "cancelled", _("Cancelled")


class EventDateQuerySet(models.QuerySet):
    def public(self) -> Self:
        """Dates of published events (cancelled dates stay visible, marked as cancelled)."""
        return self.filter(event__status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])

    def upcoming(self) -> Self:
        return self.filter(ends_at__gte=timezone.now())


def new_uid() -> str:
    return f"{uuid.uuid4()}@stadt360"


class EventDate(TimeStamped):
    """When an event happens: its own capacity, status and iCalendar identity (UID, SEQUENCE)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="dates")
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    # None: no limit. Registrations never exceed it (events.services.register).
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DateStatus.choices, default=DateStatus.SCHEDULED
    )
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    uid = models.CharField(max_length=120, unique=True, default=new_uid, editable=False)
    # RFC 5545 SEQUENCE: raised by every change people must notice (time, place, status).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # Set when generated from the event's recurrence rule (kept apart from dates added by hand).
    from_rule = models.BooleanField(default=False, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = EventDateQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "starts_at"], name="eventdate_unique_start"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="eventdate_ends_after_start",
            ),
        ]
        verbose_name = _("event date")
        verbose_name_plural = _("event dates")

    def __str__(self) -> str:
        return f"{self.event.title} – {timezone.localtime(self.starts_at):%d.%m.%Y %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == DateStatus.CANCELLED


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    OFFERED = "offered", _("Place offered")
    PENDING = "pending_approval", _("Waiting for approval")
    CANCELLED = "cancelled", _("Cancelled")
    DECLINED = "declined", _("Declined by the organiser")
    EXPIRED = "expired", _("Offer expired")


# A registration in one of these states counts for "one per e-mail and date".
ACTIVE_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.OFFERED,
    RegistrationStatus.PENDING,
)
# These hold a place of the date's capacity.
HOLDING_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)


class Registration(TimeStamped):
    """One person for one date. No account needed: the management link is the key.

    The management link's token is an HMAC of the id and ``key`` under the SECRET_KEY
    (``events.services.management_token``): the table alone does not reveal it, and the mail
    task can build it again from the id (no secret travels in task arguments).
    The waiting list is ordered by ``queued_at`` (then ``id``): the arrival order.
    """

    date = models.ForeignKey(EventDate, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    consent_text = models.TextField(_("consent given to"), blank=True)
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RegistrationStatus.choices, db_index=True
    )
    queued_at = models.DateTimeField(_("in the queue since"), default=timezone.now)
    offer_expires_at = models.DateTimeField(_("offer held until"), null=True, blank=True)
    key = models.CharField(max_length=32, editable=False)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # The language of the person's mails (the page's language when they registered).
    language = models.CharField(_("language"), max_length=5, default="de")
    # Set when name, address and answers were removed (by the person or after the date).
    anonymised_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)

    class Meta:
        ordering = ["date", "queued_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "email"],
                condition=models.Q(status__in=[s.value for s in ACTIVE_STATUSES]),
                name="registration_one_active_per_email",
            ),
        ]
        indexes = [models.Index(fields=["date", "status", "queued_at"])]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return f"{self.name} – {self.date}"
