"""The pure parts: school entry (ThürSchulG § 18), the condition interpreter, the step graph."""

import datetime

import pytest

from stadt360.situations import conditions
from stadt360.situations.graph import find_cycle, topological_order
from stadt360.situations.selectors import age_in_years, school_entry_date

D = datetime.date


@pytest.mark.parametrize(
    ("birth", "entry"),
    [
        (D(2019, 8, 1), D(2025, 8, 1)),  # turns six exactly on 1 August: starts that August
        (D(2019, 8, 2), D(2026, 8, 1)),  # one day later: waits a year
        (D(2019, 1, 1), D(2025, 8, 1)),
        (D(2019, 12, 31), D(2026, 8, 1)),
        (D(2020, 2, 29), D(2026, 8, 1)),  # leap-day child, sixth birthday in a common year
    ],
)
def test_school_entry_date_follows_the_1_august_cut_off(birth: D, entry: D) -> None:
    assert school_entry_date(birth) == entry


def test_age_in_years_counts_completed_years_and_zero_before_birth() -> None:
    assert age_in_years(D(2022, 3, 15), D(2027, 3, 14)) == 4
    assert age_in_years(D(2022, 3, 15), D(2027, 3, 15)) == 5
    assert age_in_years(D(2028, 1, 1), D(2027, 3, 15)) == 0


FACTS = {"adults": 2, "children": 3, "has_vehicle": False, "non_eu_citizens": 1}


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (None, True),
        ({}, True),
        ({"fact": "adults", "op": ">=", "value": 2}, True),
        ({"fact": "adults", "op": ">", "value": 2}, False),
        ({"fact": "has_vehicle", "op": "==", "value": True}, False),
        ({"not": {"fact": "has_vehicle", "op": "==", "value": True}}, True),
        (
            {
                "all": [
                    {"fact": "children", "op": ">=", "value": 1},
                    {
                        "any": [
                            {"fact": "non_eu_citizens", "op": "==", "value": 0},
                            {"fact": "adults", "op": "<", "value": 3},
                        ]
                    },
                ]
            },
            True,
        ),
        (
            {
                "any": [
                    {"fact": "children", "op": "==", "value": 0},
                    {"fact": "adults", "op": "==", "value": 1},
                ]
            },
            False,
        ),
    ],
)
def test_evaluate_interprets_the_rule_language(rule: conditions.Rule, expected: bool) -> None:
    assert conditions.rule_errors(rule) == []
    assert conditions.evaluate(rule, FACTS) is expected


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("__import__('os').system('true')", "must be an object"),
        ({"fact": "income", "op": ">", "value": 1}, "unknown fact 'income'"),
        ({"fact": "adults", "op": "=~", "value": 1}, "unknown op '=~'"),
        ({"fact": "adults", "op": ">", "value": "1"}, "whole number or true/false"),
        ({"fact": "has_vehicle", "op": ">", "value": True}, "can only be compared with == or !="),
        ({"all": []}, "non-empty list"),
        ({"fact": "adults", "op": ">"}, "exactly the keys fact, op, value"),
        ({"all": [{"fact": "adults", "op": ">", "value": 1}], "any": []}, "exactly the keys"),
    ],
)
def test_rule_errors_names_the_problem(rule: object, message: str) -> None:
    errors = conditions.rule_errors(rule)
    assert errors
    assert message in " ".join(errors)


def test_rule_errors_bounds_nesting_depth() -> None:
    rule: dict[str, object] = {"fact": "adults", "op": ">", "value": 0}
    for _ in range(conditions.MAX_DEPTH + 2):
        rule = {"not": rule}
    assert any("nested deeper" in error for error in conditions.rule_errors(rule))


def test_child_facts_can_be_excluded_for_household_items() -> None:
    rule = {"fact": "child_age_years", "op": "<", "value": 1}
    assert conditions.rule_errors(rule) == []
    assert conditions.rule_errors(rule, facts=conditions.HOUSEHOLD_FACTS)
    assert conditions.facts_used(
        {"all": [rule, {"not": {"fact": "adults", "op": ">", "value": 0}}]}
    ) == {
        "child_age_years",
        "adults",
    }


def test_find_cycle_reports_the_path() -> None:
    assert find_cycle({"a": ["b"], "b": ["c"], "c": []}) is None
    assert find_cycle({"a": ["b"], "b": ["c"], "c": ["a"]}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": ["a"]}) == ["a", "a"]


def test_topological_order_puts_prerequisites_first_and_breaks_ties_by_order() -> None:
    order_of = {"registration": 30, "landlord": 20, "job": 10, "benefit": 5}
    edges = {"registration": {"landlord"}, "benefit": {"registration"}}
    order = topological_order(order_of, edges, sort_key=lambda key: order_of[key])
    assert order == ["job", "landlord", "registration", "benefit"]


def test_topological_order_refuses_a_cycle() -> None:
    with pytest.raises(ValueError, match="cycle"):
        topological_order(["a", "b"], {"a": {"b"}, "b": {"a"}}, sort_key=str)
