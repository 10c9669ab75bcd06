"""Events for the portal's event tests: organisation A's event with two dates, the
centre's own event, B's event, people registered through the real ``register`` service.

Built on ``tests.portal.world.make_world`` (A verified with admin and editor, B with its
admin, a resident, city staff); adds a centre editor and an unverified organisation C.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group
from django.utils import timezone

from stadt360.events import services
from stadt360.events.models import (
    Event,
    EventDate,
    EventSeries,
    EventStatus,
    Registration,
    SeriesKind,
)
from stadt360.providers.models import MemberRole, Provider
from tests.factories import ProviderFactory
from tests.portal.world import World, add_member, make_user, make_world


@dataclass
class EventWorld:
    world: World
    event: Event  # organisation A's, published, two dates
    first: EventDate  # capacity 2, in a week
    second: EventDate  # capacity 5, in two weeks
    centre_event: Event
    series: EventSeries  # organisation A's
    other_event: Event  # organisation B's
    unverified: Provider

    @property
    def users(self) -> dict[str, Any]:
        return self.world.users


def make_event(organiser: Provider | None, title: str, **fields: Any) -> Event:
    fields.setdefault("status", EventStatus.PUBLISHED)
    slug = title.lower().replace(" ", "-")
    return Event.objects.create(organiser=organiser, title=title, slug=slug, **fields)


def make_date(event: Event, *, days: int, capacity: int | None = 10) -> EventDate:
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
    return EventDate.objects.create(
        event=event, starts_at=start, ends_at=start + dt.timedelta(hours=2), capacity=capacity
    )


def register(date: EventDate, name: str, email: str = "", **answers: str) -> Registration:
    email = email or f"{name.split()[0].lower()}@example.org"
    done = services.register(date_id=date.pk, name=name, email=email, consent=True, answers=answers)
    return done.registration


def move_to_past(date: EventDate) -> None:
    """The day has passed (registration refuses past dates, so people register first)."""
    start = timezone.now() - dt.timedelta(days=1)
    EventDate.objects.filter(pk=date.pk).update(
        starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )


def make_event_world() -> EventWorld:
    world = make_world()
    centre = make_user("zentrum@gera.example", mfa=True)
    centre.groups.add(Group.objects.get_or_create(name="centre-editor")[0])
    world.users["centre"] = centre
    unverified = ProviderFactory(name="Neu Verein Test", verified=False)
    world.users["unverified_member"] = make_user("vorstand@c.example", mfa=True)
    add_member(world.users["unverified_member"], unverified, MemberRole.ADMIN)
    event = make_event(
        world.provider,
        "KI im Mittelstand",
        questions=[{"key": "firma", "label": "Firma", "required": False, "choices": []}],
    )
    return EventWorld(
        world=world,
        event=event,
        first=make_date(event, days=7, capacity=2),
        second=make_date(event, days=14, capacity=5),
        centre_event=make_event(None, "Offener Abend"),
        series=EventSeries.objects.create(
            organiser=world.provider,
            title="KI-Vortragsreihe",
            slug="ki-vortragsreihe",
            kind=SeriesKind.LECTURE_SERIES,
        ),
        other_event=make_event(world.other_provider, "Hackerabend"),
        unverified=unverified,
    )
