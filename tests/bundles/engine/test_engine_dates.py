"""Dates (contract D): the household's start, its window, a fixed date, the move-in day,
and when each part of a bundle can start."""

import math
from dataclasses import replace

import numpy as np
import pytest

from stadt360.bundles.engine import (
    Bundle,
    BundleQuery,
    Flats,
    Household,
    Jobs,
    Kitas,
    Region,
    Schools,
    TravelTimes,
    Wishes,
    top_k,
)
from stadt360.mobility.zones import ZoneGrid, build_zone_matrices

GRID = ZoneGrid(50.80, 11.95, 50.95, 12.20, cell_km=2.0)
MATRICES = build_zone_matrices(GRID)
DAY = 740_000  # the household's start (a day number)
LATE = DAY + 60  # Kita 22's place for under-threes is free only from here
TODDLER = Household(adults=1, child_age_months=(12,))


def region(*, job_start: int = 0, flat_from: tuple[int, int] = (0, DAY + 30)) -> Region:
    """One job, two flats, two Kitas close together: Kita 21 free now, Kita 22 from LATE."""
    return Region(
        Jobs(ids=[1], zone=[40], salary_min=[3000.0], salary_max=[3000.0], weekly_hours=[40.0],
             shift_start=[480.0], shift_end=[990.0], fit=[1.0], remote_share=[0.0],
             start_day=[job_start]),
        Flats(ids=[11, 12], zone=[41, 41], warm_rent=[700.0, 700.0], rooms=[3.0, 3.0],
              living_space=[70.0, 70.0], fit=[1.0, 1.0], available_from=list(flat_from)),
        Kitas(ids=[21, 22], zone=[41, 40], min_age_months=[0, 0], max_age_months=[84, 84],
              opens=[360.0, 360.0], closes=[1080.0, 1080.0], free_places=[[1, 1], [1, 1]],
              fee=[150.0, 150.0], free_from=[[0, 0], [LATE, 0]]),
        Schools(ids=[31], zone=[40], school_type=[1], grade_min=[1], grade_max=[4],
                all_day=[True]),
        TravelTimes(MATRICES.minutes, MATRICES.path_lower, MATRICES.modes),
    )  # fmt: skip


def search(wishes: Wishes, household: Household = TODDLER, reg: Region | None = None):
    return top_k(reg or region(), BundleQuery(household, wishes, k=10, variety=None))


def kita_of(bundle: Bundle) -> int:
    return next(pick.id for pick in bundle.care if pick.kind == "kita")


def later_reasons(bundle: Bundle) -> list[dict]:
    return [params for code, params in bundle.reasons if code == "care_starts_later"]


def test_old_callers_get_zero_dates_and_no_date_logic() -> None:
    jobs = region().jobs
    plain = Jobs(**{name: getattr(jobs, name) for name in (
        "ids", "zone", "salary_min", "salary_max", "weekly_hours", "shift_start", "shift_end",
        "fit", "remote_share")})  # fmt: skip
    assert plain.start_day.tolist() == [0]
    kitas = region().kitas
    assert Kitas(kitas.ids, kitas.zone, kitas.min_age_months, kitas.max_age_months,
                 kitas.opens, kitas.closes, kitas.free_places, kitas.fee).free_from.tolist() == [
        [0, 0], [0, 0]]  # fmt: skip
    result = search(Wishes())
    assert {kita_of(b) for b in result.bundles} == {21, 22}
    assert not any(later_reasons(b) for b in result.bundles)


def test_a_place_free_after_the_start_is_a_gap_in_whole_weeks_and_keeps_its_score() -> None:
    result = search(Wishes(start_day=DAY))
    late = [b for b in result.bundles if kita_of(b) == 22]
    assert late
    for bundle in late:
        assert later_reasons(bundle) == [
            {"child": 0, "place": "kita:22", "from_day": LATE, "gap_weeks": math.ceil(60 / 7)}
        ]
    assert not any(later_reasons(b) for b in result.bundles if kita_of(b) == 21)
    # the gap does not change the score: the same bundles without any date
    undated = {(b.flat_id, kita_of(b)): b.score for b in search(Wishes()).bundles}
    assert {(b.flat_id, kita_of(b)): b.score for b in result.bundles} == undated


def test_a_fixed_date_excludes_the_late_place_and_says_so() -> None:
    result = search(Wishes(start_day=DAY, start_fixed=True))
    assert result.bundles
    assert {kita_of(b) for b in result.bundles} == {21}
    removal = next(r for r in result.removals if r.constraint == "care_start_child_0")
    assert (removal.kind, removal.removed, removal.of) == ("kitas", 1, 2)


def test_a_fixed_date_alone_can_leave_nothing() -> None:
    only_late = replace(region().kitas, free_places=np.array([[0, 1], [1, 1]]))
    reg = replace(region(), kitas=only_late)
    assert search(Wishes(start_day=DAY, start_fixed=True), reg=reg).bundles == ()
    assert search(Wishes(start_day=DAY), reg=reg).bundles


@pytest.mark.parametrize(
    ("window", "gap_weeks"), [(0, 9), (30, 5), (59, 1), (60, None), (91, None)]
)
def test_the_start_window_is_slack_before_a_gap(window: int, gap_weeks: int | None) -> None:
    result = search(Wishes(start_day=DAY, start_window_days=window))
    late = next(b for b in result.bundles if kita_of(b) == 22)
    assert [r["gap_weeks"] for r in later_reasons(late)] == ([gap_weeks] if gap_weeks else [])
    fixed = search(Wishes(start_day=DAY, start_window_days=window, start_fixed=True))
    assert (22 in {kita_of(b) for b in fixed.bundles}) == (gap_weeks is None)


def test_flats_are_excluded_only_by_a_given_move_in_day() -> None:
    assert {b.flat_id for b in search(Wishes(start_day=DAY)).bundles} == {11, 12}
    result = search(Wishes(start_day=DAY, move_in_day=DAY + 29))
    assert {b.flat_id for b in result.bundles} == {11}
    removal = next(r for r in result.removals if r.constraint == "move_in_day")
    assert (removal.kind, removal.removed, removal.of) == ("flats", 1, 2)
    assert {b.flat_id for b in search(Wishes(move_in_day=DAY + 30)).bundles} == {11, 12}


def test_jobs_are_never_excluded_by_their_start() -> None:
    result = search(Wishes(start_day=DAY, start_fixed=True), reg=region(job_start=DAY + 400))
    assert result.bundles
    assert all(b.starts["job"] == DAY + 400 for b in result.bundles)


def test_starts_name_the_day_of_every_part() -> None:
    family = Household(adults=1, child_age_months=(240, 12, 90))  # none, Kita, school
    wishes = Wishes(start_day=DAY, min_rooms=1)
    result = search(wishes, household=family, reg=region(job_start=DAY + 10))
    by_parts = {(b.flat_id, kita_of(b)): b.starts for b in result.bundles}
    assert by_parts[(11, 21)] == {"job": DAY + 10, "flat": DAY, "care": (None, DAY, DAY)}
    assert by_parts[(12, 22)] == {"job": DAY + 10, "flat": DAY + 30, "care": (None, LATE, DAY)}
    # the care pick and the reason name the child's place in the household
    assert [pick.child for pick in result.bundles[0].care] == [1, 2]
    late = next(b for b in result.bundles if kita_of(b) == 22)
    assert [r["child"] for r in later_reasons(late)] == [1]


def test_without_a_start_only_stated_days_are_named() -> None:
    result = search(Wishes(), reg=region(job_start=DAY + 10))
    by_parts = {(b.flat_id, kita_of(b)): b.starts for b in result.bundles}
    assert by_parts[(11, 21)] == {"job": DAY + 10, "flat": None, "care": (None,)}
    assert by_parts[(12, 22)] == {"job": DAY + 10, "flat": DAY + 30, "care": (LATE,)}
    pupil = search(Wishes(), household=Household(child_age_months=(90,)))
    assert pupil.bundles[0].starts["care"] == (None,)
