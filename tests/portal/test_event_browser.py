"""The organiser's event pages in Chromium: the event form and a date's registrations pass
axe (German), and the check-in on the day works with the keyboard alone."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.accounts.sessions import sign_in_with_second_factor
from tests.portal.event_world import EventWorld, make_event_world, register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ew() -> EventWorld:
    return make_event_world()


@pytest.fixture
def editor_page(
    open_page: Callable[..., Page], client: Client, ew: EventWorld, live_server
) -> Page:
    sign_in_with_second_factor(client, ew.users["editor"])
    page = open_page(viewport={"width": 1280, "height": 900})
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    page.context.add_cookies([{**cookie, "url": live_server.url}])
    return page


def test_event_form_and_registrations_pass_axe(editor_page: Page, ew: EventWorld, axe_check):
    page = editor_page
    for name in ("Ada Lovelace", "Bea Berg", "Carl Clausen"):  # two places: Carl waits
        register(ew.first, name, firma="Stadtwerke")
    page.goto(reverse("events_portal:event-create"))
    axe_check(page)
    page.locator("form.s360-form button[type=submit]").click()  # nothing filled in
    expect(page.locator("#error-summary")).to_be_visible()  # waits for the answer to the POST
    axe_check(page)
    page.goto(reverse("events_portal:date-registrations", args=[ew.first.pk]))
    assert page.get_by_role("rowheader", name="Carl Clausen").is_visible()
    axe_check(page)


def tab_to(page: Page, matches: str, limit: int = 80) -> str:
    """Presses Tab until the focused element matches the JS expression ``matches`` (on ``el``)."""
    for _step in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => Boolean({matches}))(document.activeElement)"):
            return str(page.evaluate("document.activeElement.textContent"))
    raise AssertionError(f"not reached with Tab: {matches}")


def test_check_in_with_the_keyboard(editor_page: Page, ew: EventWorld, axe_check):
    page = editor_page
    ada = register(ew.first, "Ada Lovelace")
    page.goto(reverse("events_portal:date-checkin", args=[ew.first.pk]))
    tab_to(page, "el.id === 'id_q'")
    page.keyboard.type("Lovelace")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=Lovelace")
    axe_check(page)
    label = tab_to(page, "el.tagName === 'BUTTON' && el.textContent.includes('Einchecken')")
    assert "Ada Lovelace" in label
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the POST, then back to the search
    assert page.get_by_text("Ada Lovelace ist eingecheckt.").is_visible()
    ada.refresh_from_db()
    assert ada.checked_in_at is not None
