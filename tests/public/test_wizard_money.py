"""Money in the wizard: marital status, and no "best value" or saving built on an unknown fee."""

import datetime
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import FlatFactory, FreePlaceFactory, JobFactory, KitaFactory

TODAY = datetime.date.today()
BABY = TODAY.replace(year=TODAY.year - 1).isoformat()
PRIORITIES = "mode=transit&mode=bike&mode=walk&max_minutes=60&w_commute=1&w_cost=1&w_job=1&w_flat=1"
COUPLE = (  # the plain ranking: the compare table needs several bundles of few offers
    f"adults=2&married=yes&child={BABY}&q=Pflege&hours=any&min_rooms=2&{PRIORITIES}&similar=all"
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Pages in English (URLs under /en/), so assertions read the msgids."""
    cache.clear()
    with translation.override("en"):
        yield


@pytest.fixture
def two_kitas() -> None:
    """One job, one flat, two Kitas for a one-year-old: one states 150 €, one states nothing."""
    day = {"shift_start": datetime.time(8, 0), "shift_end": datetime.time(15, 30)}
    JobFactory(title="Pflegefachkraft (m/w/d)", skills=["Pflege"], **day)
    FlatFactory(rooms=3, cold_rent=450)
    for fee in (150, None):
        kita = KitaFactory(monthly_fee=fee)
        FreePlaceFactory(kita=kita, min_age_months=0, max_age_months=36, count=3)


def test_married_with_one_adult_gets_a_clear_message(client: Client) -> None:
    response = client.get(
        reverse("public:wizard"), {"adults": "1", "married": "yes", "nav": "next"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_married' in html  # the error summary links to the question
    assert "needs two adults" in html


def test_married_is_kept_in_the_url(client: Client) -> None:
    response = client.get(
        reverse("public:wizard"), {"adults": "2", "married": "yes", "nav": "next"}
    )
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.url).query)["married"] == ["yes"]


def _row(html: str, label: str) -> str:
    start = html.index(label)
    return html[start : html.index("</tr>", start)]


def test_compare_claims_no_best_value_on_an_unknown_fee(client: Client, two_kitas: None) -> None:
    html = client.get(f"{reverse('public:wizard-results')}?{COUPLE}").content.decode()
    keys = re.findall(r'name="bundle" value="([^"]+)"', html)
    assert len(keys) == 2
    # The card states the range and its source instead of a silent 0.
    assert "fee not stated, estimate" in html
    assert "estimate from the city" in html
    query = COUPLE + "".join(f"&bundle={key}" for key in keys)
    compare = client.get(f"{reverse('public:wizard-compare')}?{query}").content.decode()
    for label in ("Warm rent and Kita fees per month", "Left each month"):
        row = _row(compare, label)
        assert "s360-compare__best" not in row, label
        assert " to " in row  # the unknown fee is a range: 110 € to 230 € (Gera, under three)
    assert "more left each month" not in compare
    assert "less left each month" not in compare


def test_compare_names_the_best_value_when_fees_are_known(client: Client) -> None:
    day = {"shift_start": datetime.time(8, 0), "shift_end": datetime.time(15, 30)}
    JobFactory(title="Pflegefachkraft (m/w/d)", skills=["Pflege"], **day)
    FlatFactory(rooms=3, cold_rent=450)
    for fee in (150, 300):
        kita = KitaFactory(monthly_fee=fee)
        FreePlaceFactory(kita=kita, min_age_months=0, max_age_months=36, count=3)
    html = client.get(f"{reverse('public:wizard-results')}?{COUPLE}").content.decode()
    keys = re.findall(r'name="bundle" value="([^"]+)"', html)
    query = COUPLE + "".join(f"&bundle={key}" for key in keys)
    compare = client.get(f"{reverse('public:wizard-compare')}?{query}").content.decode()
    assert "s360-compare__best" in _row(compare, "Left each month")
