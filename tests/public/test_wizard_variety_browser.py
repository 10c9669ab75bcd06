"""The switch "group similar suggestions" in Chromium: unticking it updates the list in place
(htmx), the URL carries it, and ticking it again groups the suggestions again."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.public.test_wizard_variety import FAMILY, town  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def flats(page: Page) -> list[str]:
    values = page.locator('input[name="bundle"]').evaluate_all("(boxes) => boxes.map(b => b.value)")
    return [value.split("-")[1] for value in values]


def test_the_switch_changes_the_list_in_place(page: Page, town: None, axe_check) -> None:  # noqa: F811
    page.goto(f"/en/lebenslagen/neu-in-gera/ergebnisse/?{FAMILY}")
    switch = page.get_by_role("switch", name="Group similar suggestions")
    expect(switch).to_be_checked()
    grouped = flats(page)
    assert len(grouped) == len(set(grouped))
    axe_check(page)

    switch.uncheck()
    expect(page).to_have_url(re.compile(r"similar=all"))
    expect(page.locator('input[name="bundle"]')).not_to_have_count(len(grouped))
    every = flats(page)
    assert len(every) > len(set(every))
    expect(page.get_by_role("link", name=re.compile("Show similar"))).to_have_count(0)

    page.get_by_role("switch", name="Group similar suggestions").check()
    expect(page.locator('input[name="bundle"]')).to_have_count(len(grouped))
    assert flats(page) == grouped
