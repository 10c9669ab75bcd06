"""Accessibility and reflow of the public pages and the back office, in German and English."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page

from stadt360.core.choices import OfferSource, OfferStatus
from stadt360.housing.models import Flat
from stadt360.jobs.models import EmploymentType, Job
from stadt360.providers.models import Provider, ProviderKind
from stadt360.public.models import BarrierReport
from tests.accounts.sessions import sign_in_with_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GERA = {"postcode": "07545", "city": "Gera", "latitude": 50.8786, "longitude": 12.0826}
PAGES = {
    "home": "/",
    "imprint": "/impressum/",
    "privacy": "/datenschutz/",
    "accessibility": "/barrierefreiheit/",
    "easy-language": "/leichte-sprache/",
    "search-results": "/suche/?q=e",
}
PREFIX = {"de": "", "en": "/en"}


@pytest.fixture
def offers(db: None) -> None:
    """A few offers so the results page shows groups, a demo badge and real markup."""
    provider = Provider.objects.create(
        name="Wohnungsbau Gera", slug="wbg", kind=ProviderKind.HOUSING, **GERA
    )
    published = {"provider": provider, "status": OfferStatus.PUBLISHED, **GERA}
    Job.objects.create(
        title="Erzieherin",
        employment_type=EmploymentType.PART_TIME,
        weekly_hours=Decimal(30),
        **published,
    )
    Flat.objects.create(
        title="Helle Wohnung mit Balkon",
        rooms=Decimal(3),
        living_space=Decimal(72),
        cold_rent=Decimal(495),
        source=OfferSource.DEMO,
        **published,
    )


@pytest.fixture
def staff_page(
    open_page: Callable[..., Page], client: Client, django_user_model: type[User], live_server
) -> Page:
    """A page logged in as city staff (session cookie from Django's test client)."""
    user = django_user_model.objects.create_user(
        "staff", password="x-staff-pass-123", is_staff=True
    )
    sign_in_with_second_factor(client, user)  # staff need a second factor
    page = open_page(viewport={"width": 1280, "height": 900})
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    BarrierReport.objects.create(
        page_url=f"{live_server.url}/suche/",
        description="Der Kontrast der Links ist zu schwach.",
        contact_email="kim@example.org",
        language="de",
        consented_at=timezone.now(),
    )
    return page


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_passes_axe(
    page: Page, offers: None, axe_check, screenshot, name: str, language: str
) -> None:
    page.goto(PREFIX[language] + PAGES[name])
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    screenshot(page, f"{name}-{language}-desktop")
    axe_check(page)


@pytest.mark.parametrize("language", ["de", "en"])
def test_backoffice_list_passes_axe(staff_page: Page, axe_check, screenshot, language: str) -> None:
    staff_page.goto(PREFIX[language] + "/backoffice/barrieren/")
    assert "Der Kontrast der Links ist zu schwach." in staff_page.content()
    screenshot(staff_page, f"backoffice-{language}-desktop")
    axe_check(staff_page)


@pytest.mark.parametrize("language", ["de", "en"])
def test_form_errors_pass_axe_and_are_linked(
    page: Page, axe_check, screenshot, language: str
) -> None:
    page.goto(PREFIX[language] + "/barrierefreiheit/")
    page.get_by_role("button", name="Meldung senden" if language == "de" else "Send report").click()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    description = page.locator("#id_description")
    assert description.get_attribute("aria-invalid") == "true"
    assert "id_description_error" in description.get_attribute("aria-describedby")
    screenshot(page, f"barrier-form-errors-{language}")
    axe_check(page)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page: Page) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.get_attribute("href") == "#main"
    box = skip.bounding_box()
    assert box is not None
    assert box["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switch_is_reachable_by_keyboard_and_keeps_the_page(page: Page) -> None:
    page.goto("/datenschutz/")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "language-switch":
            break
    else:
        pytest.fail("the language switch was not reached within 10 tab stops")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/datenschutz/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Privacy"
    assert page.context.cookies() == []  # the language lives in the URL, not in a cookie


REFLOW_PAGES = ["/", "/suche/?q=e", "/barrierefreiheit/", "/en/leichte-sprache/"]


@pytest.mark.parametrize("path", REFLOW_PAGES)
def test_reflow_at_320_css_pixels(
    open_page: Callable[..., Page], offers: None, screenshot, path: str
) -> None:
    page = open_page(viewport={"width": 320, "height": 640})
    page.goto(path)
    screenshot(page, f"reflow-320{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("path", REFLOW_PAGES)
def test_zoom_200_percent(
    open_page: Callable[..., Page], offers: None, screenshot, path: str
) -> None:
    page = open_page(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    page.goto(path)
    screenshot(page, f"zoom-200{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 640


def test_backoffice_reflows_at_320(staff_page: Page, screenshot) -> None:
    staff_page.set_viewport_size({"width": 320, "height": 640})
    staff_page.goto("/backoffice/barrieren/")
    screenshot(staff_page, "reflow-320-backoffice")
    assert staff_page.evaluate("document.documentElement.scrollWidth") <= 320


def test_fonts_and_styles_are_served_by_us(page: Page) -> None:
    responses: list[str] = []
    page.on("response", lambda response: responses.append(response.url))
    page.goto("/")
    page.evaluate("document.fonts.ready.then(() => true)")
    assert any(url.endswith(".woff2") for url in responses), "KERN's Fira Sans should load locally"
    assert page.evaluate("document.fonts.check('16px \"Fira Sans\"')")
