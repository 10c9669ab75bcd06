"""Events for the tests of the public event pages (``tests/public/test_event_*.py``).

Built with the models directly, as published data looks after ``events.services`` wrote
it (sanitised description, published status), so the pages are tested on their own.
"""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from stadt360.events.models import (
    Audience,
    Event,
    EventDate,
    EventSeries,
    EventSource,
    EventStatus,
    SeriesKind,
    Topic,
)
from stadt360.providers.models import Provider, ProviderKind


def at(days: int, hour: int = 18) -> datetime.datetime:
    """``days`` from today at ``hour`` o'clock in Gera."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


AUDIENCES = {
    "everyone": ("Alle", "Everyone"),
    "pupils": ("Schülerinnen und Schüler", "Pupils"),
    "students": ("Studierende", "Students"),
    "companies": ("Unternehmen", "Companies"),
}


def audience(slug: str) -> Audience:
    """The seeded audience (seeded again where a transactional test flushed the tables)."""
    german, english = AUDIENCES[slug]
    found, _created = Audience.objects.get_or_create(
        slug=slug, defaults={"name": german, "name_de": german, "name_en": english}
    )
    return found


def make_event(slug: str, title: str, **fields: Any) -> Event:
    audiences = fields.pop("audiences", ["everyone"])
    topics = fields.pop("topics", [])
    values = {"status": EventStatus.PUBLISHED, "summary": f"Worum es bei {title} geht."}
    event = Event.objects.create(slug=slug, title=title, **{**values, **fields})
    event.audiences.set([audience(slug) for slug in audiences])
    event.topics.set(topics)
    return event


def add_date(event: Event, days: int, capacity: int | None = 10, **fields: Any) -> EventDate:
    start = at(days, fields.pop("hour", 18))
    return EventDate.objects.create(
        event=event,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        capacity=capacity,
        **fields,
    )


@dataclass
class EventWorld:
    series: EventSeries
    lecture: Event
    lecture_date: EventDate
    second_lecture_date: EventDate
    seminar: Event
    seminar_date: EventDate
    hackerspace: Event
    hackerspace_date: EventDate
    draft: Event
    ai: Topic


def make_event_world() -> EventWorld:
    ai = Topic.objects.create(slug="ki", name="Künstliche Intelligenz", name_en="AI")
    funding = Topic.objects.create(slug="foerderung", name="Förderung", name_en="Funding")
    series = EventSeries.objects.create(
        slug="ki-im-mittelstand",
        title="KI im Mittelstand",
        kind=SeriesKind.LECTURE_SERIES,
        status=EventStatus.PUBLISHED,
        summary="Vorträge über künstliche Intelligenz in kleinen und mittleren Firmen.",
    )
    lecture = make_event(
        "ki-vortrag-sprachmodelle",
        "Sprachmodelle im Betrieb",
        series=series,
        audiences=["companies", "students"],
        topics=[ai],
        room="TGZ Gera, Saal 1",
        street="Ernst-Ruska-Ring 1",
        postcode="07545",
        city="Gera",
        languages=["de"],
        description="<p>Wie <strong>Sprachmodelle</strong> helfen.</p><script>alert(1)</script>",
        accessibility="Der Saal ist stufenlos erreichbar.",
        questions=[
            {"key": "company", "label": "Firma", "required": False, "choices": []},
            {"key": "level", "label": "Vorwissen", "required": True, "choices": ["keins", "etwas"]},
        ],
    )
    seminar = make_event(
        "foerdermittel-seminar",
        "Fördermittel richtig beantragen",
        audiences=["companies"],
        topics=[funding],
        online_url="https://meet.example.org/foerderung",
        is_free=False,
        price=25,
        waitlist_enabled=False,
    )
    hackerspace = make_event(
        "hackerspace-abend",
        "Offener Hackerspace-Abend",
        audiences=["pupils", "everyone"],
        room="Hackerspace Liebschwitz",
        registration_required=False,
        source=EventSource.DEMO,
    )
    draft = make_event("entwurf", "Noch geheim", status=EventStatus.DRAFT)
    add_date(draft, 3)
    return EventWorld(
        series=series,
        lecture=lecture,
        lecture_date=add_date(lecture, 5, capacity=3),
        second_lecture_date=add_date(lecture, 40, capacity=30),
        seminar=seminar,
        seminar_date=add_date(seminar, 10, capacity=1, hour=10),
        hackerspace=hackerspace,
        hackerspace_date=add_date(hackerspace, 7, capacity=None),
        draft=draft,
        ai=ai,
    )


@pytest.fixture
def event_world(db: None) -> EventWorld:
    return make_event_world()


@pytest.fixture
def centre_provider(db: None) -> Provider:
    return Provider.objects.create(
        name="Hackerspace Liebschwitz e. V.",
        slug="hackerspace-liebschwitz",
        kind=ProviderKind.EMPLOYER,
        verified=True,
        postcode="07546",
        city="Gera",
    )
