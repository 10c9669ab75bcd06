"""The editorial pages in Chromium: axe on the centre's homepage, the news list, a news item
and a legal page in German and English and at 320 px; the /cms/ page editor under the
site's strict CSP (a CSP violation is a console error, which fails the test)."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from stadt360.demo.site import seed_site
from stadt360.site.models import NewsPage
from tests.accounts.sessions import sign_in_with_second_factor
from tests.factories import make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # Wagtail 8.0 sends its moderation mails through Django's deprecated get_connection().
    pytest.mark.filterwarnings(
        "ignore:get_connection:django.utils.deprecation.RemovedInDjango2028Warning"
    ),
]

PAGES = [
    "/innovationszentrum/",
    "/innovationszentrum/aktuelles/",
    "/innovationszentrum/aktuelles/foerdersprechtag/",
    "/impressum/",
]


def test_the_editorial_pages_pass_axe_in_german_english_and_at_320_px(
    page, open_page, axe_check, screenshot
) -> None:
    seed_site()
    phone = open_page(viewport={"width": 320, "height": 640})
    for path in PAGES:
        for prefix, tab in (("", page), ("/en", page), ("", phone)):
            tab.goto(prefix + path)
            expect(tab.locator("h1")).to_be_visible()
            axe_check(tab)
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= tab.viewport_size["width"], f"{prefix}{path} scrolls sideways"
    phone.goto("/innovationszentrum/")
    screenshot(phone, "centre-home-320")


def test_the_cms_page_editor_loads_under_the_sites_csp(page, live_server) -> None:
    seed_site()
    boss = make_user("web@gera.example", mfa=True)
    boss.is_superuser = True
    boss.save()
    client = sign_in_with_second_factor(Client(), boss)
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    page.context.add_cookies([{**cookie, "url": live_server.url}])
    news = NewsPage.objects.filter(locale__language_code="de").first()

    page.goto(f"/cms/pages/{news.pk}/edit/")

    expect(page.locator("input[name=title]")).to_have_value(news.title)
    expect(page.locator(".Draftail-Editor").first).to_be_visible()
