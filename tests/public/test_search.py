"""The public search page on top of the search app: one search over every indexed kind."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from stadt360.search.indexing import rebuild_index
from tests.companies.world import make_company
from tests.factories import FlatFactory, JobFactory, KitaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed() -> dict:
    """A company with a product, a job with a compound, a flat and a Kita – indexed."""
    world = {
        "company": make_company("precision"),  # product "Frästeile", text "CNC-Fräsen …"
        "job": JobFactory(title="Erzieherin in der Kinderbetreuung", skills=[], occupation=None),
        "flat": FlatFactory(title="Wohnung mit Balkon", description="Ruhige Lage am Park."),
        "kita": KitaFactory(name="Kita Sonnenschein", description="Betreuung <b>liebevoll</b>."),
    }
    rebuild_index()
    return world


def test_empty_query_shows_a_helpful_page(client: Client) -> None:
    response = client.get("/suche/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wonach suchen Sie?" in html
    assert 'href="?q=Kindergarten"' in html
    assert 'href="?kind=company"' in html  # browse one kind, companies included
    assert 'href="/lebenslagen/neu-in-gera/"' in html
    assert "s360-results" not in html


def test_start_page_box_still_searches(client: Client, indexed: dict) -> None:
    # The start page's form sends q and an empty kind select.
    html = client.get("/suche/", {"q": "Balkon", "kind": ""}).content.decode()
    assert "Wohnung mit Balkon" in html
    assert "1 Ergebnis" in html


def test_misspelled_product_finds_the_company_with_suggestion(
    client: Client, indexed: dict
) -> None:
    html = client.get("/suche/", {"q": "Frästiele"}).content.decode()
    assert "Elster Präzision GmbH" in html
    assert "Meinten Sie" in html
    assert 'href="?q=frasteile"' in html  # the search app suggests the umlaut-folded form
    assert "Unternehmen" in html  # the hit is labelled with its kind


def test_compound_part_finds_the_compound_highlighted(client: Client, indexed: dict) -> None:
    html = client.get("/suche/", {"q": "Betreuung"}).content.decode()
    assert "Erzieherin in der Kinderbetreuung" in html
    assert "<mark>" in html
    # The snippet is escaped by the search app: offer text never becomes markup.
    assert "&lt;b&gt;liebevoll&lt;/b&gt;" in html
    assert "<b>liebevoll</b>" not in html


def test_kind_facet_filters(client: Client, indexed: dict) -> None:
    everything = client.get("/suche/", {"q": "Betreuung"}).content.decode()
    assert "Kita Sonnenschein" in everything
    assert 'name="kind" value="kita"' in everything
    only_jobs = client.get("/suche/", {"q": "Betreuung", "kind": "job"}).content.decode()
    assert "Erzieherin in der Kinderbetreuung" in only_jobs
    assert "Kita Sonnenschein" not in only_jobs
    assert 'value="job" id="search-kind-job" checked' in only_jobs
    # Unknown kinds from old or hand-made links are ignored, not an error.
    assert client.get("/suche/", {"q": "Betreuung", "kind": "nope"}).status_code == 200


def test_htmx_request_returns_the_partial_with_live_count(client: Client, indexed: dict) -> None:
    response = client.get("/suche/", {"q": "Balkon"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Wohnung mit Balkon" in html
    assert "<html" not in html
    assert '<span id="search-count" hx-swap-oob="innerHTML">1 Ergebnis' in html
    assert "HX-Request" in response["Vary"]
    full = client.get("/suche/", {"q": "Balkon"}).content.decode()
    assert 'id="search-count" role="status" aria-live="polite">1 Ergebnis' in full
    assert "<html" in full


def test_suggestions_endpoint_returns_options(client: Client, indexed: dict) -> None:
    html = client.get("/suche/vorschlaege/", {"q": "Wohn"}).content.decode()
    assert '<option value="Wohnung">' in html.replace("wohnung", "Wohnung")
    assert client.get("/suche/vorschlaege/", {"q": ""}).content.strip() == b""


def test_pagination_keeps_query_and_filters(client: Client) -> None:
    for index in range(21):
        FlatFactory(title=f"Wohnung Nummer {index}")
    rebuild_index()
    first = client.get("/suche/", {"q": "Wohnung", "kind": "flat"}).content.decode()
    assert "21 Ergebnisse" in first
    assert 'href="?q=Wohnung&amp;kind=flat&amp;page=2"' in first
    second = client.get("/suche/", {"q": "Wohnung", "kind": "flat", "page": 2}).content.decode()
    assert "Seite 2 von 2" in second
    assert second.count('class="kern-body s360-result__snippet"') == 1


def test_bad_page_is_a_helpful_400(client: Client, indexed: dict) -> None:
    response = client.get("/suche/", {"q": "Balkon", "page": 5000})
    assert response.status_code == 400
    assert "Die Suche konnte nicht ausgeführt werden" in response.content.decode()


def test_english_results_page(client: Client, indexed: dict) -> None:
    html = client.get("/en/suche/", {"q": "Balkon"}).content.decode()
    assert "1 result" in html
    assert "Did you mean" not in html


def test_results_page_query_count_is_fixed(client: Client, indexed: dict) -> None:
    for index in range(12):
        JobFactory(title=f"Betreuung Stelle {index}", skills=[], occupation=None)
    rebuild_index()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/suche/", {"q": "Betreuung"})
    assert response.status_code == 200
    assert len(queries) == 9, [query["sql"] for query in queries.captured_queries]
