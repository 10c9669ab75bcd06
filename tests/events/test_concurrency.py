"""Capacity under concurrency: 50 people register at once for a date with 10 places.

Real threads, each with its own database connection, start together at a barrier and call
the real ``register`` (``transactional_db``: every registration commits for real). On
PostgreSQL the date row is locked (``SELECT … FOR UPDATE``); on SQLite every write
transaction starts with ``BEGIN IMMEDIATE`` on the test database file (settings: the SQLite
test database is a file, so the threads share it and wait for its lock).

Exactly 10 are confirmed, 40 wait; the waiting positions each caller was told are 1..40
without gaps or repeats, and they follow the order the registrations were committed in:
the serialised order (``queued_at``, then ``id``, both taken under the lock).
"""

import threading
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.db import connection

from stadt360.events import services
from stadt360.events.models import Registration, RegistrationStatus
from tests.events.conftest import make_date, make_event

PEOPLE = 50
PLACES = 10


def at_once(calls: list[Callable[[], Any]]) -> list[Any]:
    """Runs every call in its own thread (own connection), all released together."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = []
    errors: list[BaseException] = []

    def run(call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results.append(call())
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def registration(date_id: int, email: str) -> Callable[[], services.Registered]:
    return lambda: services.register(date_id=date_id, name="Person", email=email, consent=True)


def register_at_once(date_id: int) -> list[tuple[str, str, int | None]]:
    calls = [registration(date_id, f"person{n:02d}@example.org") for n in range(PEOPLE)]
    return [
        (done.registration.email, done.registration.status, done.position)
        for done in at_once(calls)
    ]


@pytest.mark.django_db(transaction=True)
def test_fifty_at_once_for_ten_places_confirm_ten_and_queue_forty_in_order() -> None:
    date = make_date(make_event(), capacity=PLACES)
    results = register_at_once(date.pk)

    told = {email: (status, position) for email, status, position in results}
    assert len(told) == PEOPLE
    confirmed = [e for e, (status, _p) in told.items() if status == RegistrationStatus.CONFIRMED]
    waiting = {e: p for e, (status, p) in told.items() if status == RegistrationStatus.WAITLISTED}
    assert len(confirmed) == PLACES
    assert len(waiting) == PEOPLE - PLACES
    assert sorted(waiting.values()) == list(range(1, PEOPLE - PLACES + 1))

    stored = list(Registration.objects.filter(date=date).order_by("queued_at", "id"))
    assert [r.status for r in stored] == (
        [RegistrationStatus.CONFIRMED] * PLACES
        + [RegistrationStatus.WAITLISTED] * (PEOPLE - PLACES)
    )
    # the commit order: ids and queued_at were both taken under the lock, so they agree
    assert [r.pk for r in stored] == sorted(r.pk for r in stored)
    queue = [r.email for r in stored[PLACES:]]
    assert [waiting[email] for email in queue] == list(range(1, PEOPLE - PLACES + 1))
    assert [services.waiting_position(r) for r in stored[PLACES:]] == list(
        range(1, PEOPLE - PLACES + 1)
    )
    assert services.places_left(date) == 0


@pytest.mark.django_db(transaction=True)
def test_a_place_freed_while_others_register_goes_to_the_first_waiting() -> None:
    """Cancellations racing registrations never push the count over capacity."""
    date = make_date(make_event(), capacity=PLACES)
    register_at_once(date.pk)
    holders = list(Registration.objects.filter(date=date, status=RegistrationStatus.CONFIRMED))
    cancels = [partial(services.cancel_registration, registration=r) for r in holders[:5]]
    newcomers = [registration(date.pk, f"neu{n}@example.org") for n in range(5)]
    at_once([*cancels, *newcomers])
    held = Registration.objects.filter(date=date, status__in=services.HOLDING_STATUSES)
    assert held.count() == PLACES
    offered = Registration.objects.filter(date=date, status=RegistrationStatus.OFFERED)
    first_five_waiting = list(
        Registration.objects.filter(date=date)
        .exclude(email__startswith="neu")
        .exclude(status=RegistrationStatus.CANCELLED)
        .order_by("queued_at", "id")[PLACES - 5 : PLACES]
    )
    assert set(offered) == set(first_five_waiting)
    newcomers_waiting = Registration.objects.filter(
        date=date, email__startswith="neu", status=RegistrationStatus.WAITLISTED
    )
    assert newcomers_waiting.count() == 5
