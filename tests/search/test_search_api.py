"""GET /api/v1/search and /search/suggest: results contract, facets, 422 for bad input."""

import pytest
from django.test import Client

from stadt360.search.indexing import rebuild_index
from tests.factories import FlatFactory, JobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed() -> None:
    JobFactory(
        title="Fachkraft für Lagerlogistik", employment_type="full_time", skills=[], occupation=None
    )
    FlatFactory(title="3-Raum-Wohnung mit Balkon")
    rebuild_index()


@pytest.mark.usefixtures("indexed")
def test_search_returns_hits_facets_and_did_you_mean(client: Client) -> None:
    body = client.get("/api/v1/search", {"q": "Logistk"}).json()
    assert body["total"] == 1
    assert body["hits"][0]["title"] == "Fachkraft für Lagerlogistik"
    assert body["facets"]["kind"] == {"job": 1}
    assert body["suggestions"] == ["logistik"]
    filtered = client.get("/api/v1/search", {"q": "Wohnung", "kind": "flat", "rooms": "3"}).json()
    assert filtered["total"] == 1
    assert client.get("/api/v1/search", {"q": "Wohnung", "kind": "job"}).json()["total"] == 0


@pytest.mark.usefixtures("indexed")
def test_suggest(client: Client) -> None:
    assert client.get("/api/v1/search/suggest", {"q": "lag"}).json() == {
        "suggestions": ["lager", "lagerlogistik"]
    }


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x", "kind": "spaceship"},
        {"q": "x", "page": "0"},
        {"q": "x", "page": "abc"},
        {"q": "x", "per_page": "1000"},
        {"q": "x" * 201},
        {"q": "x", "district": "<script>"},
        {"q": "x", "employment_type": "nonsense", "kind": "nope"},
    ],
)
def test_invalid_input_is_422(client: Client, params: dict) -> None:
    response = client.get("/api/v1/search", params)
    assert response.status_code == 422
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "q", ["\x00", "' OR 1=1 --", '"unclosed', "AND OR NOT", "*", "NEAR(a b)", "ä" * 200]
)
def test_hostile_queries_answer_200(client: Client, q: str) -> None:
    assert client.get("/api/v1/search", {"q": q}).status_code == 200
    assert client.get("/api/v1/search/suggest", {"q": q}).status_code == 200


def test_suggest_needs_a_prefix(client: Client) -> None:
    assert client.get("/api/v1/search/suggest").status_code == 422
