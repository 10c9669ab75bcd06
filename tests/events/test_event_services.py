"""The event side of events.services: texts, publish rule, tags, dates, SEQUENCE, audit,
cancellation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from stadt360.core.models import AuditEntry
from stadt360.core.publishing import UnverifiedProvider
from stadt360.events import services
from stadt360.events.models import DateStatus, EventStatus, RegistrationStatus
from tests.events.conftest import make_date, make_event, register
from tests.factories import ProviderFactory

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p onclick="steal()">Vortrag <strong>KI</strong><script>alert(1)</script></p>'
    '<img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>'
    '<a href="https://dhge.de">DHGE</a><iframe src="https://evil.example"></iframe>'
    "<style>body{display:none}</style>"
)


def test_hostile_html_in_descriptions_is_sanitised_in_every_language() -> None:
    event = make_event(description=HOSTILE, description_en=HOSTILE)
    for text in (event.description, event.description_en):
        assert "<script" not in text
        assert "onclick" not in text
        assert "onerror" not in text
        assert "javascript:" not in text
        assert "<iframe" not in text
        assert "<style" not in text
        assert "<strong>KI</strong>" in text
        assert 'href="https://dhge.de"' in text
        assert 'rel="noopener noreferrer"' in text
    series = services.create_series(
        data={"title": "Reihe", "kind": "lectures", "description": HOSTILE}, organiser=None, by=None
    )
    assert "<script" not in series.description


def test_slugs_are_unique_and_made_from_the_title() -> None:
    first, second = make_event(), make_event()
    assert first.slug == "ki-im-mittelstand"
    assert second.slug == "ki-im-mittelstand-2"


def test_the_centre_publishes_an_unverified_organisation_stays_draft() -> None:
    assert make_event().status == EventStatus.PUBLISHED
    unverified = ProviderFactory(verified=False)
    event = make_event(organiser=unverified)
    assert event.status == EventStatus.DRAFT
    with pytest.raises(UnverifiedProvider):
        services.publish_event(event=event, by=None)
    services.update_event(event=event, data={"status": "published"}, by=None)
    assert event.status == EventStatus.DRAFT
    verified = ProviderFactory(verified=True)
    draft = make_event(organiser=verified, status="draft")
    services.publish_event(event=draft, by=None)
    assert draft.status == EventStatus.PUBLISHED
    series = services.create_series(
        data={"title": "R", "kind": "lectures", "status": "published"},
        organiser=unverified,
        by=None,
    )
    assert series.status == EventStatus.DRAFT


def test_an_event_is_cancelled_only_by_its_own_action() -> None:
    event = make_event()
    with pytest.raises(ValidationError):
        services.update_event(event=event, data={"status": "cancelled"}, by=None)


@pytest.mark.usefixtures("audiences")
def test_audiences_and_topics_are_set_by_slug_and_unknown_ones_refused() -> None:
    event = make_event(audiences=["pupils", "students"])
    assert sorted(event.audiences.values_list("slug", flat=True)) == ["pupils", "students"]
    with pytest.raises(ValidationError) as error:
        make_event(title="Zweites", audiences=["aliens"])
    assert "aliens" in str(error.value)


def test_invalid_fields_are_refused_with_nothing_stored() -> None:
    with pytest.raises(ValidationError):
        make_event(online_url="nicht eine adresse")
    with pytest.raises(ValidationError):
        make_event(questions=[{"key": "Firma!", "label": "Firma"}])
    with pytest.raises(ValidationError):
        make_event(offer_hold_hours=0)
    assert not services.Event.objects.exists()


def test_a_free_event_has_no_price() -> None:
    event = make_event(is_free=True, price="12.50")
    assert event.price is None
    paid = make_event(title="Kurs", is_free=False, price="12.50")
    assert str(paid.price) == "12.50"


def test_place_and_time_changes_raise_the_sequence_of_future_dates() -> None:
    event = make_event(room="Saal 1")
    date = make_date(event)
    services.update_event(event=event, data={"summary": "neu"}, by=None)
    date.refresh_from_db()
    assert date.sequence == 0
    services.update_event(event=event, data={"room": "Saal 2"}, by=None)
    date.refresh_from_db()
    assert date.sequence == 1
    services.update_date(date=date, data={"capacity": 20}, by=None)
    assert date.sequence == 1
    later = date.starts_at + datetime.timedelta(hours=1)
    services.update_date(
        date=date,
        data={"starts_at": later, "ends_at": later + datetime.timedelta(hours=1)},
        by=None,
    )
    assert date.sequence == 2
    date.refresh_from_db()
    assert date.starts_at == later


def test_a_date_cannot_end_before_it_starts_or_share_a_start() -> None:
    event = make_event()
    start = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(ValidationError):
        services.add_date(
            event=event, starts_at=start, ends_at=start - datetime.timedelta(hours=1), by=None
        )
    services.add_date(event=event, starts_at=start, ends_at=start, by=None)
    with pytest.raises(ValidationError):
        services.add_date(event=event, starts_at=start, ends_at=start, by=None)


def test_capacity_cannot_drop_below_the_places_held() -> None:
    date = make_date(make_event(), capacity=3)
    for n in range(3):
        register(date, f"p{n}@example.org")
    with pytest.raises(ValidationError) as error:
        services.update_date(date=date, data={"capacity": 2}, by=None)
    assert "3" in str(error.value)
    date.refresh_from_db()
    assert date.capacity == 3


def test_organiser_actions_are_audited(world) -> None:  # type: ignore[no-untyped-def]
    organiser = world.provider
    event = make_event(organiser=organiser)
    services.update_event(event=event, data={"title": "Neu"}, by=world.users["editor"])
    date = make_date(event)
    services.cancel_date(date=date, by=world.users["editor"], message="Krank")
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", "provider_id"))
    assert actions == [
        ("event.created", organiser.pk),
        ("event.updated", organiser.pk),
        ("event_date.created", organiser.pk),
        ("event_date.cancelled", organiser.pk),
    ]
    assert AuditEntry.objects.get(action="event.updated").changes["title"] == [
        "KI im Mittelstand",
        "Neu",
    ]


def test_cancelling_a_date_marks_it_and_mails_everyone_registered(
    mailoutbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    date = make_date(make_event(), capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        register(date, "a@example.org")
        waiting = register(date, "b@example.org").registration
        services.cancel_registration(registration=waiting)
        register(date, "c@example.org")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_date(date=date, by=None, message="Der Referent ist erkrankt.")
    date.refresh_from_db()
    assert (date.status, date.sequence) == (DateStatus.CANCELLED, 1)
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.org", "c@example.org"]
    mail = mailoutbox[0]
    assert mail.subject == "Gera 360°: Abgesagt: KI im Mittelstand"
    assert "Der Referent ist erkrankt." in mail.body
    ics = list(mail.attachments)
    assert "STATUS:CANCELLED" in ics[0].get_content()
    with pytest.raises(services.RegistrationRefused) as refused:
        register(date, "d@example.org")
    assert refused.value.code == "cancelled"
    services.cancel_date(date=date, by=None)  # twice is harmless
    date.refresh_from_db()
    assert date.sequence == 1


def test_cancelling_an_event_cancels_its_future_dates_only() -> None:
    event = make_event()
    future = make_date(event)
    past = make_date(event, days=-3)
    services.cancel_event(event=event, by=None)
    event.refresh_from_db()
    future.refresh_from_db()
    past.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert future.status == DateStatus.CANCELLED
    assert past.status == DateStatus.SCHEDULED


def test_raising_the_capacity_offers_the_new_places_in_arrival_order() -> None:
    date = make_date(make_event(), capacity=1)
    people = [register(date, f"p{n}@example.org").registration for n in range(4)]
    services.update_date(date=date, data={"capacity": 3}, by=None)
    statuses = [r.status for r in services.Registration.objects.order_by("pk")]
    assert statuses == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.OFFERED,
        RegistrationStatus.OFFERED,
        RegistrationStatus.WAITLISTED,
    ]
    assert people[3].pk == services.Registration.objects.get(status="waitlisted").pk


def test_events_of_an_organisation_that_loses_verification_go_back_to_drafts() -> None:
    provider = ProviderFactory(verified=True)
    event = make_event(organiser=provider)
    make_event(title="Andere")
    assert services.hold_back_events(provider=provider, by=None, via="review") == 1
    event.refresh_from_db()
    assert event.status == EventStatus.DRAFT
    assert services.Event.objects.filter(status=EventStatus.PUBLISHED).count() == 1


def test_absurd_management_tokens_are_unknown() -> None:
    for token in ("9" * 40 + ".abc", "-1.x", "1e5.x", "..", "1." + "a" * 5000):
        assert services.registration_for_token(token) is None
