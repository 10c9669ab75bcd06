"""The "Neu in Gera" journeys in Chromium: wizard → bundles → map → compare → English.

Every page is checked with axe (WCAG 2.2 AA, EN 301 549) in German and English and kept as
a screenshot at 360 px and desktop width. Data: factory-made offers in the live server's DB.
"""

import datetime
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.factories import FlatFactory, FreePlaceFactory, JobFactory, KitaFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture
def screenshot() -> Callable[[Page, str], Path]:
    """Full-page picture without Playwright's caret-hiding <style> (the CSP would block it)."""

    def shoot(page: Page, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True, caret="initial")
        return path

    return shoot


TODAY = datetime.date.today()
BABY = TODAY.replace(year=TODAY.year - 1)
KID = TODAY.replace(year=TODAY.year - 4)


@pytest.fixture
def city() -> None:
    day = {"shift_start": datetime.time(8, 0), "shift_end": datetime.time(15, 30)}
    JobFactory.create_batch(4, title="Pflegefachkraft (m/w/d)", skills=["Pflege"], **day)
    JobFactory.create_batch(2, title="Buchhalter (m/w/d)", description="Buchhaltung", **day)
    for rent in (420, 460, 520, 600):
        FlatFactory(rooms=3, cold_rent=rent)
    for _ in range(3):
        kita = KitaFactory(monthly_fee=150)
        FreePlaceFactory(kita=kita, min_age_months=0, max_age_months=36, count=3)
        FreePlaceFactory(kita=kita, min_age_months=36, max_age_months=78, count=3)


def fill_date(page: Page, selector: str, day: datetime.date) -> None:
    page.fill(selector, day.isoformat())


def check(
    page: Page, axe_check: Callable, screenshot: Callable, name: str, seen: list[str]
) -> None:
    axe_check(page)
    screenshot(page, f"wizard-{name}-desktop")
    seen.append(page.url)


def wizard_to_results(page: Page, *, children: list[datetime.date], job: str, rooms: str) -> None:
    page.goto("/lebenslagen/neu-in-gera/")
    page.fill("#id_adults", "2" if children else "1")
    for index, day in enumerate(children):
        page.get_by_role("button", name=re.compile("child|Kind", re.I)).last.click()
        fill_date(page, f"#id_child_{index}", day)
    page.get_by_role("button", name=re.compile(r"^(Continue|Weiter)$", re.I)).click()
    expect(page.locator("#step-heading")).to_be_visible()
    page.fill("#id_q", job)
    page.get_by_role("button", name=re.compile(r"^(Continue|Weiter)$", re.I)).click()
    page.fill("#id_min_rooms", rooms)
    page.get_by_role("button", name=re.compile(r"^(Continue|Weiter)$", re.I)).click()
    page.get_by_role("button", name=re.compile("summary|Übersicht", re.I)).click()
    page.get_by_role("link", name=re.compile("Show suggestions|Vorschläge anzeigen", re.I)).click()


def test_a_family_finds_bundles_opens_a_map_compares_and_reads_it_in_english(
    page: Page, open_page: Callable, city: None, axe_check: Callable, screenshot: Callable
) -> None:
    seen: list[str] = []
    page.goto("/lebenslagen/neu-in-gera/")
    check(page, axe_check, screenshot, "step1", seen)
    page.fill("#id_adults", "2")
    page.get_by_role("button", name=re.compile("child|Kind", re.I)).click()
    fill_date(page, "#id_child_0", BABY)
    page.get_by_role("button", name=re.compile("another child|weiteres Kind", re.I)).click()
    fill_date(page, "#id_child_1", KID)
    page.get_by_role("button", name=re.compile(r"^(Continue|Weiter)$", re.I)).click()
    expect(page.locator("#step-counter")).to_contain_text(re.compile("2 (of|von) 4"))
    check(page, axe_check, screenshot, "step2", seen)
    page.fill("#id_q", "Pflege")
    page.check("#id_hours_1")
    expect(page.locator("#live-count")).to_contain_text("4")
    page.get_by_role("button", name=re.compile(r"^(Continue|Weiter)$", re.I)).click()
    expect(page.locator("#id_min_rooms")).to_have_value("4")  # suggested from the household
    page.fill("#id_min_rooms", "3")
    check(page, axe_check, screenshot, "step3", seen)
    page.get_by_role("button", name=re.compile(r"^(Continue|Weiter)$", re.I)).click()
    check(page, axe_check, screenshot, "step4", seen)
    page.get_by_role("button", name=re.compile("summary|Übersicht", re.I)).click()
    check(page, axe_check, screenshot, "review", seen)
    page.get_by_role("link", name=re.compile("Show suggestions|Vorschläge anzeigen", re.I)).click()
    cards = page.locator("article.s360-bundle")
    expect(cards.first).to_be_visible()
    assert cards.count() >= 3
    check(page, axe_check, screenshot, "results", seen)

    # priorities update the results in place (htmx), announce the count and move focus
    page.check("#id_w_cost_0")
    expect(page).to_have_url(re.compile(r"w_cost=3"))
    expect(page.locator("#results-heading")).to_be_focused()
    expect(page.locator("#result-status")).to_contain_text(re.compile(r"\d"))

    cards.first.locator("summary").click()  # the map link is among the details
    cards.first.get_by_role("link", name=re.compile("map|Karte", re.I)).click()
    expect(page.locator(".s360-stop--flat")).to_have_count(1)
    expect(page.locator(".s360-stop--job")).to_have_count(1)
    check(page, axe_check, screenshot, "map", seen)
    page.go_back()
    boxes = page.locator('input[name="bundle"]')
    boxes.nth(0).check()
    boxes.nth(1).check()
    # the compare button at the top of the list (a second one follows the last card)
    page.get_by_role("button", name=re.compile("Compare|Vergleich", re.I)).first.click()
    expect(page.locator('th[scope="col"]')).to_have_count(2)
    check(page, axe_check, screenshot, "compare", seen)

    page.locator("#language-switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    axe_check(page)
    for url in seen:  # every page of the journey in English, at 360 px too
        english = re.sub(r"^(https?://[^/]+)/", r"\1/en/", url)
        page.goto(english)
        axe_check(page)
        name = Path(url.split("?")[0].rstrip("/")).name or "start"
        screenshot(page, f"wizard-en-{name}-desktop")
    phone = open_page(viewport={"width": 360, "height": 780})
    for index, url in enumerate(seen):
        phone.goto(url)
        axe_check(phone)
        screenshot(phone, f"wizard-{index}-360")


def test_a_single_person_without_children_gets_bundles_without_care(
    page: Page, city: None, axe_check: Callable
) -> None:
    wizard_to_results(page, children=[], job="", rooms="")
    cards = page.locator("article.s360-bundle")
    expect(cards.first).to_be_visible()
    expect(page.locator(".s360-part__kind", has_text=re.compile("Kita"))).to_have_count(0)
    axe_check(page)


def test_impossible_wishes_offer_a_relaxation_that_leads_to_results(
    page: Page, city: None, axe_check: Callable, screenshot: Callable
) -> None:
    wizard_to_results(page, children=[BABY], job="Pflege", rooms="3")
    page.goto(page.url + "&max_rent=50")
    expect(page.locator(".s360-no-results")).to_be_visible()
    axe_check(page)
    screenshot(page, "wizard-no-results-desktop")
    english = re.sub(r"^(https?://[^/]+)/", r"\1/en/", page.url)
    page.goto(english)
    axe_check(page)
    page.go_back()
    page.locator(".s360-relaxations a").first.click()
    expect(page.locator("article.s360-bundle").first).to_be_visible()


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def go(page: Page, key: str) -> None:
    """Press a key that loads another page, and wait for it."""
    with page.expect_navigation():
        page.keyboard.press(key)


def test_the_whole_journey_works_with_the_keyboard_alone(page: Page, city: None) -> None:
    page.goto("/lebenslagen/neu-in-gera/")
    tab_to(page, "#id_adults")
    page.keyboard.press("Control+A")
    page.keyboard.type("1")
    tab_to(page, 'button[name="nav"][value="next"]:not([hidden])')
    go(page, "Enter")
    tab_to(page, "#id_q")
    page.keyboard.type("Pflege")
    tab_to(page, 'button[name="nav"][value="next"]:not([hidden])')
    go(page, "Enter")
    tab_to(page, "#id_min_rooms")
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    go(page, "Enter")  # Enter in a field means "continue"
    expect(page.locator("#step-counter")).to_contain_text(re.compile("4 (of|von) 4"))
    tab_to(page, 'button[name="nav"][value="next"]:not([hidden])')
    go(page, "Enter")
    tab_to(page, "a.kern-btn--primary")
    go(page, "Enter")
    expect(page.locator("article.s360-bundle").first).to_be_visible()
    tab_to(page, 'input[name="bundle"]')
    page.keyboard.press("Space")
    tab_to(page, 'input[name="bundle"]:not(:checked)')
    page.keyboard.press("Space")
    tab_to(page, ".s360-compare-form > button")
    go(page, "Enter")
    expect(page.locator('th[scope="col"]')).to_have_count(2)
