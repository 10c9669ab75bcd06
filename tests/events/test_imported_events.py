"""Events from a partner's calendar: created, unchanged, updated, dates followed, withdrawn."""

import datetime

import pytest
from django.utils import timezone

from stadt360.core.models import AuditEntry
from stadt360.events import services
from stadt360.events.models import DateStatus, EventSource, EventStatus
from stadt360.imports.models import FeedSource
from tests.events.conftest import register
from tests.factories import ProviderFactory

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)
BASE = (timezone.now() + datetime.timedelta(days=1)).replace(microsecond=0, second=0)


@pytest.fixture
def feed() -> FeedSource:
    provider = ProviderFactory(name="Hackerspace Liebschwitz", verified=True)
    return FeedSource.objects.create(
        provider=provider, name="Kalender", url="https://hs.example/ics"
    )


def slots(*days: int) -> list[tuple[datetime.datetime, datetime.datetime]]:
    base = BASE
    return [
        (base + datetime.timedelta(days=d), base + datetime.timedelta(days=d) + HOUR) for d in days
    ]


def test_upsert_creates_then_knows_unchanged_then_follows_changes(feed: FeedSource) -> None:
    data = {
        "title": "Hackabend",
        "description": "<p>Löten<script>x</script></p>",
        "room": "Werkstatt",
    }
    event, outcome = services.upsert_imported_event(
        feed_source=feed, uid="a@hs", data=data, dates=slots(0, 7)
    )
    assert outcome == "created"
    assert (event.source, event.status, event.organiser) == (
        EventSource.IMPORT,
        EventStatus.PUBLISHED,
        feed.provider,
    )
    assert event.description == "<p>Löten</p>"
    assert event.registration_required is False
    assert event.dates.count() == 2
    again, outcome = services.upsert_imported_event(
        feed_source=feed, uid="a@hs", data=data, dates=slots(0, 7)
    )
    assert (again.pk, outcome) == (event.pk, "unchanged")
    assert again.updated_at == event.updated_at  # nothing written
    moved = {**data, "room": "Keller"}
    _, outcome = services.upsert_imported_event(
        feed_source=feed, uid="a@hs", data=moved, dates=slots(0, 14)
    )
    assert outcome == "updated"
    dates = list(event.dates.order_by("starts_at"))
    assert [d.starts_at for d in dates] == [s for s, _e in slots(0, 14)]
    assert dates[0].sequence == 1  # the place changed
    assert AuditEntry.objects.filter(action__startswith="event.imported_").count() == 2


def test_a_date_with_registrations_that_leaves_the_feed_is_cancelled(feed: FeedSource) -> None:
    data = {"title": "Workshop", "registration_required": True}
    event, _ = services.upsert_imported_event(
        feed_source=feed, uid="w@hs", data=data, dates=slots(0, 7)
    )
    booked = event.dates.order_by("starts_at").last()
    register(booked, "a@example.org")
    services.upsert_imported_event(feed_source=feed, uid="w@hs", data=data, dates=slots(0))
    booked.refresh_from_db()
    assert booked.status == DateStatus.CANCELLED
    _, outcome = services.upsert_imported_event(
        feed_source=feed, uid="w@hs", data=data, dates=slots(0, 7)
    )
    booked.refresh_from_db()
    assert (outcome, booked.status) == ("updated", DateStatus.SCHEDULED)


def test_an_unverified_partner_imports_drafts(feed: FeedSource) -> None:
    feed.provider.verified = False
    feed.provider.save()
    event, _ = services.upsert_imported_event(
        feed_source=feed, uid="d@hs", data={"title": "X"}, dates=slots(0)
    )
    assert event.status == EventStatus.DRAFT


def test_withdraw_cancels_what_the_feed_no_longer_has(feed: FeedSource) -> None:
    for uid in ("a", "b", "c"):
        services.upsert_imported_event(
            feed_source=feed, uid=uid, data={"title": uid}, dates=slots(0)
        )
    assert services.withdraw_imported_events(feed_source=feed, keep_uids={"a"}) == 2
    assert services.withdraw_imported_events(feed_source=feed, keep_uids={"a"}) == 0
    statuses = dict(services.Event.objects.values_list("external_uid", "status"))
    assert statuses == {"a": "published", "b": "cancelled", "c": "cancelled"}
    event, outcome = services.upsert_imported_event(
        feed_source=feed, uid="b", data={"title": "b"}, dates=slots(0)
    )
    assert (outcome, event.status) == ("updated", EventStatus.PUBLISHED)
    assert event.dates.get().status == DateStatus.SCHEDULED
