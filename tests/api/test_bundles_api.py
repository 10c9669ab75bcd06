"""POST /api/v1/bundles/search: the contract of the issue, and 422 (never 500) on bad input."""

import datetime

import pytest

from tests.bundles.worlds import PRESCHOOLER, TODDLER
from tests.factories import FreePlaceFactory

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
        ({"start": {"date": "2020-01-01"}}, ["body", "query", "start", "date"]),
        ({"start": {"window": "someday"}}, ["body", "query", "start", "window"]),
        ({"flat": {"move_in": "2020-01-01"}}, ["body", "query", "flat", "move_in"]),
        # a typo, not a plan: more than two years ahead
        ({"start": {"date": "9999-12-31"}}, ["body", "query", "start", "date"]),
        ({"flat": {"move_in": "3000-01-01"}}, ["body", "query", "flat", "move_in"]),
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


def test_an_old_body_without_dates_still_works_and_gets_starts(client, family_world) -> None:
    """Backwards compatible: no ``start``, no ``move_in``; every bundle says when each part
    starts (today by default) and every Kita part its day and gap."""
    body = client.post(URL, FAMILY, content_type="application/json").json()
    assert body["bundles"]
    today = datetime.date.today().isoformat()
    for bundle in body["bundles"]:
        assert bundle["starts"]["job"] == today
        assert [c["child"] for c in bundle["starts"]["care"]] == [0, 1]
        assert all(c["available_from"] == today for c in bundle["care"])
        assert all(c["gap_weeks"] is None for c in bundle["care"])


def test_a_kita_place_free_later_is_a_compromise_or_left_out_when_fixed(
    client, family_world
) -> None:
    later = datetime.date.today() + datetime.timedelta(days=30)
    late = family_world["kitas"][0]
    late.free_places.all().delete()
    FreePlaceFactory(kita=late, min_age_months=0, max_age_months=78, count=3, available_from=later)
    asap = {**FAMILY, "start": {"window": "asap"}}

    bundles = client.post(URL, asap, content_type="application/json").json()["bundles"]
    with_gap = [b for b in bundles if any(c["kita"]["id"] == late.pk for c in b["care"])]
    assert with_gap
    for bundle in with_gap:
        assert bundle["verdict"] == "compromise"
        part = next(c for c in bundle["care"] if c["kita"]["id"] == late.pk)
        assert (part["available_from"], part["gap_weeks"]) == (later.isoformat(), 5)
        assert any(r["code"] == "care_starts_later" for r in bundle["reasons"])

    fixed = {**asap, "start": {"window": "asap", "fixed": True}}
    result = client.post(URL, fixed, content_type="application/json").json()
    assert not any(c["kita"]["id"] == late.pk for b in result["bundles"] for c in b["care"])
    # a named date at the place's day: no gap
    named = {**FAMILY, "start": {"date": later.isoformat(), "fixed": True}}
    bundles = client.post(URL, named, content_type="application/json").json()["bundles"]
    assert any(c["kita"]["id"] == late.pk for b in bundles for c in b["care"])
    assert all(b["starts"]["flat"] >= later.isoformat() for b in bundles)


def _care(**care: object) -> dict:
    return {**FAMILY, "care": care}


@pytest.mark.parametrize(
    ("care", "field"),
    [
        ({"hours_from": "06:30"}, "hours_until"),
        ({"hours_until": "17:00"}, "hours_until"),
        ({"hours_from": "17:00", "hours_until": "06:30"}, "hours_until"),
        ({"hours_from": "07:00", "hours_until": "07:00"}, "hours_until"),
        ({"hours_from": "25:00", "hours_until": "26:00"}, "hours_from"),
        ({"hours_from": "06:30", "hours_until": "24:30"}, "hours_until"),
        ({"hours_from": 390, "hours_until": 1020}, "hours_from"),
        ({"dwell_minutes": 31}, "dwell_minutes"),
        ({"dwell_minutes": -1}, "dwell_minutes"),
    ],
)
def test_bad_care_hours_and_dwell_are_422_naming_the_field(client, db, care, field) -> None:
    response = client.post(URL, _care(**care), content_type="application/json")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "query", "care", field]


def _stops(bundle: dict) -> int:
    return len(bundle["commute"]["legs"]) // 2 - 1


def test_without_care_fields_the_day_counts_five_minutes_per_stop(client, family_world) -> None:
    """Old request bodies still work; drop-off and pick-up now take 5 minutes per stop."""
    bundle = client.post(URL, FAMILY, content_type="application/json").json()["bundles"][0]
    commute, stops = bundle["commute"], _stops(bundle)
    legs = [leg["minutes"] for leg in commute["legs"]]
    assert stops >= 1
    assert commute["dwell_minutes"] == 5
    assert commute["minutes"] == sum(legs) + 2 * 5 * stops
    assert commute["one_way_minutes"] == sum(legs[: stops + 1]) + 5 * stops
    assert f"davon {2 * 5 * stops} Minuten zum Bringen und Abholen" in bundle["reasons"][0]["text"]


def test_dwell_zero_gives_the_legs_alone(client, family_world) -> None:
    bundle = client.post(URL, _care(dwell_minutes=0), content_type="application/json").json()[
        "bundles"
    ][0]
    assert bundle["commute"]["minutes"] == sum(leg["minutes"] for leg in bundle["commute"]["legs"])
    assert bundle["commute"]["dwell_minutes"] == 0


def test_stated_care_hours_replace_the_working_hours(client, family_world) -> None:
    """The Kitas open 6:30–16:30: care from 6:30 to 16:30 fits, from 6:00 does not."""
    fits = client.post(
        URL, _care(hours_from="06:30", hours_until="16:30"), content_type="application/json"
    ).json()
    hours = [r["text"] for r in fits["bundles"][0]["reasons"] if r["code"] == "care_covers_hours"]
    assert hours
    assert all(
        "Kita geöffnet 6:30 bis 16:30; Sie brauchen Betreuung von 6:30 bis 16:30" in text
        for text in hours
    )
    early = client.post(
        URL, _care(hours_from="6:00", hours_until="16:30"), content_type="application/json"
    ).json()
    assert early["bundles"] == []
    assert {"care_hours_child_0", "care_hours_child_1"} <= {
        e["constraint"] for e in early["eliminated"]
    }


def test_a_child_past_school_age_does_not_shift_the_numbering(client, family_world) -> None:
    """Regression: the care pick named the child by its position among children with a
    place; an 18-year-old first (no place) made the toddler "child 1" with the teen's data."""
    today = datetime.date.today()
    teen = today.replace(year=today.year - 18)  # 216 months: past grade 12, no place
    body = {
        **FAMILY,
        "household": {"adults": 2, "children": [{"birth_date": teen.isoformat()},
                                                {"birth_date": TODDLER}]},
    }  # fmt: skip
    bundle = client.post(URL, body, content_type="application/json").json()["bundles"][0]
    assert [(c["child"]["index"], c["child"]["birth_date"]) for c in bundle["care"]] == [
        (1, TODDLER)
    ]


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
