"""Changing the sign-in address or the password needs the second factor too.

Found by the hostile review of issue 8: allauth's account pages were public as a whole,
so a session opened by the password alone (one from the old admin login, still valid
for two weeks after the gate went live) could add and verify a new e-mail address and
change the password of a staff member who has an authenticator, without ever giving the
second factor. Sign-in, sign-out, reset and reauthentication stay public.
"""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from stadt360.accounts.roles import Role
from tests.accounts.sessions import sign_in_with_second_factor
from tests.portal.world import PASSWORD, make_user

pytestmark = pytest.mark.django_db
SETTINGS_PAGES = ("account_email", "account_change_password", "account_set_password")


@pytest.fixture
def staff():
    user = make_user("chefin@stadt.example", role=Role.CITY_ADMIN, mfa=True)
    user.is_staff = True
    user.save()
    return user


@pytest.mark.parametrize("name", SETTINGS_PAGES)
def test_a_password_only_session_is_asked_for_the_second_factor(client, staff, name):
    client.force_login(staff)
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


def test_a_password_only_session_cannot_add_an_address_or_change_the_password(client, staff):
    client.force_login(staff)
    client.post(reverse("account_email"), {"action_add": "", "email": "taker@evil.example"})
    client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "N3ues-Passwort!", "password2": "N3ues-Passwort!"},
    )
    assert not EmailAddress.objects.filter(email="taker@evil.example").exists()
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD)


def test_after_the_second_factor_and_for_residents_the_pages_open(client, staff):
    sign_in_with_second_factor(client, staff)
    assert client.get(reverse("account_email")).status_code == 200
    resident = make_user("anwohnerin@example.org", role=Role.RESIDENT)
    client.force_login(resident)
    assert client.get(reverse("account_email")).status_code == 200
    assert client.get(reverse("account_change_password")).status_code == 200
