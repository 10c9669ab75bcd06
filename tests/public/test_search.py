"""The simple keyword search: published offers only, grouped by kind, paged."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from stadt360.public.selectors import search_offers
from stadt360.public.views import RESULTS_PER_PAGE


@pytest.mark.django_db
def test_finds_each_kind_by_title_or_name_case_insensitively(client: Client, make_offer) -> None:
    make_offer("job", "Erzieherin im Schichtdienst")
    make_offer("flat", "Helle Wohnung für Erzieher")
    make_offer("kita", "Kita Erzieherhaus")
    make_offer("school", "Grundschule Erzieher-Weg")
    make_offer("job", "Elektriker")
    html = client.get("/suche/", {"q": "erzieher"}).content.decode()
    assert "4 Ergebnisse" in html
    for name in (
        "Erzieherin im Schichtdienst",
        "Helle Wohnung für Erzieher",
        "Kita Erzieherhaus",
        "Grundschule Erzieher-Weg",
    ):
        assert name in html
    assert "Elektriker" not in html
    # Grouped: one heading per kind, in the fixed order jobs, flats, Kitas, schools.
    positions = [
        html.index(f">{heading}</h3>") for heading in ("Stellen", "Wohnungen", "Kitas", "Schulen")
    ]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_drafts_and_expired_offers_are_not_found(client: Client, make_offer) -> None:
    make_offer("job", "Koch Entwurf", status="draft")
    make_offer("job", "Koch abgelaufen", valid_until="2000-01-01")
    make_offer("job", "Koch aktuell")
    html = client.get("/suche/", {"q": "koch"}).content.decode()
    assert "Koch aktuell" in html
    assert "Entwurf" not in html
    assert "abgelaufen" not in html


@pytest.mark.django_db
def test_kind_filter_without_keyword_lists_that_kind(client: Client, make_offer) -> None:
    make_offer("kita", "Kita Am Park")
    make_offer("school", "Goethe-Gymnasium", school_type="gymnasium", grade_from=5, grade_to=12)
    html = client.get("/suche/", {"kind": "kita"}).content.decode()
    assert "Kita Am Park" in html
    assert "Goethe-Gymnasium" not in html


@pytest.mark.django_db
def test_pages_cross_kind_boundaries_without_gaps(make_offer) -> None:
    for index in range(RESULTS_PER_PAGE - 2):
        make_offer("job", f"Stelle {index:02d}")
    for index in range(5):
        make_offer("flat", f"Wohnung {index}")
    results = search_offers("", "")
    assert len(results) == RESULTS_PER_PAGE + 3
    first, second = results[0:RESULTS_PER_PAGE], results[RESULTS_PER_PAGE : 2 * RESULTS_PER_PAGE]
    assert [hit.kind.key for hit in first[-3:]] == ["job", "flat", "flat"]
    assert [hit.name for hit in second] == ["Wohnung 2", "Wohnung 3", "Wohnung 4"]
    assert results[RESULTS_PER_PAGE - 1].name == "Wohnung 1"


@pytest.mark.django_db
def test_second_page_link_keeps_the_keyword(client: Client, make_offer) -> None:
    for index in range(RESULTS_PER_PAGE + 1):
        make_offer("job", f"Pflege {index:02d}")
    first = client.get("/suche/", {"q": "pflege"}).content.decode()
    assert 'href="?q=pflege&amp;page=2"' in first
    second = client.get("/suche/", {"q": "pflege", "page": 2}).content.decode()
    assert "Pflege 20" in second
    assert "Pflege 00" not in second
    assert "Seite 2 von 2" in second


@pytest.mark.django_db
def test_results_page_query_count_is_fixed(client: Client, make_offer) -> None:
    for index in range(12):
        make_offer("job", f"Job {index}")
        make_offer("flat", f"Wohnung {index}")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/suche/", {"q": "o"})
    assert response.status_code == 200
    # demo check (5) + 4 counts + one page slice per kind on the page (job, flat) – no N+1.
    assert len(queries) == 11, [query["sql"] for query in queries.captured_queries]


@pytest.mark.django_db
def test_no_results_says_what_to_do_next(client: Client) -> None:
    html = client.get("/suche/", {"q": "gibtesnicht"}).content.decode()
    assert "Keine Angebote gefunden" in html
    assert 'href="/lebenslagen/neu-in-gera/"' in html


@pytest.mark.django_db
def test_demo_offers_carry_the_demo_badge(client: Client, demo_offer) -> None:
    html = client.get("/suche/", {"q": "pflege"}).content.decode()
    assert "Pflegefachkraft (Demo)" in html
    assert html.count('class="kern-badge ') == 1


@pytest.mark.django_db
def test_english_results_page(client: Client, make_offer) -> None:
    make_offer("flat", "Altbau mit Balkon")
    html = client.get("/en/suche/", {"q": "balkon"}).content.decode()
    assert "1 result" in html
    assert ">Flats</h3>" in html
