"""Guessing TOTP codes is limited and then locked, with a real authenticator and real codes.

A person who knows the password reaches the code step. allauth's ``login_failed`` rate
limit answers only a few wrong codes; after ``MFA_FAILURE_LIMIT`` wrong codes the
second factor is locked for ``MFA_LOCK_MINUTES``, and then even the right code is
refused with a message that says why and for how long.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils.translation import override
from freezegun import freeze_time

from tests.accounts.sessions import sign_in_with_second_factor
from tests.accounts.totp import current_code
from tests.portal.world import PASSWORD, add_totp, make_user

pytestmark = pytest.mark.django_db

EMAIL = "sachbearbeiterin@a.example"
INCORRECT = "Incorrect code."
TOO_MANY = "Too many failed login attempts"
LOCKED = "Too many wrong codes"


def url(name: str) -> str:
    """The English page (the German catalogue is merged by the integrator)."""
    with override("en"):
        return reverse(name)


@pytest.fixture
def secret():
    return add_totp(make_user(EMAIL))


def wrong_code(secret: str) -> str:
    return f"{(int(current_code(secret)) + 1) % 1_000_000:06d}"


def reach_code_step(client) -> None:
    response = client.post(url("account_login"), {"login": EMAIL, "password": PASSWORD})
    assert response["Location"] == url("mfa_authenticate")


def send_code(client, code: str) -> str:
    return client.post(url("mfa_authenticate"), {"code": code}).content.decode()


def test_a_burst_of_wrong_codes_is_not_all_answered(client, secret) -> None:
    """The tester's attack (60 wrong codes in 2 s), shortened: allauth answers five, then refuses."""
    reach_code_step(client)
    pages = [send_code(client, wrong_code(secret)) for _ in range(20)]

    assert sum(INCORRECT in page for page in pages) == 5
    assert all(TOO_MANY in page for page in pages[5:])
    # Even the right code is refused now, and nobody is signed in.
    assert TOO_MANY in send_code(client, current_code(secret))
    assert "_auth_user_id" not in client.session


def test_wrong_codes_lock_the_second_factor_even_for_the_right_code(
    client, secret, settings
) -> None:
    # allauth's short limit out of the way: this is about the lock behind it.
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "1000/m/ip,1000/m/key"}
    settings.MFA_FAILURE_LIMIT = 3
    settings.MFA_LOCK_MINUTES = 30
    reach_code_step(client)
    for _ in range(2):
        assert INCORRECT in send_code(client, wrong_code(secret))
    page = send_code(client, wrong_code(secret))  # the third wrong code locks
    assert INCORRECT in page

    page = send_code(client, current_code(secret))
    assert LOCKED in page
    assert "30 minutes" in page
    assert "_auth_user_id" not in client.session

    # From another address and a fresh sign-in it is the same person's lock.
    other = client.__class__(REMOTE_ADDR="198.51.100.7")
    reach_code_step(other)
    assert LOCKED in send_code(other, current_code(secret))

    # After the lock period the right code signs in (a new sign-in: the old one timed out).
    with freeze_time(datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=31)):
        reach_code_step(other)
        response = other.post(url("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert other.session["_auth_user_id"]


def test_a_right_code_clears_the_count(client, secret, settings) -> None:
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "1000/m/ip,1000/m/key"}
    settings.MFA_FAILURE_LIMIT = 3
    reach_code_step(client)
    for _ in range(2):
        send_code(client, wrong_code(secret))
    response = client.post(url("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    client.logout()
    reach_code_step(client)
    for _ in range(2):
        assert INCORRECT in send_code(client, wrong_code(secret))


def test_the_gates_code_step_is_locked_too(client, settings) -> None:
    """The gate's "confirm with your second factor" page counts towards the same lock."""
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "1000/m/ip,1000/m/key"}
    settings.MFA_FAILURE_LIMIT = 2
    user = make_user(EMAIL)
    secret = add_totp(user)
    client.force_login(user)  # a session from the password alone
    step = url("mfa_reauthenticate")
    for _ in range(2):
        client.post(step, {"code": wrong_code(secret)})
    page = client.post(step, {"code": current_code(secret)}).content.decode()
    assert LOCKED in page


def test_other_people_are_not_locked(client, secret, settings) -> None:
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "1000/m/ip,1000/m/key"}
    settings.MFA_FAILURE_LIMIT = 2
    reach_code_step(client)
    for _ in range(2):
        send_code(client, wrong_code(secret))
    colleague = make_user("kollege@a.example")
    sign_in_with_second_factor(client, colleague)
    assert client.session["_auth_user_id"] == str(colleague.pk)
