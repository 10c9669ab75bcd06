"""The public site header: every section and the resident's own data are one click away."""

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page


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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_resident_reaches_sign_in_from_the_home_page_by_keyboard(
    page: Page, axe_check: Callable[[Page], None], screenshot: Callable[..., None]
) -> None:
    page.goto("/en/")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "account-link":
            break
    else:
        pytest.fail("the sign-in link was not reached within 10 tab stops")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/konto/login/")
    assert page.locator("h1").inner_text() == "Sign in"
    screenshot(page, "header-sign-in-en")
    axe_check(page)
