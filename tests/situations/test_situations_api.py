"""The read API: list, detail and plan in German and English; 404 and 422, never 500."""

from collections.abc import Callable
from typing import Any

import pytest

from stadt360.situations.models import Situation

Get = Callable[..., Any]
FAMILY = {"adults": 2, "children": ["2025-06-01", "2022-03-15"], "move_in": "2027-01-01"}


def test_list_in_german_and_english(catalogue: Situation, api_get: Get) -> None:
    german = api_get("", language="de")
    assert german.status_code == 200
    assert german.json() == [
        {
            "slug": "neu-in-gera",
            "title": "Neu in Gera: Arbeit, Wohnen, Kinderbetreuung",
            "summary": catalogue.summary_de,
        }
    ]
    english = api_get("", language="en")
    assert english.json()[0]["title"] == "New in Gera: work, housing, childcare"


def test_list_hides_unpublished_situations(catalogue: Situation, api_get: Get) -> None:
    Situation.objects.create(slug="draft", title_de="Entwurf", title_en="Draft")
    assert [item["slug"] for item in api_get("").json()] == ["neu-in-gera"]
    assert api_get("/draft").status_code == 404


def test_detail_has_needs_steps_offices_deadlines_and_dependencies(
    catalogue: Situation, api_get: Get
) -> None:
    body = api_get("/neu-in-gera", language="en").json()
    assert body["title"] == "New in Gera: work, housing, childcare"
    assert [need["kind"] for need in body["needs"]] == ["job", "flat", "kita_place", "school_place"]
    steps = {step["key"]: step for step in body["steps"]}
    registration = steps["anmeldung"]
    assert registration["title"] == "Register your residence (Anmeldung)"
    assert registration["requires"] == ["wohnungsgeberbestaetigung"]
    assert registration["legal_basis"] == "§ 17 Abs. 1 BMG"
    assert registration["deadline"] == {
        "anchor": "move_in",
        "days": 14,
        "direction": "after",
        "is_legal": True,
        "text": "within 14 days after moving in",
    }
    assert registration["office"]["address"] == "Gagarinstraße 99/101, Gera"
    assert registration["office"]["to_verify"] is True
    assert "ID card or passport of every person" in registration["documents"]
    assert steps["kita-anmeldung"]["per"] == "child_under_school_age"
    assert steps["kfz-ummelden"]["conditional"] is True


def test_detail_in_german(catalogue: Situation, api_get: Get) -> None:
    steps = {step["key"]: step for step in api_get("/neu-in-gera", language="de").json()["steps"]}
    assert steps["anmeldung"]["title"] == "Wohnsitz anmelden"
    assert steps["anmeldung"]["office"]["name"] == "Bürgeramt der Stadt Gera (Bürgerbüro)"
    assert "Wohnungsgeberbestätigung" in steps["anmeldung"]["documents"]


def test_detail_and_list_pin_their_query_counts(
    catalogue: Situation, api_get: Get, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        api_get("")
    with django_assert_num_queries(4):
        api_get("/neu-in-gera")


def test_unknown_slug_is_404(catalogue: Situation, api_get: Get) -> None:
    for suffix in ("/nirgendwo", "/nirgendwo/plan"):
        response = api_get(suffix)
        assert response.status_code == 404
        assert "detail" in response.json()


def test_plan_for_a_family(catalogue: Situation, api_get: Get) -> None:
    response = api_get("/neu-in-gera/plan", FAMILY, language="en")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["reference_date"] == "2027-01-01"
    assert [child["school_entry_date"] for child in body["children"]] == [
        "2031-08-01",
        "2028-08-01",
    ]
    assert [need["ref"] for need in body["needs"]] == [
        "job:adult-1",
        "job:adult-2",
        "flat",
        "kita-place:child-1",
        "kita-place:child-2",
    ]
    steps = {step["ref"]: step for step in body["steps"]}
    assert steps["anmeldung"]["due_date"] == "2027-01-15"
    assert steps["anmeldung"]["waits_for"] == ["wohnungsgeberbestaetigung"]
    assert steps["anmeldung"]["deadline"]["text"] == "within 14 days after moving in"
    assert steps["kita-anmeldung:child-2"]["child"] == 2
    assert steps["kita-anmeldung:child-1"]["title"] == "Apply for a Kita place"
    assert not [ref for ref in steps if ref.startswith("schulanmeldung")]
    refs = [step["ref"] for step in body["steps"]]
    assert (
        refs.index("wohnungsgeberbestaetigung") < refs.index("anmeldung") < refs.index("kindergeld")
    )


def test_plan_in_german_with_a_pupil_and_extra_anchors(catalogue: Situation, api_get: Get) -> None:
    params = {
        "adults": 1,
        "children": ["2019-09-01"],
        "move_in": "2027-01-01",
        "job_start": "2027-02-01",
        "anchor": ["care_start:2027-09-01"],
        "has_vehicle": "true",
        "non_eu_citizens": 1,
    }
    body = api_get("/neu-in-gera/plan", params, language="de").json()
    steps = {step["ref"]: step for step in body["steps"]}
    assert steps["schulanmeldung:child-1"]["title"] == "Kind an einer Schule anmelden"
    assert steps["schulanmeldung:child-1"]["due_date"] == "2027-01-08"
    assert steps["krankenkasse-waehlen"]["due_date"] == "2027-02-15"
    assert steps["kindergeld"]["waits_for"] == ["anmeldung", "aufenthaltstitel"]
    assert "kfz-ummelden" in steps
    assert [need["kind"] for need in body["needs"]] == ["job", "flat", "school_place"]


def test_plan_query_count_is_fixed(
    catalogue: Situation, api_get: Get, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(5):  # situation, needs, steps, requirements, anchor check
        api_get("/neu-in-gera/plan", FAMILY)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"adults": 0}, "adults"),
        ({"adults": "zwei"}, "adults"),
        ({"adults": 10**30}, "adults"),
        ({"children": ["2025-13-01"]}, "children"),
        ({"children": ["1066-10-14"]}, "children"),
        ({"children": ["2020-01-01"] * 13}, "children"),
        ({"move_in": "9999-12-31"}, "move_in"),
        ({"move_in": "morgen"}, "move_in"),
        ({"anchor": ["care_start"]}, "anchor"),
        ({"anchor": ["care_start:2027-02-30"]}, "anchor"),
        ({"anchor": ["warp_drive:2027-02-01"]}, "anchor"),
        ({"anchor": ["child_birth:2027-02-01"]}, "anchor"),
        ({"adults": 1, "seeking_work": 2}, None),
        ({"adults": 1, "non_eu_citizens": 3}, None),
        ({"has_vehicle": "vielleicht"}, "has_vehicle"),
    ],
)
def test_invalid_plan_input_is_422_with_field_errors(
    catalogue: Situation, api_get: Get, params: dict[str, Any], field: str | None
) -> None:
    response = api_get("/neu-in-gera/plan", params)
    assert response.status_code == 422, response.content
    errors = response.json()["detail"]
    assert errors
    assert all(error["msg"] for error in errors)
    if field:
        assert any(field in error["loc"] for error in errors), errors


def test_plan_error_messages_follow_the_language(catalogue: Situation, api_get: Get) -> None:
    response = api_get("/neu-in-gera/plan", {"anchor": ["warp_drive:2027-02-01"]}, language="en")
    assert response.json()["detail"][0]["msg"] == "Unknown anchor: warp_drive"
    response = api_get("/neu-in-gera/plan", {"anchor": ["care_start"]}, language="en")
    assert response.json()["detail"][0]["msg"] == '"care_start" is not written as key:YYYY-MM-DD.'


def test_openapi_describes_the_plan_parameters(client: Any) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    plan = schema["paths"]["/api/v1/situations/{slug}/plan"]["get"]
    names = {parameter["name"] for parameter in plan["parameters"]}
    assert {"adults", "children", "move_in", "job_start", "anchor", "on"} <= names
    assert {"200", "404", "422"} <= set(plan["responses"])
