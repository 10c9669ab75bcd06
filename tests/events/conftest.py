"""Events: tasks run at once, mails land in ``mailoutbox``, and small builders that go
through the write services (never around them)."""

import datetime
from importlib import import_module
from typing import Any

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from stadt360.events import services
from stadt360.events.models import Event, EventDate


@pytest.fixture(autouse=True)
def _tasks_at_once(immediate_tasks: None) -> None:
    pass


@pytest.fixture(autouse=True)
def _management_page(settings) -> None:  # type: ignore[no-untyped-def]
    """The mails link the management page by name; before the public page exists, a stand-in."""
    try:
        reverse("public:event-registration", kwargs={"token": "1.abc"})
    except NoReverseMatch:
        settings.ROOT_URLCONF = "tests.events.urls"


def make_event(organiser: Any = None, **data: Any) -> Event:
    values = {"title": "KI im Mittelstand", "status": "published", **data}
    return services.create_event(data=values, organiser=organiser, by=None)


def make_date(
    event: Event, *, capacity: int | None = 10, days: float = 7, **extra: Any
) -> EventDate:
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    return services.add_date(
        event=event,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        capacity=capacity,
        by=None,
        **extra,
    )


def register(date: EventDate, email: str, **extra: Any) -> services.Registered:
    values = {"name": email.split("@")[0].title(), "consent": True, **extra}
    return services.register(date_id=date.pk, email=email, **values)


@pytest.fixture
def audiences(db: None) -> None:
    """The audiences migration 0002 seeds (a transactional test elsewhere may have flushed
    them)."""
    from django.apps import apps

    import_module("stadt360.events.migrations.0002_audiences").seed(apps, None)


@pytest.fixture
def event(db: None) -> Event:
    return make_event()


@pytest.fixture
def date(event: Event) -> EventDate:
    return make_date(event)
