"""The switch "group similar suggestions", "show similar" and compare, against the real search."""

import datetime
import html as markup
import re

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from stadt360.bundles.schemas import BundleQuery
from stadt360.public.wizard.querystring import decode, encode
from tests.factories import FlatFactory, FreePlaceFactory, JobFactory, KitaFactory
from tests.public.test_wizard_results import bundle_keys as keys
from tests.public.test_wizard_results import english  # noqa: F401 (autouse: pages in English)
from tests.public.test_wizard_results import results as page

TODAY = datetime.date.today()
BABY = TODAY.replace(year=TODAY.year - 1).isoformat()
FAMILY = (
    f"adults=2&child={BABY}&q=Pflege&hours=full_time&min_rooms=3"
    "&mode=transit&mode=bike&mode=walk&max_minutes=60&w_commute=1&w_cost=1&w_job=1&w_flat=1"
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def town() -> None:
    """Three nursing jobs, five similar flats and two Kitas: many near-identical bundles."""
    day = {"shift_start": datetime.time(8, 0), "shift_end": datetime.time(15, 30)}
    JobFactory.create_batch(3, title="Pflegefachkraft (m/w/d)", skills=["Pflege"], **day)
    for rent in (420, 430, 440, 450, 460):
        FlatFactory(rooms=3, cold_rent=rent)
    for _ in range(2):
        kita = KitaFactory(monthly_fee=150)
        FreePlaceFactory(kita=kita, min_age_months=0, max_age_months=36, count=3)


def flats(html: str) -> list[str]:
    return [key.split("-")[1] for key in keys(html)]


def switch_checked(html: str) -> bool:
    tag = re.search(r'<input[^>]*id="similar-switch"[^>]*>', html)
    assert tag is not None
    return " checked" in tag.group(0)


def test_the_switch_groups_similar_suggestions_and_can_be_switched_off(
    client: Client, town: None
) -> None:
    grouped = page(client, FAMILY)
    assert switch_checked(grouped)
    assert "Group similar suggestions" in grouped
    assert flats(grouped)
    assert len(set(flats(grouped))) == len(flats(grouped))  # each flat once

    # what the form sends with the box unticked: only the hidden "all"
    every = page(client, FAMILY + "&similar=all")
    assert not switch_checked(every)
    assert len(flats(every)) > len(set(flats(every)))  # the same flat again and again
    assert len(keys(every)) > len(keys(grouped))
    # ticked again: hidden "all" and the box's "group"
    assert keys(page(client, FAMILY + "&similar=all&similar=group")) == keys(grouped)


def test_show_similar_pins_the_job_and_lists_the_near_duplicates(
    client: Client, town: None
) -> None:
    grouped = page(client, FAMILY)
    links = re.findall(r'href="([^"]+)"><span [^>]*></span>Show similar', grouped)
    assert len(links) == len(keys(grouped))
    first_job = keys(grouped)[0].split("-")[0]
    similar = client.get(markup.unescape(links[0]))
    assert similar.status_code == 200
    html = similar.content.decode()
    assert not switch_checked(html)
    assert "Show similar" not in html  # the list is not grouped: nothing left out to show
    similar_keys = keys(html)
    assert {key.split("-")[0] for key in similar_keys} == {first_job}
    grouped_with_job = [key for key in keys(grouped) if key.split("-")[0] == first_job]
    assert len(similar_keys) > len(grouped_with_job)
    assert set(grouped_with_job) <= set(similar_keys)


def test_compare_reaches_a_suggestion_the_grouping_leaves_out(client: Client, town: None) -> None:
    grouped = keys(page(client, FAMILY))
    hidden = next(key for key in keys(page(client, FAMILY + "&similar=all")) if key not in grouped)
    query = f"{FAMILY}&bundle={grouped[0]}&bundle={hidden}"
    html = client.get(f"{reverse('public:wizard-compare')}?{query}").content.decode()
    assert html.count('<th scope="col"') == 2


def test_the_switch_survives_the_url() -> None:
    query = decode(QueryDict(FAMILY)).query
    assert query is not None
    assert query.variety is not None
    off = query.model_copy(update={"variety": None})
    assert dict(encode(off).lists())["similar"] == ["all"]
    assert decode(encode(off)).query == off
    assert "similar" not in encode(query)
    assert decode(encode(query)).query == query == BundleQuery.model_validate(query.model_dump())
