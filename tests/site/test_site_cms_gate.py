"""/cms/ sits behind the site's one sign-in (allauth) and the second-factor gate.

Everyone who may open Wagtail's admin (``wagtailadmin.access_admin``: the centre roles, city
admins) needs a second factor in this session before any /cms/ URL answers; Wagtail's own
login forms only hand over to allauth; residents do not get in at all.
"""

from urllib.parse import unquote, urlencode

import pytest
from django.test import Client
from django.urls import reverse

from stadt360.accounts.mfa import needs_mfa
from stadt360.accounts.roles import Role
from tests.accounts.sessions import sign_in_with_second_factor
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def sent_to_login(response) -> str:
    """Where the login page would send the person back to (``next``)."""
    location = unquote(response["Location"])
    assert response.status_code == 302
    assert location.startswith(reverse("account_login") + "?next=")
    return location.split("?next=", 1)[1]


def test_signed_out_people_are_sent_to_the_one_sign_in(client) -> None:
    assert sent_to_login(client.get("/cms/")) == "/cms/"
    assert sent_to_login(client.get("/cms/login/?next=/cms/pages/")) == "/cms/pages/"
    assert sent_to_login(client.get("/_util/login/?next=/cms/")) == "/cms/"


def test_wagtails_login_form_no_longer_signs_anyone_in(client, centre_editor) -> None:
    response = client.post(
        "/cms/login/", {"username": centre_editor.email, "password": PASSWORD, "next": "/cms/"}
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_centre_editor_needs_the_second_factor_of_this_session(client, centre_editor) -> None:
    assert needs_mfa(centre_editor)
    client.force_login(centre_editor)  # a session opened by the password alone
    expected = f"{reverse('mfa_reauthenticate')}?{urlencode({'next': '/cms/pages/'})}"

    assert client.get("/cms/pages/")["Location"] == expected
    assert sign_in_with_second_factor(Client(), centre_editor).get("/cms/").status_code == 200


def test_a_centre_editor_without_authenticator_is_sent_to_set_one_up(client) -> None:
    editor = make_user("neu@tgz.example", role=Role.CENTRE_EDITOR)
    client.force_login(editor)
    assert client.get("/cms/")["Location"] == reverse("mfa_index")


def test_residents_do_not_get_into_the_cms(client) -> None:
    resident = make_user("anwohnerin@example.org", role=Role.RESIDENT)
    client.force_login(resident)

    response = client.get("/cms/")

    assert not needs_mfa(resident)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.get("/cms/login/").status_code == 403


def test_the_public_pages_stay_open_for_staff_without_the_second_factor(client, site_tree) -> None:
    editor = make_user("redakteur@tgz.example", role=Role.CENTRE_EDITOR, mfa=True)
    client.force_login(editor)
    assert client.get("/innovationszentrum/").status_code == 200
    assert client.get("/innovationszentrum/aktuelles/feed/").status_code == 200


def test_passwords_and_addresses_are_managed_by_allauth_not_wagtail(client, centre_admin) -> None:
    admin = sign_in_with_second_factor(client, centre_admin)
    account = admin.get("/cms/account/").content.decode()

    assert 'name="password_old"' not in account
    assert admin.get("/cms/password_reset/").status_code == 404
