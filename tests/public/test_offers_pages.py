"""The public browse and detail pages of jobs, flats, Kitas and schools (HTML, no JS)."""

import datetime
import types
from decimal import Decimal

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.test import Client
from django.urls import LocalePrefixPattern, NoReverseMatch, include, path, reverse

from stadt360.core.choices import OfferSource, OfferStatus
from stadt360.jobs.models import EmploymentType
from stadt360.schools.models import SchoolType
from tests.factories import (
    FlatFactory,
    FreePlaceFactory,
    JobFactory,
    KitaFactory,
    ProviderFactory,
    SchoolFactory,
    in_days,
)

pytestmark = pytest.mark.django_db

FACTORIES = {"job": JobFactory, "flat": FlatFactory, "kita": KitaFactory, "school": SchoolFactory}


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
            *(
                entry
                for entry in root.urlpatterns
                if not isinstance(entry.pattern, LocalePrefixPattern)
            ),
            *i18n_patterns(
                path("", include((public_urls.urlpatterns + offer_urls.urlpatterns, "public"))),
                prefix_default_language=False,
            ),
        ]
        settings.ROOT_URLCONF = module


def list_url(kind: str) -> str:
    return reverse(f"public:{kind}-list")


def detail_url(kind: str, pk: int) -> str:
    return reverse(f"public:{kind}-detail", args=[pk])


def names_on(response) -> list[str]:
    return [row.name for row in response.context["rows"]]


# --- Filters through the HTML page ---------------------------------------------------


def test_job_filters_by_keyword_type_and_salary(client: Client) -> None:
    JobFactory(title="Pflegefachkraft", salary_min=3300, salary_max=3900)
    JobFactory(title="Pflegehelfer", employment_type=EmploymentType.PART_TIME, weekly_hours=20)
    JobFactory(title="Softwareentwickler", salary_min=4000, salary_max=5200, skills=["Python"])

    assert names_on(client.get(list_url("job"), {"q": "pflege"})) == [
        "Pflegehelfer",
        "Pflegefachkraft",
    ]
    by_type = client.get(list_url("job"), {"employment_type": "part_time"})
    assert names_on(by_type) == ["Pflegehelfer"]
    rich = client.get(list_url("job"), {"min_salary": "4500"})
    assert names_on(rich) == ["Softwareentwickler"]
    assert "1 Ergebnis" in rich.content.decode()


def test_flat_filters_by_warm_rent_and_district_and_sorts_by_rent(client: Client) -> None:
    cheap = FlatFactory(title="Günstig", cold_rent=Decimal("300"))
    FlatFactory(title="Teuer", cold_rent=Decimal("900"))
    other = FlatFactory(title="Anderer Ortsteil", cold_rent=Decimal("350"))
    assert cheap.district_id != other.district_id

    affordable = client.get(list_url("flat"), {"max_warm_rent": "600"})
    assert sorted(names_on(affordable)) == ["Anderer Ortsteil", "Günstig"]
    in_district = client.get(list_url("flat"), {"district": cheap.district.slug})
    assert names_on(in_district) == ["Günstig"]
    # The district filter is a choice of real district names, not a slug to type.
    assert (
        f'<option value="{cheap.district.slug}">{cheap.district.name}</option>'
        in in_district.content.decode().replace(" selected", "")
    )
    by_rent = client.get(list_url("flat"), {"sort": "rent"})
    assert names_on(by_rent) == ["Günstig", "Anderer Ortsteil", "Teuer"]


def test_kita_filters_by_free_place_for_age(client: Client) -> None:
    with_place = KitaFactory(name="Kita Sonnenschein")
    FreePlaceFactory(
        kita=with_place,
        min_age_months=12,
        max_age_months=36,
        count=2,
        available_from=datetime.date(2027, 2, 1),
    )
    KitaFactory(name="Kita Voll")

    response = client.get(list_url("kita"), {"age_months": "24", "from_date": "2027-03-01"})

    assert names_on(response) == ["Kita Sonnenschein"]
    page = response.content.decode()
    assert "Mo–Fr 06:30–16:30" in page
    assert "2 freie Plätze ab 01.02.2027" in page


def test_school_filters_by_type_grade_and_care(client: Client) -> None:
    SchoolFactory(name="Grundschule Lusan")
    SchoolFactory(
        name="Goethe-Gymnasium",
        school_type=SchoolType.GYMNASIUM,
        grade_from=5,
        grade_to=12,
        all_day_care=False,
    )

    assert names_on(client.get(list_url("school"), {"grade": "7"})) == ["Goethe-Gymnasium"]
    assert names_on(client.get(list_url("school"), {"school_type": "grundschule"})) == [
        "Grundschule Lusan"
    ]
    assert names_on(client.get(list_url("school"), {"all_day_care": "true"})) == [
        "Grundschule Lusan"
    ]


def test_invalid_filter_shows_the_error_next_to_the_field_and_no_results(client: Client) -> None:
    JobFactory()

    response = client.get(list_url("job"), {"min_salary": "-5"})

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert 'id="id_min_salary_error"' in page
    assert 'aria-invalid="true"' in page
    assert 'id="error-summary"' in page


def test_plain_get_form_renders_the_whole_page_with_filters_kept(client: Client) -> None:
    JobFactory(title="Pflegefachkraft")

    response = client.get(list_url("job"), {"q": "pflege", "sort": "salary"})

    page = response.content.decode()
    assert page.startswith("<!doctype html>")
    assert '<form method="get" action="/stellen/"' in page
    assert 'name="q" value="pflege"' in page
    assert '<option value="salary" selected>' in page
    assert 'type="submit"' in page


def test_htmx_request_gets_only_the_results_partial(client: Client) -> None:
    JobFactory(title="Pflegefachkraft")

    response = client.get(
        list_url("job"),
        {"q": "pflege"},
        headers={"HX-Request": "true", "HX-Target": "offer-results"},
    )

    page = response.content.decode()
    assert page.lstrip().startswith('<section id="offer-results"')
    assert "<html" not in page
    assert "<form" not in page
    assert "Pflegefachkraft" in page
    # The live region outside the swapped part is updated out of band: "1 Ergebnis".
    assert 'hx-swap-oob="innerHTML:#offer-status"' in page
    assert "1 Ergebnis" in page


# --- Pagination ----------------------------------------------------------------------


def test_pagination_shows_twenty_per_page_and_marks_the_current_page(client: Client) -> None:
    provider = ProviderFactory()
    for number in range(23):
        SchoolFactory(provider=provider, name=f"Schule {number:02d}")

    first = client.get(list_url("school"))
    second = client.get(list_url("school"), {"page": "2", "school_type": "grundschule"})

    assert len(first.context["rows"]) == 20
    assert names_on(second) == ["Schule 20", "Schule 21", "Schule 22"]
    page = second.content.decode()
    assert 'aria-current="page"' in page
    assert 'href="?page=1&amp;school_type=grundschule"' in page
    assert '<ol class="s360-offer-list" start="21">' in page
    assert "23 Ergebnisse" in page


# --- What each row says ----------------------------------------------------------------


def test_job_row_shows_employer_hours_salary_district_and_trust_marks(client: Client) -> None:
    employer = ProviderFactory(name="SRH Wald-Klinikum Gera", verified=True)
    JobFactory(provider=employer, salary_min=2800, salary_max=3400, source=OfferSource.DEMO)

    page = client.get(list_url("job")).content.decode()

    assert "SRH Wald-Klinikum Gera" in page
    assert "2.800–3.400\u00a0€" in page
    assert "38,5" in page
    assert "Verified provider" in page or "Geprüfter Anbieter" in page
    assert "Demodaten" in page or "Demo data" in page
    assert "<time datetime=" in page


def test_flat_row_shows_rooms_space_warm_rent_and_available_date(client: Client) -> None:
    FlatFactory(rooms=Decimal("2.5"), living_space=Decimal("58.30"), available_from=in_days(40))

    response = client.get(list_url("flat"))

    facts = dict(response.context["rows"][0].facts)
    assert facts == {
        "Zimmer": "2,5",
        "Wohnfläche": "58,3 m²",
        "Miete pro Monat": "628\u00a0€ warm (420\u00a0€ kalt)",
        "Ortsteil": response.context["rows"][0].offer.district.name,
        "Frei ab": in_days(40).strftime("%d.%m.%Y"),
    }


def test_offer_from_a_real_provider_has_no_demo_badge(client: Client) -> None:
    SchoolFactory()

    page = client.get(list_url("school")).content.decode()

    assert "kern-badge--warning" not in page


# --- Detail pages ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(FACTORIES))
def test_unpublished_and_unknown_offers_are_404(client: Client, kind: str) -> None:
    draft = FACTORIES[kind](status=OfferStatus.DRAFT)
    expired = FACTORIES[kind](valid_until=in_days(-1))

    assert client.get(detail_url(kind, draft.pk)).status_code == 404
    assert client.get(detail_url(kind, expired.pk)).status_code == 404
    assert client.get(detail_url(kind, 999_999)).status_code == 404
    assert names_on(client.get(list_url(kind))) == []


@pytest.mark.parametrize("kind", list(FACTORIES))
def test_detail_links_to_the_list_with_the_filters_kept(client: Client, kind: str) -> None:
    offer = FACTORIES[kind]()
    listing = client.get(list_url(kind), {"district": offer.district.slug, "page": "1"})
    link = listing.context["rows"][0].url

    detail = client.get(link)

    assert detail.status_code == 200
    assert detail.context["back_url"] == f"{list_url(kind)}?district={offer.district.slug}&page=1"


def test_back_link_never_leaves_the_list_page(client: Client) -> None:
    job = JobFactory()

    detail = client.get(detail_url("job", job.pk), {"back": "//evil.example/?x=1"})

    assert detail.context["back_url"].startswith("/stellen/?")


@pytest.mark.parametrize(
    ("kind", "parameter"), [("job", "pin_job"), ("flat", "pin_flat"), ("kita", "pin_kita")]
)
def test_detail_links_to_the_wizard_with_the_offer_pinned(
    client: Client, kind: str, parameter: str
) -> None:
    offer = FACTORIES[kind]()

    page = client.get(detail_url(kind, offer.pk)).content.decode()

    assert f'href="/lebenslagen/neu-in-gera/?{parameter}={offer.pk}"' in page


def test_kita_detail_lists_opening_hours_and_free_places(client: Client) -> None:
    kita = KitaFactory(
        opening_hours=[
            (0, datetime.time(6, 30), datetime.time(17)),
            (4, datetime.time(7), datetime.time(14)),
        ]
    )
    FreePlaceFactory(kita=kita, count=1, available_from=datetime.date(2027, 2, 1))

    page = client.get(detail_url("kita", kita.pk)).content.decode()

    assert "Mo 06:30–17:00; Fr 07:00–14:00" in page
    assert "1 freier Platz ab 01.02.2027" in page
    assert page.count('<tr class="kern-table__row">') == 3


def test_demo_offer_detail_says_so(client: Client) -> None:
    flat = FlatFactory(source=OfferSource.DEMO)

    page = client.get(detail_url("flat", flat.pk)).content.decode()

    assert "kern-badge--warning" in page
    assert "demo data" in page.lower() or "demodaten" in page.lower()


def test_english_pages_live_under_en(client: Client) -> None:
    job = JobFactory()

    response = client.get("/en" + detail_url("job", job.pk))

    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


# --- Query counts ----------------------------------------------------------------------

# list: count, one page of offers (provider and district joined), district choices;
# Kitas add opening hours and free places (one query each for the whole page).
LIST_QUERIES = {"job": 3, "flat": 3, "kita": 5, "school": 3}
DETAIL_QUERIES = {"job": 1, "flat": 1, "kita": 3, "school": 1}


@pytest.mark.parametrize("kind", list(FACTORIES))
def test_list_query_count_does_not_grow_with_rows(
    client: Client, django_assert_num_queries, kind: str
) -> None:
    for _ in range(25):
        offer = FACTORIES[kind]()
    if kind == "kita":
        FreePlaceFactory(kita=offer)

    with django_assert_num_queries(LIST_QUERIES[kind]):
        response = client.get(list_url(kind), {"page": "1"})

    assert len(response.context["rows"]) == 20


@pytest.mark.parametrize("kind", list(FACTORIES))
def test_detail_query_count(client: Client, django_assert_num_queries, kind: str) -> None:
    offer = FACTORIES[kind]()

    with django_assert_num_queries(DETAIL_QUERIES[kind]):
        response = client.get(detail_url(kind, offer.pk))

    assert response.status_code == 200
