""" "My data" and the account deletion in a real browser: axe-clean in German and English,
and the whole deletion journey (password again, confirm, signed out) works without tricks."""

from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import Page

from tests.portal.world import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PREFIX = {"de": "", "en": "/en"}


@pytest.fixture
def resident_page(open_page: Callable[..., Page], client: Client, live_server) -> Page:
    client.force_login(make_user("kim@privacy.example"))
    page = open_page(viewport={"width": 1280, "height": 900})
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    page.context.add_cookies([{**cookie, "url": live_server.url}])
    return page


@pytest.mark.parametrize("language", ["de", "en"])
def test_my_data_and_the_deletion_journey(resident_page: Page, axe_check, language):
    page, prefix = resident_page, PREFIX[language]
    page.goto(f"{prefix}/konto/meine-daten/")
    axe_check(page)
    page.locator("a[href$='/konto/meine-daten/konto-loeschen/']").first.click()
    page.locator("input[name=password]").fill(PASSWORD)  # allauth asks for the password again
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(f"**{prefix}/konto/meine-daten/konto-loeschen/")
    axe_check(page)
    page.locator("form.s360-form button[type=submit]").click()  # not confirmed yet
    assert page.locator("#id_confirm[aria-invalid=true], .kern-form-check--error").count() >= 1
    axe_check(page)
    page.locator("#id_confirm").check()
    page.locator("form.s360-form button[type=submit]").click()
    page.wait_for_url(f"**{prefix}/")
    assert not get_user_model().objects.filter(email="kim@privacy.example").exists()
