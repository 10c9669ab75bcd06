"""On a phone (320 px) the main navigation is a menu that opens with the keyboard alone,
with and without JavaScript; the start page passes axe in German and English there."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 320, "height": 640}


def tab_to(page: Page, selector: str, limit: int = 20) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    pytest.fail(f"{selector} was not reached within {limit} tab stops")


@pytest.mark.parametrize("javascript", [False, True], ids=["without-js", "with-js"])
def test_phone_menu_opens_and_leads_on_by_keyboard_alone(
    open_page: Callable[..., Page], screenshot: Callable[..., None], javascript: bool
) -> None:
    page = open_page(viewport=PHONE, java_script_enabled=javascript)
    page.goto("/")
    wide = page.locator(".s360-mainnav__wide")
    assert not wide.is_visible()  # the row of links is for wide screens only
    toggle = page.locator("summary.s360-menu__toggle")
    assert toggle.inner_text().strip() == "Menü"
    assert toggle.bounding_box()["height"] >= 44
    assert not page.locator(".s360-menu [data-nav='events']").is_visible()

    tab_to(page, "summary.s360-menu__toggle")
    page.keyboard.press("Enter")
    assert page.locator("details.s360-menu").get_attribute("open") is not None
    links = page.locator(".s360-menu [data-nav]")
    assert links.count() == 10
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box is not None
        assert box["height"] >= 44
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE["width"]
    screenshot(page, f"navigation-phone-menu-open-{'js' if javascript else 'nojs'}")

    tab_to(page, ".s360-menu [data-nav='kitas']")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    page.keyboard.press("Enter")
    page.wait_for_url("**/kitas/")
    current = page.locator(".s360-menu [data-nav='kitas']")
    assert current.get_attribute("aria-current") == "page"


@pytest.mark.parametrize("language", ["de", "en"])
def test_start_page_with_overview_passes_axe_at_320_px(
    open_page: Callable[..., Page], axe_check: Callable[[Page], None], language: str
) -> None:
    page = open_page(viewport=PHONE)
    page.goto("/" if language == "de" else "/en/")
    assert page.locator("[data-overview]").count() == 10
    axe_check(page)
    page.locator("summary.s360-menu__toggle").click()
    axe_check(page)
    no_overflow = "document.documentElement.scrollWidth <= window.innerWidth"
    assert page.evaluate(no_overflow)


def test_wide_screen_shows_the_row_and_no_menu_button(page: Page) -> None:
    page.goto("/en/")
    assert page.locator(".s360-mainnav__wide [data-nav='news']").is_visible()
    assert not page.locator("summary.s360-menu__toggle").is_visible()
    assert page.locator(".s360-mainnav__wide [data-nav='news']").inner_text() == "News"
