"""Sign-up, sign-in with a second factor, the MFA gate and the django-axes lockout."""

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse

from stadt360.providers.models import MemberRole
from tests.accounts.totp import current_code
from tests.portal.world import PASSWORD, add_member, make_user


def test_signup_needs_a_verified_e_mail_and_makes_a_resident(db, client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    response = client.post(
        reverse("account_signup"),
        {
            "email": "neu@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "neu@example.org" in mail.outbox[0].to
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email="neu@example.org")
    assert user.groups.filter(name="resident").exists()
    # Not signed in before the address is confirmed.
    assert client.get(reverse("portal:provider-register")).status_code == 302


@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_account_pages_use_the_site_layout(db, client, name):
    html = client.get(reverse(name)).content.decode()
    assert "kern-form-input__input" in html
    assert "s360-skip-link" in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_sign_in_with_password_and_authenticator_code(world, client):
    secret = (
        Authenticator.objects.get(user=world.users["editor"], type="totp")
        .wrap()
        .instance.data["secret"]
    )
    response = client.post(
        reverse("account_login"), {"login": "editor@a.example", "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    from allauth.mfa.utils import decrypt

    response = client.post(reverse("mfa_authenticate"), {"code": current_code(decrypt(secret))})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:dashboard")
    assert client.get(reverse("portal:dashboard")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_provider_member_without_authenticator_is_sent_to_mfa_setup(world, client):
    newcomer = make_user("ohne-mfa@a.example")
    add_member(newcomer, world.provider, MemberRole.EDITOR)
    client.post(reverse("account_login"), {"login": "ohne-mfa@a.example", "password": PASSWORD})
    for url in (reverse("portal:dashboard"), reverse("portal:offer-list", args=["job"])):
        assert client.get(url)["Location"] == reverse("mfa_index")
    # Changing sign-in security asks for the password again (allauth's reauthentication).
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(
        reverse("account_reauthenticate")
    )
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    setup = client.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200
    secret = setup.context["form"].secret
    # Setting it up counts as this session's second factor (allauth announces the new
    # authenticator after the commit, hence a transactional test).
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("portal:dashboard")).status_code == 200


def test_city_staff_without_authenticator_is_sent_to_mfa_setup(world, client):
    Authenticator.objects.filter(user=world.users["moderator"]).delete()
    client.force_login(world.users["moderator"])
    assert client.get(reverse("moderation:provider-queue"))["Location"] == reverse("mfa_index")


def test_residents_need_no_second_factor(world, client):
    client.force_login(world.users["resident"])
    assert client.get(reverse("portal:provider-register")).status_code == 200


def test_axes_locks_out_after_repeated_failures(world, client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(
            reverse("account_login"), {"login": "resident@example.org", "password": "falsch"}
        )
    response = client.post(
        reverse("account_login"), {"login": "resident@example.org", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("portal:provider-register")).status_code == 302


def test_a_few_failures_do_not_lock_out(world, client):
    client.post(reverse("account_login"), {"login": "resident@example.org", "password": "falsch"})
    response = client.post(
        reverse("account_login"), {"login": "resident@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("portal:provider-register")).status_code == 200
