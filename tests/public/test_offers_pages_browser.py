"""Offer browse and detail pages in Chromium: axe in German and English, the map notice
without tiles, filtering by keyboard with htmx, and screenshots at 360 px and desktop."""

import datetime
import types
from collections.abc import Callable

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.urls import LocalePrefixPattern, NoReverseMatch, include, path, reverse
from django.utils.translation import gettext, override
from playwright.sync_api import Page, expect

from stadt360.core.choices import OfferSource
from stadt360.jobs.models import EmploymentType
from tests.factories import (
    FlatFactory,
    FreePlaceFactory,
    JobFactory,
    KitaFactory,
    ProviderFactory,
    SchoolFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PREFIX = {"de": "", "en": "/en"}
LISTS = {"job": "/stellen/", "flat": "/wohnungen/", "kita": "/kitas/", "school": "/schulen/"}
NO_TILES = "No map tiles configured – the list contains all places."


def translated(message: str, language: str = "de") -> str:
    """The text the page shows (German once the catalogue holds docs/i18n/offers.de.tsv)."""
    with override(language):
        return gettext(message)


@pytest.fixture(autouse=True)
def _offer_urls(settings: pytest.FixtureRequest) -> None:
    """Until ``public.urls`` includes ``offer_urls``, mount them the way the lead will."""
    try:
        reverse("public:job-list")
    except NoReverseMatch:
        from stadt360.config import urls as root
        from stadt360.public import offer_urls
        from stadt360.public import urls as public_urls

        module = types.ModuleType("offer_test_urls")
        module.urlpatterns = [  # type: ignore[attr-defined]
            *(e for e in root.urlpatterns if not isinstance(e.pattern, LocalePrefixPattern)),
            *i18n_patterns(
                path("", include((public_urls.urlpatterns + offer_urls.urlpatterns, "public"))),
                prefix_default_language=False,
            ),
        ]
        settings.ROOT_URLCONF = module


@pytest.fixture
def offers(db: None) -> dict[str, int]:
    """Offers of every kind in several districts; some demo, one unverified provider."""
    clinic = ProviderFactory(name="SRH Wald-Klinikum Gera", verified=True)
    JobFactory(provider=clinic, title="Pflegefachkraft (m/w/d)", salary_min=2800, salary_max=3400)
    JobFactory(
        provider=ProviderFactory(name="Stadtverwaltung Gera", verified=False),
        title="Sachbearbeitung Bürgerservice",
        employment_type=EmploymentType.PART_TIME,
        weekly_hours=30,
        skills=["Verwaltung"],
        source=OfferSource.DEMO,
    )
    JobFactory(title="Lagerlogistik", skills=["Stapler"], salary_min=None, salary_max=None)
    flat = FlatFactory(source=OfferSource.DEMO)
    FlatFactory(title="Kleine 2-Raum-Wohnung", rooms=2, living_space=48, cold_rent=310)
    kita = KitaFactory(name="Kita Sonnenschein", monthly_fee=180)
    FreePlaceFactory(kita=kita, count=2, available_from=datetime.date(2027, 2, 1))
    KitaFactory(name="Kita Regenbogen", source=OfferSource.DEMO)
    school = SchoolFactory(name="Staatliche Grundschule Lusan")
    SchoolFactory(name="Goethe-Gymnasium", school_type="gymnasium", grade_from=5, grade_to=12)
    first_job = JobFactory._meta.model.objects.order_by("pk").first()
    return {"job": first_job.pk, "flat": flat.pk, "kita": kita.pk, "school": school.pk}


def wait_for_map(page: Page) -> None:
    expect(page.locator("#offer-map")).to_have_attribute("data-ready", "true")
    expect(page.locator(".s360-marker").first).to_be_visible()


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("kind", list(LISTS))
def test_list_and_detail_pass_axe_and_show_the_map_notice(
    page: Page, offers: dict[str, int], axe_check, screenshot, kind: str, language: str
) -> None:
    page.goto(PREFIX[language] + LISTS[kind])
    wait_for_map(page)
    expect(page.locator("#map-notice")).to_have_text(translated(NO_TILES, language))
    # The map is a view of the list: one marker per listed offer (clusters may merge them).
    assert page.locator(".s360-offer").count() >= 2
    screenshot(page, f"offers-{kind}-list-{language}-desktop")
    axe_check(page)

    page.goto(f"{PREFIX[language]}{LISTS[kind]}{offers[kind]}/")
    wait_for_map(page)
    expect(page.locator("#offer-title")).to_be_visible()
    screenshot(page, f"offers-{kind}-detail-{language}-desktop")
    axe_check(page)


@pytest.mark.parametrize("kind", list(LISTS))
def test_pages_at_360_px(
    open_page: Callable[..., Page], offers: dict[str, int], axe_check, screenshot, kind: str
) -> None:
    page = open_page(viewport={"width": 360, "height": 780})
    page.goto(LISTS[kind])
    wait_for_map(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, f"offers-{kind}-list-de-360")
    axe_check(page)
    page.goto(f"{LISTS[kind]}{offers[kind]}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, f"offers-{kind}-detail-de-360")


def test_filtering_by_keyboard_swaps_results_and_announces_the_count(
    page: Page, offers: dict[str, int], axe_check
) -> None:
    page.goto("/stellen/")
    wait_for_map(page)
    expect(page.locator("#offer-status")).to_have_text("3 Ergebnisse")

    page.get_by_label(translated("Keyword")).focus()
    page.keyboard.type("pflege")
    page.keyboard.press("Enter")

    expect(page.locator("#offer-status")).to_have_text("1 Ergebnis")
    expect(page.locator(".s360-offer")).to_have_count(1)
    expect(page.locator(".s360-offer h3")).to_have_text("Pflegefachkraft (m/w/d)")
    assert "q=pflege" in page.url
    # The header was not reloaded: htmx swapped only the results, and the markers follow.
    expect(page.locator(".s360-marker")).to_have_count(1)
    axe_check(page)

    # The back link of the detail page returns to the filtered list.
    page.locator(".s360-offer h3 a").press("Enter")
    expect(page.locator("#offer-title")).to_have_text("Pflegefachkraft (m/w/d)")
    page.locator("#back-to-list").press("Enter")
    expect(page.locator("#offer-status")).to_have_text("1 Ergebnis")


def test_list_works_without_javascript(
    browser, live_server, offers: dict[str, int], screenshot
) -> None:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/wohnungen/")
    expect(page.locator("#offer-map-box")).to_be_hidden()
    page.get_by_label(translated("Warm rent at most (€/month)")).fill("600")
    page.get_by_role("button", name=translated("Show results")).click()
    expect(page.locator("#offer-status")).to_have_text("1 Ergebnis")
    expect(page.locator(".s360-offer h3")).to_have_text("Kleine 2-Raum-Wohnung")
    screenshot(page, "offers-flat-list-de-nojs")
    context.close()
