"""POST /api/v1/bundles/search: the contract of the issue, and 422 (never 500) on bad input."""

import pytest

from tests.bundles.worlds import PRESCHOOLER, TODDLER

pytestmark = pytest.mark.django_db

URL = "/api/v1/bundles/search"
FAMILY = {
    "household": {"adults": 2, "children": [{"birth_date": TODDLER}, {"birth_date": PRESCHOOLER}]},
    "job": {"query": "Pflege", "hours": "full_time", "min_salary_month": 2800},
    "flat": {"max_warm_rent": 1100, "min_rooms": 3},
    "mobility": {"modes": ["transit", "bike", "car", "walk"], "max_commute_minutes": 40},
    "weights": {"commute": 1, "cost": 1, "job_fit": 1, "flat_fit": 1},
    "limit": 10,
}


def test_family_search_returns_the_contract(client, family_world) -> None:
    response = client.post(URL, FAMILY, content_type="application/json")

    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {"bundles", "relaxations"}
    assert len(body["bundles"]) >= 3
    bundle = body["bundles"][0]
    assert set(bundle) >= {"score", "job", "flat", "care", "commute", "money", "reasons"}
    assert bundle["job"]["id"] in {j.pk for j in family_world["jobs"]}
    assert [c["child"]["index"] for c in bundle["care"]] == [0, 1]
    assert all(c["kita"]["id"] for c in bundle["care"])
    assert bundle["commute"]["minutes"] > 0
    assert {leg["mode"] for leg in bundle["commute"]["legs"]} <= {"transit", "bike", "car", "walk"}
    assert bundle["money"]["warm_rent"] <= 1100
    assert all(reason["text"] for reason in bundle["reasons"])


def test_reasons_follow_accept_language(client, family_world) -> None:
    german = client.post(URL, FAMILY, content_type="application/json").json()
    english = client.post(
        URL, FAMILY, content_type="application/json", headers={"Accept-Language": "en"}
    ).json()
    assert "Fahrzeit" in german["bundles"][0]["reasons"][0]["text"]
    assert "travel time" in english["bundles"][0]["reasons"][0]["text"]


def test_impossible_wishes_answer_with_relaxations(client, family_world) -> None:
    body = {**FAMILY, "flat": {"max_warm_rent": 250, "min_rooms": 3}}
    result = client.post(URL, body, content_type="application/json").json()

    assert result["bundles"] == []
    assert any(e["constraint"] == "max_warm_rent" for e in result["eliminated"])
    patch = next(r for r in result["relaxations"] if r["constraint"] == "max_warm_rent")["patch"]
    relaxed = {**body, "flat": {**body["flat"], **patch["flat"]}}
    assert client.post(URL, relaxed, content_type="application/json").json()["bundles"]


@pytest.mark.parametrize(
    ("change", "location"),
    [
        ({"household": {"adults": 0}}, ["body", "query", "household", "adults"]),
        ({"household": {"children": [{"birth_date": "gestern"}]}}, None),
        ({"mobility": {"modes": ["rocket"]}}, None),
        ({"mobility": {"modes": []}}, None),
        ({"weights": {"commute": 0, "cost": 0, "job_fit": 0, "flat_fit": 0}}, None),
        ({"flat": {"max_warm_rent": -5}}, None),
        ({"limit": 10_000}, None),
        ({"unknown": 1}, None),
        ({"job": {"min_salary_month": "viel"}}, None),
    ],
)
def test_invalid_input_is_422_with_field_errors(client, db, change, location) -> None:
    response = client.post(URL, {**FAMILY, **change}, content_type="application/json")

    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail
    assert all({"loc", "msg", "type"} <= set(item) for item in detail)
    if location:
        assert detail[0]["loc"] == location


@pytest.mark.parametrize("payload", ["", "{", "[]", "null", '"text"'])
def test_malformed_json_is_a_client_error(client, db, payload) -> None:
    response = client.post(URL, payload, content_type="application/json")
    assert 400 <= response.status_code < 500


def test_openapi_documents_the_search_with_the_family_example(client, db) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    operation = spec["paths"]["/api/v1/bundles/search"]["post"]
    assert "200" in operation["responses"]
    assert "422" in operation["responses"]
    example = spec["components"]["schemas"]["BundleQuery"]["examples"][0]
    assert example["job"]["query"] == "Pflege"
    assert example["household"]["adults"] == 2


def test_variety_defaults_are_applied_and_echoed(client, family_world) -> None:
    """An old body (no ``variety``) gets the default caps, and the answer says so."""
    body = client.post(URL, FAMILY, content_type="application/json").json()

    assert body["variety"] == {"max_per_job": 2, "max_per_flat": 1, "max_per_care": 2}
    flats = [bundle["flat"]["id"] for bundle in body["bundles"]]
    assert len(flats) == len(set(flats))


def test_variety_null_is_the_plain_ranking(client, family_world) -> None:
    varied = client.post(URL, FAMILY, content_type="application/json").json()
    plain = client.post(URL, {**FAMILY, "variety": None}, content_type="application/json").json()

    assert plain["variety"] is None
    scores = [bundle["score"] for bundle in plain["bundles"]]
    assert scores == sorted(scores, reverse=True)
    assert len(plain["bundles"]) >= len(varied["bundles"])
    flats = [bundle["flat"]["id"] for bundle in plain["bundles"]]
    assert len(flats) > len(set(flats))  # the world's best flat comes again and again


def test_variety_caps_are_echoed_with_defaults_for_missing_ones(client, family_world) -> None:
    body = {**FAMILY, "variety": {"max_per_flat": 3}}
    result = client.post(URL, body, content_type="application/json").json()

    assert result["variety"] == {"max_per_job": 2, "max_per_flat": 3, "max_per_care": 2}
    flats = [bundle["flat"]["id"] for bundle in result["bundles"]]
    assert max(flats.count(flat) for flat in flats) <= 3


@pytest.mark.parametrize("cap", ["max_per_job", "max_per_flat", "max_per_care"])
@pytest.mark.parametrize("value", [0, 51, "zwei"])
def test_bad_variety_cap_is_422_naming_the_field(client, db, cap, value) -> None:
    response = client.post(
        URL, {**FAMILY, "variety": {cap: value}}, content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "query", "variety", cap]
