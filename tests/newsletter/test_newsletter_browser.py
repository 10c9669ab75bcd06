"""The newsletter pages in a real browser: keyboard sign-up at 320 px, axe in German and English."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from stadt360.newsletter.models import Subscriber, SubscriberStatus, Topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 320, "height": 640}


@pytest.mark.parametrize("language", ["de", "en"])
def test_sign_up_by_keyboard_with_errors_first_and_axe(
    open_page: Callable[..., Page],
    axe_check: Callable[[Page], None],
    screenshot: Callable[..., None],
    topics: dict[str, Topic],
    language: str,
) -> None:
    page = open_page(viewport=PHONE)  # axe needs scripts; the form itself uses none
    prefix = "" if language == "de" else "/en"
    page.goto(f"{prefix}/newsletter/")
    assert page.locator("input[name=topics]").count() == 4
    axe_check(page)

    # Sent without consent: the error summary names what is missing, nothing is stored.
    page.locator("#id_email").fill("kim@example.org")
    page.locator("#id_email").press("Enter")
    expect(page.locator("#error-summary")).to_be_visible()  # waits for the answer to the POST
    axe_check(page)
    assert Subscriber.objects.count() == 0

    page.locator("input[name=topics][value=ki-daten]").focus()
    page.keyboard.press("Space")
    page.locator("#id_consent").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the privacy link to the button
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{prefix}/newsletter/danke/")
    screenshot(page, f"newsletter-thanks-{language}")
    axe_check(page)
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.PENDING
    assert list(subscriber.topics.values_list("slug", flat=True)) == ["ki-daten"]

    page.goto(f"{prefix}/newsletter/abmelden/{subscriber.token}/")
    axe_check(page)
    page.locator("#unsubscribe-button").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    axe_check(page)
