"""Read-side queries of events for the public pages, the API, the portal and accounts."""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .models import (
    ACTIVE_STATUSES,
    DateStatus,
    EventDate,
    Registration,
    RegistrationStatus,
)


def public_dates() -> QuerySet[EventDate]:
    """Dates of published events (cancelled ones included, marked), with their event."""
    return (
        EventDate.objects.public()
        .select_related("event", "event__series", "event__organiser")
        .order_by("starts_at", "id")
    )


def upcoming_dates(limit: int | None = None) -> QuerySet[EventDate]:
    """Public dates that have not ended yet, soonest first; ``limit`` cuts the list."""
    dates = public_dates().filter(ends_at__gte=timezone.now())
    return dates[:limit] if limit else dates


def registrations_for_person(user: Any) -> QuerySet[Registration]:
    """A signed-in person's registrations (linked to the account), newest date first."""
    if not getattr(user, "is_authenticated", False):
        return Registration.objects.none()
    return (
        Registration.objects.filter(user=user, anonymised_at__isnull=True)
        .select_related("date", "date__event")
        .order_by("-date__starts_at", "-id")
    )


def waiting_list(date: EventDate) -> QuerySet[Registration]:
    """Who waits for a place at ``date``, in arrival order (position = index + 1)."""
    return date.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
        "queued_at", "id"
    )


def no_show_count(date: EventDate) -> int:
    """Confirmed people who were not checked in (0 before the date has begun)."""
    if date.starts_at > timezone.now() or date.status == DateStatus.CANCELLED:
        return 0
    return date.registrations.filter(
        status=RegistrationStatus.CONFIRMED, checked_in_at__isnull=True
    ).count()


def registration_counts(dates: QuerySet[EventDate]) -> QuerySet[EventDate]:
    """``dates`` annotated with ``confirmed``, ``waiting``, ``offered``, ``pending`` counts."""

    def counting(*statuses: str) -> Count:
        return Count("registrations", filter=Q(registrations__status__in=statuses))

    return dates.annotate(
        confirmed=counting(RegistrationStatus.CONFIRMED),
        waiting=counting(RegistrationStatus.WAITLISTED),
        offered=counting(RegistrationStatus.OFFERED),
        pending=counting(RegistrationStatus.PENDING),
        active=counting(*ACTIVE_STATUSES),
    )
