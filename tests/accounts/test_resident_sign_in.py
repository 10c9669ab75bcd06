"""A resident signing in: lands on the home page in their language, greeted by their e-mail."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import User
from django.test import Client

PASSWORD = "Sehr-geheim-123!"


@pytest.fixture
def resident(db, django_user_model: type[User], settings) -> User:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = django_user_model.objects.create_user("x7f3k9q2", "lena@example.org", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.mark.parametrize(("prefix", "home"), [("", "/"), ("/en", "/en/")])
def test_sign_in_lands_on_the_home_page_in_the_same_language(
    client: Client, resident: User, prefix: str, home: str
) -> None:
    response = client.post(
        f"{prefix}/konto/login/", {"login": resident.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == home


def test_greeting_names_the_e_mail_address_not_the_generated_username(
    client: Client, resident: User
) -> None:
    response = client.post(
        "/en/konto/login/", {"login": resident.email, "password": PASSWORD}, follow=True
    )
    html = response.content.decode()
    assert "lena@example.org" in html
    assert "x7f3k9q2" not in html


@pytest.mark.parametrize(("prefix", "home"), [("", "/"), ("/en", "/en/")])
def test_sign_out_lands_on_the_home_page_in_the_same_language_and_says_so(
    client: Client, resident: User, prefix: str, home: str
) -> None:
    client.force_login(resident)
    response = client.post(f"{prefix}/konto/logout/")
    assert response["Location"] == home
    page = client.get(home).content.decode()
    assert 'role="status"' in page  # "You have signed out." shows on the page it lands on
