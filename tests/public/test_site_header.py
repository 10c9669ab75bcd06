"""The public site header: every section and the resident's own data are one click away."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/en/", "/unternehmen/", "/kooperation/", "/konto/login/"])
def test_header_links_company_directory_cooperation_board_and_sign_in(
    client: Client, path: str
) -> None:
    html = client.get(path).content.decode()
    assert f'href="{reverse("companies:company-list")}"' in html
    assert f'href="{reverse("cooperation:post-list")}"' in html
    assert 'id="account-link"' in html
    assert f'id="account-link" href="{reverse("account_login")}"' in html
    assert html.count(f'href="{reverse("account_login")}"') == 1  # once, not per layout


@pytest.mark.django_db
def test_signed_in_resident_finds_my_data_in_the_header(
    client: Client, django_user_model: type[User]
) -> None:
    resident = django_user_model.objects.create_user("anna", "anna@example.org", "pw-long-enough-1")
    client.force_login(resident)
    html = client.get("/").content.decode()
    assert f'id="account-link" href="{reverse("accounts:privacy")}"' in html
    assert reverse("account_login") not in html
    assert f'action="{reverse("account_logout")}"' in html  # sign out from any public page
