"""Registration rules: refusals, the waiting list with offers that expire and pass on,
moderation, moving people, check-in, reminders and messages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from freezegun import freeze_time

from stadt360.events import services
from stadt360.events.models import EventDate, Registration, RegistrationStatus
from tests.events.conftest import make_date, make_event, register

pytestmark = pytest.mark.django_db
S = RegistrationStatus


def refused(date: EventDate, email: str = "x@example.org", **extra) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(services.RegistrationRefused) as error:
        register(date, email, **extra)
    return error.value.code


def statuses(date: EventDate) -> list[str]:
    return list(date.registrations.order_by("pk").values_list("status", flat=True))


def test_confirmed_until_full_then_waiting_in_arrival_order(date: EventDate) -> None:
    services.update_date(date=date, data={"capacity": 2}, by=None)
    results = [register(date, f"p{n}@example.org") for n in range(5)]
    assert [r.registration.status for r in results] == [S.CONFIRMED] * 2 + [S.WAITLISTED] * 3
    assert [r.position for r in results] == [None, None, 1, 2, 3]
    assert services.places_left(date) == 0
    assert services.registration_for_token(results[0].token) == results[0].registration


def test_refusals_have_codes_and_store_nothing(event) -> None:  # type: ignore[no-untyped-def]
    date = make_date(event)
    register(date, "Anna@Example.org")
    assert refused(date, " anna@example.ORG ") == "duplicate"
    assert refused(date, consent=False) == "consent"
    assert refused(date, name=" ") == "invalid"
    with pytest.raises(services.RegistrationRefused) as unknown:
        services.register(date_id=999999, name="A", email="a@example.org", consent=True)
    assert unknown.value.code == "unknown_date"
    assert refused(make_date(event, days=-1)) == "past"
    closing = timezone.now() - datetime.timedelta(minutes=1)
    assert refused(make_date(event, days=2, registration_closes_at=closing)) == "closed"
    cancelled = make_date(event, days=3)
    services.cancel_date(date=cancelled, by=None)
    assert refused(cancelled) == "cancelled"
    draft = make_event(title="Entwurf", status="draft")
    assert refused(make_date(draft)) == "not_published"
    walk_in = make_event(title="Offen", registration_required=False)
    assert refused(make_date(walk_in)) == "no_registration"
    no_list = make_event(title="Klein", waitlist_enabled=False)
    small = make_date(no_list, capacity=1)
    register(small, "first@example.org")
    assert refused(small) == "full"
    assert Registration.objects.count() == 2


def test_a_cancelled_person_may_register_again(date: EventDate) -> None:
    first = register(date, "a@example.org").registration
    services.cancel_registration(registration=first)
    assert register(date, "a@example.org").registration.status == S.CONFIRMED
    with pytest.raises(services.RegistrationRefused):
        services.cancel_registration(registration=first)


def test_answers_follow_the_events_questions() -> None:
    event = make_event(
        questions=[
            {"key": "company", "label": "Firma", "required": True},
            {"key": "diet", "label": "Essen", "choices": ["vegan", "alles"]},
        ]
    )
    date = make_date(event)
    assert refused(date, answers={}) == "answers"
    assert refused(date, answers={"company": "X", "diet": "Fisch"}) == "answers"
    assert refused(date, answers={"company": "X", "shoe": "42"}) == "answers"
    ok = register(date, "a@example.org", answers={"company": " Elster GmbH ", "diet": "vegan"})
    assert ok.registration.answers == {"company": "Elster GmbH", "diet": "vegan"}


def test_a_freed_place_is_offered_to_the_first_waiting_and_the_offer_expires(
    mailoutbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    event = make_event(offer_hold_hours=48)
    date = make_date(event, capacity=1, days=10)
    with django_capture_on_commit_callbacks(execute=True):
        holder = register(date, "holder@example.org").registration
        first = register(date, "first@example.org").registration
        second = register(date, "second@example.org").registration
    mailoutbox.clear()
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=holder)
    first.refresh_from_db()
    assert first.status == S.OFFERED
    assert first.offer_expires_at == pytest.approx(
        start + datetime.timedelta(hours=48), abs=datetime.timedelta(minutes=1)
    )
    assert [m.to[0] for m in mailoutbox] == ["first@example.org"]
    assert "/veranstaltungen/" in mailoutbox[0].body
    # a newcomer does not overtake the waiting list
    assert register(date, "late@example.org").registration.status == S.WAITLISTED
    mailoutbox.clear()
    with freeze_time(start + datetime.timedelta(hours=47)):
        assert services.expire_offers() == 0
    with (
        freeze_time(start + datetime.timedelta(hours=48, minutes=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert services.expire_offers() == 1
        with pytest.raises(services.RegistrationRefused) as late:
            services.accept_offer(registration=first)
    assert late.value.code == "no_offer"
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (S.EXPIRED, S.OFFERED)
    assert sorted(m.to[0] for m in mailoutbox) == ["first@example.org", "second@example.org"]
    accepted = services.accept_offer(registration=second)
    assert accepted.status == S.CONFIRMED
    assert accepted.offer_expires_at is None
    assert services.places_left(date) == 0


def test_an_offer_expired_but_not_yet_passed_on_cannot_be_accepted(date: EventDate) -> None:
    services.update_date(date=date, data={"capacity": 1}, by=None)
    holder = register(date, "a@example.org").registration
    waiting = register(date, "b@example.org").registration
    services.cancel_registration(registration=holder)
    later = timezone.now() + datetime.timedelta(hours=49)
    with freeze_time(later), pytest.raises(services.RegistrationRefused) as error:
        services.accept_offer(registration=waiting)
    assert error.value.code == "offer_expired"


def test_an_offer_is_held_at_most_until_the_date_starts() -> None:
    date = make_date(make_event(offer_hold_hours=48), capacity=1, days=1)
    holder = register(date, "a@example.org").registration
    waiting = register(date, "b@example.org").registration
    services.cancel_registration(registration=holder)
    waiting.refresh_from_db()
    assert waiting.offer_expires_at == date.starts_at


def test_declining_an_offer_passes_it_on_and_leaving_the_list_closes_the_gap(
    date: EventDate,
) -> None:
    services.update_date(date=date, data={"capacity": 1}, by=None)
    holder = register(date, "a@example.org").registration
    b, c, d = (register(date, f"{n}@example.org") for n in "bcd")
    services.cancel_registration(registration=c.registration)  # leaves the waiting list
    d.registration.refresh_from_db()
    assert services.waiting_position(d.registration) == 2
    services.cancel_registration(registration=holder)
    services.decline_offer(registration=b.registration)
    assert statuses(date) == [S.CANCELLED, S.CANCELLED, S.CANCELLED, S.OFFERED]
    with pytest.raises(services.RegistrationRefused):
        services.decline_offer(registration=holder)


def test_moderated_registrations_wait_for_approval_without_holding_a_place(
    mailoutbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    date = make_date(make_event(moderated=True), capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        a = register(date, "a@example.org").registration
        b = register(date, "b@example.org").registration
    assert (a.status, b.status) == (S.PENDING, S.PENDING)
    assert services.places_left(date) == 1
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.approve_registration(registration=a, by=None).status == S.CONFIRMED
        assert services.approve_registration(registration=b, by=None).status == S.WAITLISTED
    assert "1" in mailoutbox[1].body  # the waiting position is named
    with pytest.raises(services.RegistrationRefused):
        services.approve_registration(registration=a, by=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_registration(registration=a, by=None)
    b.refresh_from_db()
    assert b.status == S.OFFERED  # the declined person's place passed on


def test_moving_a_person_respects_capacity_and_frees_the_old_place(world) -> None:  # type: ignore[no-untyped-def]
    event = make_event()
    monday, tuesday = make_date(event, capacity=1, days=5), make_date(event, capacity=1, days=6)
    anna = register(monday, "anna@example.org").registration
    ben = register(monday, "ben@example.org").registration
    token = services.management_token(anna)
    moved = services.move_registration(registration=anna, to_date=tuesday, by=world.users["editor"])
    assert (moved.date_id, moved.status) == (tuesday.pk, S.CONFIRMED)
    assert services.registration_for_token(token) == moved  # the link stays
    ben.refresh_from_db()
    assert ben.status == S.OFFERED
    carl = register(monday, "carl@example.org").registration
    assert (
        services.move_registration(registration=carl, to_date=tuesday, by=None).status
        == S.WAITLISTED
    )
    other = make_date(make_event(title="Anderes"))
    with pytest.raises(services.RegistrationRefused) as error:
        services.move_registration(registration=ben, to_date=other, by=None)
    assert error.value.code == "other_event"
    register(tuesday, "ben@example.org")
    with pytest.raises(services.RegistrationRefused) as duplicate:
        services.move_registration(registration=ben, to_date=tuesday, by=None)
    assert duplicate.value.code == "duplicate"


def test_check_in_only_for_confirmed_and_undo(date: EventDate) -> None:
    services.update_date(date=date, data={"capacity": 1}, by=None)
    there = register(date, "a@example.org").registration
    waiting = register(date, "b@example.org").registration
    assert services.check_in(registration=there, by=None).checked_in_at is not None
    with pytest.raises(services.RegistrationRefused):
        services.check_in(registration=waiting, by=None)
    assert services.undo_check_in(registration=there, by=None).checked_in_at is None


def test_reminders_go_once_to_the_confirmed_of_tomorrows_dates(
    mailoutbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    event = make_event()
    tomorrow, later = make_date(event, capacity=1, days=0.9), make_date(event, days=3)
    register(tomorrow, "a@example.org")
    register(tomorrow, "waiting@example.org")
    register(later, "b@example.org")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders() == 1
        assert services.send_reminders() == 0
    assert [m.to[0] for m in mailoutbox] == ["a@example.org"]
    tomorrow.refresh_from_db()
    assert tomorrow.reminded_at is not None


def test_the_organiser_messages_everyone_still_registered(
    mailoutbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    date = make_date(make_event(), capacity=1)
    register(date, "a@example.org")
    register(date, "b@example.org")
    gone = register(date, "c@example.org").registration
    services.cancel_registration(registration=gone)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        count = services.message_registrants(
            date=date, subject="Raumänderung", body="Wir sind in Saal 2.", by=None
        )
    assert count == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.org", "b@example.org"]
    assert "Wir sind in Saal 2." in mailoutbox[0].body
    with pytest.raises(ValidationError):
        services.message_registrants(date=date, subject=" ", body="x", by=None)


def test_the_periodic_command_runs_both_jobs(date: EventDate) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("events_periodic", stdout=out)
    assert "offers_expired: 0" in out.getvalue()
    assert "reminders: 0" in out.getvalue()
