""" "My data": reachable from the account navigation, export and deletion behind a fresh
password check, and the privacy page links to it and states the configured periods."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from tests.accounts.privacy_world import make_person
from tests.accounts.sessions import sign_in_with_second_factor
from tests.portal.world import PASSWORD


@pytest.fixture
def anna(db):
    return make_person("anna")


def sign_in_an_hour_ago(client, user) -> None:
    """A full sign-in (password and second factor) that is no longer fresh."""
    with freeze_time(timezone.now() - timedelta(hours=1)):
        sign_in_with_second_factor(client, user)


def reauthenticate(client) -> None:
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def test_anonymous_is_sent_to_sign_in(client, db):
    for name in ("accounts:privacy", "accounts:account-delete"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert client.post(reverse("accounts:privacy-export")).status_code == 302


def test_a_resident_reaches_my_data_from_the_account_navigation(client, db):
    from tests.portal.world import make_user

    client.force_login(make_user("resident@privacy.example"))
    mfa_page = client.get(reverse("mfa_index")).content.decode()
    assert reverse("accounts:privacy") in mfa_page
    html = client.get(reverse("accounts:privacy")).content.decode()
    assert reverse("accounts:privacy-export") in html
    assert reverse("accounts:account-delete") in html
    assert reverse("public:privacy") in html


def test_export_asks_for_the_password_then_downloads_one_json_file(client, anna):
    sign_in_an_hour_ago(client, anna.user)
    response = client.post(reverse("accounts:privacy-export"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    reauthenticate(client)
    response = client.post(reverse("accounts:privacy-export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="gera360-meine-daten-')
    document = json.loads(response.content)
    assert document["data"]["account"]["email"] == anna.email


def test_delete_asks_for_the_password_and_a_confirmation(client, anna):
    sign_in_an_hour_ago(client, anna.user)
    url = reverse("accounts:account-delete")
    assert client.get(url)["Location"].startswith(reverse("account_reauthenticate"))
    reauthenticate(client)
    page = client.get(url)
    assert page.status_code == 200
    assert "anna GmbH" in page.content.decode()  # the organisation that stays without members
    unconfirmed = client.post(url, {})
    assert unconfirmed.status_code == 200
    assert "kern-form-check--error" in unconfirmed.content.decode()
    assert get_user_model().objects.filter(pk=anna.user.pk).exists()
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("public:home")
    assert not get_user_model().objects.filter(pk=anna.user.pk).exists()
    assert client.get(reverse("accounts:privacy")).status_code == 302  # signed out


def test_sole_admin_with_colleagues_sees_why_and_keeps_the_account(client, anna):
    from stadt360.providers.models import MemberRole
    from tests.portal.world import add_member, make_user

    add_member(make_user("kollege@privacy.example"), anna.provider, MemberRole.EDITOR)
    sign_in_an_hour_ago(client, anna.user)
    reauthenticate(client)
    url = reverse("accounts:account-delete")
    page = client.get(url).content.decode()
    assert reverse("portal:member-list") in page
    assert 'name="confirm"' not in page  # no button for what would be refused
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("kern-alert--danger") == 1
    assert "anna GmbH" in html.split("kern-alert--danger")[1].split("</div>")[0]
    assert get_user_model().objects.filter(pk=anna.user.pk).exists()


@pytest.mark.parametrize("language", ["de", "en"])
def test_privacy_page_links_my_data_and_states_the_configured_periods(
    client, db, settings, language
):
    settings.RETENTION_LOGIN_LOG_DAYS = 41
    settings.RETENTION_BARRIER_REPORT_DAYS = 3
    prefix = "" if language == "de" else "/en"
    html = client.get(f"{prefix}/datenschutz/").content.decode()
    assert reverse("accounts:privacy").removeprefix("/en") in html
    assert "41" in html
    assert (" 3 Tage" if language == "de" else " 3 days") in html
