"""Needs and plans for concrete households against the shipped "Neu in Gera" catalogue."""

import datetime
from pathlib import Path

import pytest

from stadt360.situations.models import Situation
from stadt360.situations.selectors import Household, PlannedStep, needs_for, plan_for
from stadt360.situations.services import DATA_DIR, load_catalogue

TEST_DATA = Path(__file__).parent / "data"

D = datetime.date
MOVE_IN = D(2027, 1, 1)
TODDLER, PRESCHOOLER, PUPIL = D(2025, 6, 1), D(2022, 3, 15), D(2019, 9, 1)  # 1, 4 and 7 years old


def family(*children: D, **extra: object) -> Household:
    return Household(adults=2, children=children, reference_date=MOVE_IN, **extra)  # type: ignore[arg-type]


def by_ref(plan: list[PlannedStep]) -> dict[str, PlannedStep]:
    return {planned.ref: planned for planned in plan}


def test_needs_expand_per_child_and_per_adult(catalogue: Situation) -> None:
    needs = needs_for(situation=catalogue, household=family(TODDLER, PRESCHOOLER, PUPIL))
    assert [need.ref for need in needs] == [
        "job:adult-1",
        "job:adult-2",
        "flat",
        "kita-place:child-1",
        "kita-place:child-2",
        "school-place:child-3",
    ]
    assert [need.child.birth_date for need in needs if need.kind == "kita_place"] == [
        TODDLER,
        PRESCHOOLER,
    ]


def test_nobody_seeking_work_needs_no_job(catalogue: Situation) -> None:
    household = family(seeking_work=0)
    assert [need.kind for need in needs_for(situation=catalogue, household=household)] == ["flat"]
    assert "arbeitsuchend-melden" not in by_ref(
        plan_for(situation=catalogue, household=household, anchors={})
    )


def test_one_kita_application_per_child_under_school_age_and_none_for_the_pupil(
    catalogue: Situation,
) -> None:
    plan = by_ref(
        plan_for(
            situation=catalogue,
            household=family(TODDLER, PRESCHOOLER, PUPIL),
            anchors={"move_in": MOVE_IN},
        )
    )
    kita = [ref for ref in plan if ref.startswith("kita-anmeldung")]
    assert kita == ["kita-anmeldung:child-1", "kita-anmeldung:child-2"]
    assert [ref for ref in plan if ref.startswith("schulanmeldung")] == ["schulanmeldung:child-3"]
    assert plan["schulanmeldung:child-3"].child.birth_date == PUPIL


def test_no_school_step_without_a_school_age_child(catalogue: Situation) -> None:
    plan = plan_for(situation=catalogue, household=family(TODDLER), anchors={"move_in": MOVE_IN})
    assert not [p for p in plan if p.step.key in {"schulanmeldung", "einschulung-anmelden"}]


def test_registration_is_due_14_days_after_moving_in(catalogue: Situation) -> None:
    plan = by_ref(plan_for(situation=catalogue, household=family(), anchors={"move_in": MOVE_IN}))
    assert plan["anmeldung"].due_date == D(2027, 1, 15)
    assert plan["wohnungsgeberbestaetigung"].due_date == D(2027, 1, 15)
    assert plan["rundfunkbeitrag"].due_date == D(2027, 1, 31)
    assert plan["anmeldung"].office.key == "buergeramt-gera"
    assert plan["anmeldung"].step.deadline_is_legal


def test_due_dates_before_an_anchor_and_from_a_childs_school_entry(catalogue: Situation) -> None:
    starts_school_soon = D(2021, 5, 1)  # six on 1 May 2027: school from 1 August 2027
    plan = by_ref(
        plan_for(
            situation=catalogue,
            household=family(starts_school_soon),
            anchors={"move_in": MOVE_IN, "care_start": D(2027, 9, 1)},
        )
    )
    assert plan["kita-anmeldung:child-1"].due_date == D(2027, 9, 1) - datetime.timedelta(days=180)
    assert plan["einschulung-anmelden:child-1"].due_date == D(2027, 8, 1) - datetime.timedelta(
        days=120
    )


def test_steps_without_their_anchor_date_have_no_due_date(catalogue: Situation) -> None:
    plan = by_ref(plan_for(situation=catalogue, household=family(), anchors={}))
    assert plan["anmeldung"].due_date is None
    assert plan["krankenkasse-waehlen"].due_date is None
    assert plan["anmeldung"].step.deadline_text()


def test_prerequisites_come_first_and_are_named(catalogue: Situation) -> None:
    plan = plan_for(
        situation=catalogue,
        household=family(TODDLER, PUPIL, has_vehicle=True),
        anchors={"move_in": MOVE_IN},
    )
    position = {planned.ref: index for index, planned in enumerate(plan)}
    for planned in plan:
        for prerequisite in planned.waits_for:
            assert position[prerequisite] < position[planned.ref], (prerequisite, planned.ref)
    steps = by_ref(plan)
    assert steps["anmeldung"].waits_for == ("wohnungsgeberbestaetigung",)
    assert steps["kfz-ummelden"].waits_for == ("anmeldung",)
    assert position["wohnungsgeberbestaetigung"] < position["anmeldung"] < position["kindergeld"]


def test_a_step_that_does_not_apply_passes_its_prerequisites_on(catalogue: Situation) -> None:
    """Kindergeld requires the residence permit; for EU citizens it waits for registration."""
    anchors = {"move_in": MOVE_IN}
    eu = by_ref(plan_for(situation=catalogue, household=family(TODDLER), anchors=anchors))
    assert "aufenthaltstitel" not in eu
    assert eu["kindergeld"].waits_for == ("anmeldung",)
    non_eu = by_ref(
        plan_for(situation=catalogue, household=family(TODDLER, non_eu_citizens=1), anchors=anchors)
    )
    assert non_eu["aufenthaltstitel"].waits_for == ("anmeldung",)
    assert non_eu["kindergeld"].waits_for == ("anmeldung", "aufenthaltstitel")


def test_conditional_steps_follow_the_household(catalogue: Situation) -> None:
    without = by_ref(plan_for(situation=catalogue, household=Household(adults=1), anchors={}))
    assert {"kindergeld", "kfz-ummelden", "aufenthaltstitel"}.isdisjoint(without)
    assert "kfz-ummelden" in by_ref(
        plan_for(situation=catalogue, household=Household(adults=1, has_vehicle=True), anchors={})
    )


def test_plan_reads_a_fixed_number_of_queries(
    catalogue: Situation, django_assert_num_queries: object
) -> None:
    household = family(TODDLER, PRESCHOOLER, PUPIL, has_vehicle=True, non_eu_citizens=2)
    with django_assert_num_queries(4):  # type: ignore[operator]
        situation = Situation.objects.with_catalogue().get(slug="neu-in-gera")
        plan_for(situation=situation, household=household, anchors={"move_in": MOVE_IN})
        needs_for(situation=situation, household=household)


@pytest.mark.django_db
def test_a_second_situation_plans_from_data_alone() -> None:
    """Due dates from a child's birth and an anchor that only the test file defines."""
    load_catalogue(paths=[DATA_DIR / "neu-in-gera.json", TEST_DATA / "familie-bekommt-kind.json"])
    situation = Situation.objects.with_catalogue().get(slug="familie-bekommt-kind")
    baby, sibling = D(2027, 5, 10), D(2023, 2, 1)
    household = Household(adults=2, children=(sibling, baby), reference_date=D(2027, 4, 1))
    plan = by_ref(
        plan_for(
            situation=situation,
            household=household,
            anchors={"parental_leave_start": D(2027, 7, 5)},
        )
    )
    assert list(plan) == ["elternzeit", "geburt-anzeigen:child-2", "kindergeld:child-2"]
    assert plan["geburt-anzeigen:child-2"].due_date == D(2027, 5, 17)
    assert plan["kindergeld:child-2"].waits_for == ("geburt-anzeigen:child-2",)
    assert plan["elternzeit"].due_date == D(2027, 5, 17)
    needs = [need.ref for need in needs_for(situation=situation, household=household)]
    assert needs == ["kita-place:child-1", "kita-place:child-2", "midwife:child-2"]
