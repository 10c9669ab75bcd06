"""Registrations as personal data: export and erasure with the account, deletion and
expiry of management links, anonymisation after the storage period."""

import datetime

import pytest
from django.utils import timezone
from freezegun import freeze_time

from stadt360.accounts.privacy import export_personal_data
from stadt360.accounts.services import apply_retention
from stadt360.events import services
from stadt360.events.models import Registration, RegistrationStatus
from tests.events.conftest import make_date, make_event, register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_account_exports_its_registrations_by_link_and_by_address() -> None:
    user = UserFactory(email="anna@example.org")
    date = make_date(make_event())
    register(date, "ANNA@example.org")
    other = make_date(make_event(title="Zweites"))
    services.register(
        date_id=other.pk, name="A", email="anders@example.org", consent=True, user=user
    )
    register(other, "fremd@example.org")
    exported = export_personal_data(user=user)["data"]["event_registrations"]
    # an address that is not proven to be the person's is left out of the export
    assert sorted(row["email"] for row in exported) == [
        "[e-mail address removed]",
        "anna@example.org",
    ]
    assert {row["date__event__title"] for row in exported} == {"KI im Mittelstand", "Zweites"}


def test_deleting_the_account_cancels_and_anonymises_and_passes_the_place_on() -> None:
    from stadt360.accounts.services import delete_account

    user = UserFactory(email="anna@example.org")
    date = make_date(make_event(), capacity=1)
    mine = services.register(
        date_id=date.pk, name="Anna", email="anna@example.org", consent=True, user=user
    )
    waiting = register(date, "ben@example.org").registration
    delete_account(user=user, by=user)
    row = Registration.objects.get(pk=mine.registration.pk)
    assert row.status == RegistrationStatus.CANCELLED
    assert (row.name, row.user_id, row.answers, row.anonymised_at is not None) == (
        "",
        None,
        {},
        True,
    )
    assert row.email.endswith("@anonymised.invalid")
    assert services.registration_for_token(mine.token) is None
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.OFFERED


def test_a_person_without_account_deletes_their_data_by_link() -> None:
    date = make_date(make_event(), capacity=1)
    done = register(date, "anna@example.org")
    waiting = register(date, "ben@example.org").registration
    services.delete_registration_data(registration=done.registration)
    assert done.registration.name == ""
    assert done.registration.anonymised_at is not None
    with pytest.raises(services.RegistrationRefused) as error:
        services.management_registration(done.token)
    assert error.value.code == "unknown"
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.OFFERED


def test_management_links_tell_unknown_from_expired() -> None:
    date = make_date(make_event(), days=2)
    done = register(date, "anna@example.org")
    assert services.management_registration(done.token) == done.registration
    for forged in ("", "abc", f"{done.registration.pk}.0000", f"{done.registration.pk + 1}.x"):
        with pytest.raises(services.RegistrationRefused) as error:
            services.management_registration(forged)
        assert error.value.code == "unknown"
    with freeze_time(date.ends_at + datetime.timedelta(days=29)):
        assert services.registration_for_token(done.token) == done.registration
    with freeze_time(date.ends_at + datetime.timedelta(days=31)):
        with pytest.raises(services.RegistrationRefused) as error:
            services.management_registration(done.token)
        assert error.value.code == "expired"
        assert services.registration_for_token(done.token) is None


def test_retention_anonymises_registrations_long_after_their_date(settings) -> None:  # type: ignore[no-untyped-def]
    settings.RETENTION_EVENT_REGISTRATION_DAYS = 90
    old = make_date(make_event(), days=2)
    recent = make_date(make_event(title="Neu"), days=5)
    gone = register(old, "alt@example.org").registration
    services.check_in(registration=gone, by=None)
    kept = register(recent, "neu@example.org").registration
    with freeze_time(old.ends_at + datetime.timedelta(days=91)):
        counts = apply_retention()
    assert counts["event_registrations"] == 1
    gone.refresh_from_db()
    kept.refresh_from_db()
    assert gone.email.endswith("@anonymised.invalid")
    assert gone.name == ""
    assert gone.status == RegistrationStatus.CONFIRMED
    assert gone.checked_in_at is not None
    assert kept.name != ""
    with freeze_time(timezone.now() + datetime.timedelta(days=400)):
        assert apply_retention()["event_registrations"] == 1  # only the recent one is left
