"""The wizard's four steps and the summary: plain GET forms, answers only in the URL."""

import datetime
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import FlatFactory, JobFactory

TODAY = datetime.date.today()
BABY = TODAY.replace(year=TODAY.year - 1).isoformat()
KID = TODAY.replace(year=TODAY.year - 4).isoformat()
HOUSEHOLD = f"adults=2&child={BABY}&child={KID}"
JOB = "q=Pflege&hours=full_time"
FLAT = "max_rent=1100&min_rooms=3"
PRIORITIES = "mode=transit&mode=bike&max_minutes=40&w_commute=3&w_cost=1&w_job=1&w_flat=1"
ALL = "&".join((HOUSEHOLD, JOB, FLAT, PRIORITIES))

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Pages in English (URLs under /en/), so assertions read the msgids."""
    with translation.override("en"):
        yield


def step(number: int) -> str:
    return reverse("public:wizard") if number == 1 else reverse("public:wizard-step", args=[number])


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def test_the_start_page_is_step_one_with_a_visible_counter(client: Client) -> None:
    response = client.get(reverse("public:wizard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Step 1 of 4" in html or "Schritt 1 von 4" in html
    assert 'method="get"' in html
    assert 'aria-current="step"' in html


def test_a_valid_step_leads_to_the_next_with_all_answers_in_the_url(client: Client) -> None:
    response = client.get(step(1), {"adults": "2", "child": [BABY, KID], "nav": "next"})
    assert response.status_code == 302
    assert urlsplit(response.url).path == step(2)
    assert query_of(response.url) == {"adults": ["2"], "child": [BABY, KID]}


def test_errors_stand_next_to_the_field_and_in_a_summary_with_links(client: Client) -> None:
    response = client.get(step(1), {"adults": "9", "child": [BABY, ""], "nav": "next"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in html
    assert 'href="#id_adults"' in html
    assert 'href="#id_child_1"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_adults_error"' in html
    assert 'id="id_child_1_error"' in html


def test_adding_and_removing_a_child_row_needs_no_javascript(client: Client) -> None:
    added = client.get(step(1), {"adults": "2", "child": [BABY], "add_child": "1"})
    assert added.status_code == 302
    assert query_of(added.url)["child"] == [BABY, ""]
    assert added.url.endswith("#id_child_1")
    page = client.get(added.url).content.decode()
    assert page.count('name="child"') == 2
    removed = client.get(step(1), {"adults": "2", "child": [BABY, KID], "remove_child": "0"})
    assert query_of(removed.url)["child"] == [KID]


def test_back_keeps_the_answers_of_the_current_step_even_unfinished(client: Client) -> None:
    params = f"{HOUSEHOLD}&q=Elektriker&hours=part_time&min_salary=abc&nav=back"
    response = client.get(f"{step(2)}?{params}")
    assert urlsplit(response.url).path == step(1)
    assert query_of(response.url)["q"] == ["Elektriker"]
    assert query_of(response.url)["min_salary"] == ["abc"]


def test_returning_to_a_step_shows_the_earlier_answers(client: Client) -> None:
    html = client.get(f"{step(2)}?{ALL}").content.decode()
    assert 'value="Pflege"' in html
    assert 'value="full_time" id="id_hours_1" checked' in html
    # other steps' answers ride along as hidden inputs, so nothing is lost on submit
    assert f'type="hidden" name="child" value="{BABY}"' in html
    assert 'type="hidden" name="max_rent" value="1100"' in html


def test_the_flat_step_suggests_rooms_from_the_household(client: Client) -> None:
    html = client.get(f"{step(3)}?{HOUSEHOLD}&{JOB}").content.decode()
    # living room + couple's bedroom + one room per child
    assert 'name="min_rooms" value="4"' in html


def test_the_live_count_counts_matching_offers(client: Client) -> None:
    JobFactory.create_batch(3, title="Pflegefachkraft (m/w/d)")
    JobFactory(title="Elektriker (m/w/d)", description="Elektroinstallation", skills=[])
    FlatFactory.create_batch(2, rooms=3)
    FlatFactory(rooms=1)
    jobs = client.get(reverse("public:wizard-count", args=[2]), {"q": "Pflege", "hours": "any"})
    flats = client.get(reverse("public:wizard-count", args=[3]), {"min_rooms": "3"})
    assert (
        "3 matching jobs" in jobs.content.decode() or "3 passende Stellen" in jobs.content.decode()
    )
    assert "2 " in flats.content.decode()
    step_html = client.get(f"{step(2)}?{HOUSEHOLD}&q=Pflege&hours=any").content.decode()
    assert 'id="live-count" role="status"' in step_html


def test_inline_validation_returns_just_that_field_with_its_error(client: Client) -> None:
    response = client.get(
        reverse("public:wizard-field", args=[4]), {"field": "max_minutes", "max_minutes": "999"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div class="s360-wizard-field" id="wrap-id_max_minutes"')
    assert 'aria-invalid="true"' in html
    assert 'id="id_max_minutes_error"' in html
    assert "mode" not in html  # the other fields are not part of the answer
    assert (
        client.get(reverse("public:wizard-field", args=[4]), {"field": "nope"}).status_code == 404
    )


def test_the_summary_lists_all_answers_with_change_links(client: Client) -> None:
    html = client.get(f"{reverse('public:wizard-review')}?{ALL}").content.decode()
    for number in range(1, 5):
        assert f"{step(number)}?" in html
    assert "return=review" in html
    assert "Pflege" in html
    assert reverse("public:wizard-results") in html


def test_a_change_from_the_summary_returns_to_the_summary(client: Client) -> None:
    response = client.get(f"{step(2)}?{ALL}&return=review&nav=next")
    assert urlsplit(response.url).path == reverse("public:wizard-review")


def test_the_summary_sends_an_unfinished_wizard_to_its_first_open_step(client: Client) -> None:
    response = client.get(f"{reverse('public:wizard-review')}?{HOUSEHOLD}&{JOB}")
    assert urlsplit(response.url).path == step(3)
    invalid = client.get(f"{reverse('public:wizard-review')}?{ALL}&max_minutes=1")
    assert urlsplit(invalid.url).path == step(4)
    assert "nav=next" in invalid.url  # opens with its errors shown


def test_reversed_care_hours_get_a_clear_message_at_the_field(client: Client) -> None:
    params = f"{ALL}&care=hours&care_from=17:00&care_until=06:30&nav=next"
    response = client.get(f"{step(4)}?{params}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "The end of care must be later than its start (17:00)." in html
    assert 'id="id_care_until_error"' in html
    review = client.get(
        f"{reverse('public:wizard-review')}?{ALL}&care=hours&care_from=06:30&care_until=17:00"
    ).content.decode()
    assert "from 6:30 to 17:00" in review
    assert "5 minutes" in review
