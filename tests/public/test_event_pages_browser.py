"""Event pages in Chromium: a new person finds a lecture and registers with the keyboard
alone; every event page type passes axe in German, in English and at 320 px."""

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from stadt360.events import services
from stadt360.events.models import Registration, RegistrationStatus
from tests.public.event_world import EventWorld, make_event_world
from tests.public.test_journeys import go, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db: None) -> EventWorld:
    return make_event_world()


def test_a_new_person_registers_for_a_lecture_with_the_keyboard_alone(
    page: Page, world: EventWorld
) -> None:
    page.goto("/veranstaltungen/")
    expect(page.locator("h1")).to_have_text("Veranstaltungen")
    tab_to(page, 'a[href="/veranstaltungen/ki-vortrag-sprachmodelle/"]')
    go(page, "Enter")
    expect(page.locator("h1")).to_have_text("Sprachmodelle im Betrieb")
    register = reverse("public:event-register", args=[world.lecture_date.pk])
    tab_to(page, f'a[href="{register}"]')
    go(page, "Enter")
    tab_to(page, "#id_name")
    page.keyboard.type("Anna Schmidt")
    tab_to(page, "#id_email")
    page.keyboard.type("anna@example.org")
    tab_to(page, "#id_answer_level")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    tab_to(page, "#register-submit")
    go(page, "Enter")
    expect(page.locator("#registration-done")).to_contain_text("Sie sind angemeldet")
    expect(page.locator("main")).to_contain_text("Ihr Platz ist bestätigt.")
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.answers == {"level": "keins"}


def test_a_missing_answer_is_announced_and_reachable_from_the_error_summary(
    page: Page, world: EventWorld
) -> None:
    page.goto(reverse("public:event-register", args=[world.lecture_date.pk]))
    page.locator("#id_name").fill("Anna Schmidt")
    page.locator("#register-submit").click()
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Geben Sie Ihre E-Mail-Adresse ein.")
    summary.locator('a[href="#id_email"]').click()
    expect(page.locator("#id_email")).to_be_focused()
    expect(page.locator("#id_name")).to_have_value("Anna Schmidt")


def event_pages(world: EventWorld) -> dict[str, str]:
    done = services.register(
        date_id=world.second_lecture_date.pk,
        name="Anna",
        email="anna@example.org",
        consent=True,
        answers={"level": "etwas"},
    )
    month = world.lecture_date.starts_at.strftime("%Y-%m")
    return {
        "list": "/veranstaltungen/",
        "calendar": f"/veranstaltungen/?ansicht=kalender&monat={month}",
        "detail": "/veranstaltungen/ki-vortrag-sprachmodelle/",
        "series": "/veranstaltungen/reihe/ki-im-mittelstand/",
        "register": reverse("public:event-register", args=[world.lecture_date.pk]),
        "management": reverse("public:event-registration", kwargs={"token": done.token}),
    }


@pytest.mark.parametrize(
    ("prefix", "width"), [("", 1280), ("/en", 1280), ("", 320)], ids=["de", "en", "320px"]
)
def test_every_event_page_passes_axe(
    open_page: Callable[..., Page],
    world: EventWorld,
    axe_check: Callable[[Page], None],
    prefix: str,
    width: int,
) -> None:
    page = open_page(viewport={"width": width, "height": 800})
    for name, path in event_pages(world).items():
        page.goto(prefix + path)
        expect(page.locator("h1")).to_be_visible()
        axe_check(page)
        if width == 320:
            overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
            assert not overflow, f"{name} scrolls sideways at 320 px"
