"""The read side: public and upcoming dates, a person's registrations, the waiting list,
no-shows."""

import pytest
from freezegun import freeze_time

from stadt360.events import selectors, services
from tests.events.conftest import make_date, make_event, register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_public_and_upcoming_dates_leave_out_drafts_and_the_past() -> None:
    event = make_event()
    soon, later = make_date(event, days=2), make_date(event, days=9)
    past = make_date(event, days=-2)
    make_date(make_event(title="Entwurf", status="draft"))
    assert list(selectors.public_dates()) == [past, soon, later]
    assert list(selectors.upcoming_dates()) == [soon, later]
    assert list(selectors.upcoming_dates(1)) == [soon]


def test_a_persons_registrations_and_the_waiting_list_in_order() -> None:
    user = UserFactory()
    date = make_date(make_event(), capacity=1)
    mine = services.register(date_id=date.pk, name="A", email=user.email, consent=True, user=user)
    waiting = [register(date, f"w{n}@example.org").registration for n in range(3)]
    assert list(selectors.registrations_for_person(user)) == [mine.registration]
    assert list(selectors.waiting_list(date)) == waiting
    counted = selectors.registration_counts(type(date).objects.filter(pk=date.pk)).get()
    assert (counted.confirmed, counted.waiting, counted.offered, counted.pending) == (1, 3, 0, 0)


def test_no_shows_are_confirmed_people_not_checked_in_after_the_start() -> None:
    date = make_date(make_event(), days=1)
    came = register(date, "a@example.org").registration
    register(date, "b@example.org")
    services.check_in(registration=came, by=None)
    assert selectors.no_show_count(date) == 0  # not begun yet
    with freeze_time(date.ends_at):
        assert selectors.no_show_count(date) == 1
