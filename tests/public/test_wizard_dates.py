"""Dates in the wizard: the household's start (three choices and "the date is fixed"), an
optional move-in day, clear messages for past dates, and the card's start line."""

import datetime
import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import FlatFactory, FreePlaceFactory, JobFactory, KitaFactory, in_days

TODAY = datetime.date.today()
BABY = TODAY.replace(year=TODAY.year - 1).isoformat()
ANSWERS = (
    f"adults=1&child={BABY}&q=Pflege&hours=full_time&min_rooms=2"
    "&mode=transit&mode=bike&mode=walk&max_minutes=60&w_commute=1&w_cost=1&w_job=1&w_flat=1"
    "&similar=all"  # one job only: the plain ranking shows every Kita (grouping is tested apart)
)
LATER = 70  # days until the late Kita's place for under-threes is free

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Pages in English (URLs under /en/), so assertions read the msgids."""
    with translation.override("en"):
        yield


@pytest.fixture
def city() -> None:
    """One nursing job, two flats (one free only in 30 days), a Kita free now and one later,
    all in Gera's centre (07545), so every combination is within the travel limit."""
    here = {"latitude": 50.8800, "longitude": 12.0825}
    JobFactory(title="Pflegefachkraft (m/w/d)", skills=["Pflege"], **here,
               shift_start=datetime.time(8, 0), shift_end=datetime.time(15, 30))  # fmt: skip
    FlatFactory(rooms=2, cold_rent=400, title="Wohnung sofort", **here)
    FlatFactory(rooms=2, cold_rent=380, title="Wohnung später", available_from=in_days(30), **here)
    sofort = KitaFactory(name="Kita Sofort", **here)
    FreePlaceFactory(kita=sofort, min_age_months=0, max_age_months=36)
    late = KitaFactory(name="Kita Später", monthly_fee=100, **here)
    FreePlaceFactory(kita=late, min_age_months=0, max_age_months=36, available_from=in_days(LATER))


def page(client: Client, params: str, step: int | None = None) -> str:
    url = reverse(
        "public:wizard-results" if step is None else "public:wizard-step",
        args=[step] if step else [],
    )
    response = client.get(f"{url}?{params}")
    assert response.status_code == 200
    return response.content.decode()


def cards(html: str) -> list[str]:
    return re.findall(r'<article class="kern-card[^"]*s360-bundle".*?</article>', html, re.S)


def test_the_job_step_asks_for_the_start_with_three_choices_and_a_fixed_date(
    client: Client,
) -> None:
    html = page(client, "adults=1", step=2).replace("\n", " ")
    for text in ("When do you want to start?", "As soon as possible", "In the next three months",
                 "From a date", "The date is fixed"):  # fmt: skip
        assert text in html
    checked = re.search(r'<input[^>]*name="when"[^>]*value="three_months"[^>]*>', html)
    assert checked is not None
    assert "checked" in checked.group(0)


def test_a_past_start_date_gets_a_clear_message_on_the_job_step(client: Client) -> None:
    url = reverse("public:wizard-step", args=[2])
    response = client.get(url, {"adults": "1", "hours": "any", "when": "date",
                                "start": "2020-01-01", "nav": "next"})  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "This date lies in the past. Enter today or a later day." in html
    assert 'href="#id_start"' in html


def test_a_start_years_ahead_gets_a_clear_message_on_the_job_step(client: Client) -> None:
    url = reverse("public:wizard-step", args=[2])
    response = client.get(url, {"adults": "1", "hours": "any", "when": "date",
                                "start": "2999-01-01", "nav": "next"})  # fmt: skip
    assert "This date lies more than two years ahead. Enter a nearer day." in (
        response.content.decode()
    )


def test_a_place_free_only_after_an_asap_start_is_a_compromise_with_its_gap(
    client: Client, city: None
) -> None:
    html = page(client, ANSWERS + "&when=asap")
    late = [card for card in cards(html) if "Kita Später" in card]
    assert late
    weeks = -(-LATER // 7)
    free_from = in_days(LATER)
    for card in late:
        assert "Match with compromise" in card
        assert f"{weeks} weeks gap" in card
        assert "Start:" in card
        assert f"free from {free_from.day} {free_from:%B} {free_from.year}" in card
    prompt = [card for card in cards(html) if "Kita Sofort" in card and "Wohnung sofort" in card]
    assert "gap" not in prompt[0]
    assert "Job at once · Flat at once" in re.sub(r"\s+", " ", prompt[0])


def test_a_fixed_date_leaves_out_the_late_place(client: Client, city: None) -> None:
    html = page(client, ANSWERS + "&when=asap&fixed=on")
    assert cards(html)
    assert "Kita Später" not in "".join(cards(html))


def test_in_the_next_three_months_a_place_free_in_ten_weeks_is_no_gap(
    client: Client, city: None
) -> None:
    html = page(client, ANSWERS)
    assert any("Kita Später" in card for card in cards(html))
    assert not any("gap" in card for card in cards(html))


def test_the_move_in_day_is_asked_and_only_then_leaves_out_later_flats(
    client: Client, city: None
) -> None:
    assert "Move in by (at the latest)" in page(client, "adults=1&hours=any", step=3)
    assert any("Wohnung später" in card for card in cards(page(client, ANSWERS)))
    soon = (TODAY + datetime.timedelta(days=7)).isoformat()
    html = page(client, f"{ANSWERS}&move_in={soon}")
    assert cards(html)
    assert not any("Wohnung später" in card for card in cards(html))


def test_the_summary_names_the_start_and_the_move_in_day(client: Client) -> None:
    later = TODAY + datetime.timedelta(days=40)
    answers = f"{ANSWERS}&when=date&start={later}&fixed=on&move_in={later}"
    response = client.get(f"{reverse('public:wizard-review')}?{answers}")
    html = response.content.decode()
    assert response.status_code == 200
    day = f"{later.day} {later:%b} {later.year}"
    assert f"From {day} (the date is fixed)" in html
    assert "Move in by" in html
    assert html.count(day) >= 2
    default = client.get(f"{reverse('public:wizard-review')}?{ANSWERS}").content.decode()
    assert "In the next three months" in default
    assert "flexible" in default
