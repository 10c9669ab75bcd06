"""Hours and the day as people live it (issue 10, contract H), on hand-made towns whose
minutes are chosen so each rule sits exactly at its edge:

- dwell minutes at every distinct care stop, morning and evening (0 = the old rule);
- stated care hours replace the shift-based hours check (the commute limit still holds);
- pupils from grade 5 travel alone: no stop, nearest school from the flat, ≤ 60 minutes.
"""

import numpy as np
import pytest

from stadt360.bundles.engine import (
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
from stadt360.mobility.geometric import Mode

# Zones on a line; walking minutes are the distance, the car is three times as fast.
# 0 flat A, 1 Kita, 2 Grundschule, 3 job, 4 flat B (far out), 5/6 secondary schools.
POSITION = np.array([0, 10, 20, 30, 200, 25, 25])


def travel(modes: tuple[Mode, ...] = (Mode.WALK, Mode.CAR)) -> TravelTimes:
    walk = np.abs(POSITION[:, None] - POSITION[None, :])
    per_mode = {Mode.WALK: walk, Mode.CAR: np.ceil(walk / 3)}
    minutes = np.stack([per_mode[m] for m in modes])
    return TravelTimes(minutes, minutes, modes)


def town(
    *, opens: float = 400.0, closes: float = 1100.0, flats: int = 1, modes=(Mode.WALK, Mode.CAR)
) -> Region:
    """One job at zone 3 (shift 8:00–16:00), flat A at zone 0 (and flat B far out), one
    Kita at zone 1, one Grundschule at zone 2, two secondary schools at zone 5 and 6."""
    return Region(
        Jobs(ids=[1], zone=[3], salary_min=[3000.0], salary_max=[3000.0], weekly_hours=[40.0],
             shift_start=[480.0], shift_end=[960.0], fit=[1.0], remote_share=[0.0]),
        Flats(ids=[11, 12][:flats], zone=[0, 4][:flats], warm_rent=[600.0, 500.0][:flats],
              rooms=[4.0, 4.0][:flats], living_space=[80.0, 80.0][:flats],
              fit=[1.0, 1.0][:flats], available_from=[0, 0][:flats]),
        Kitas(ids=[21], zone=[1], min_age_months=[0], max_age_months=[84], opens=[opens],
              closes=[closes], free_places=[[3, 3]], fee=[100.0]),
        Schools(ids=[33, 31, 32], zone=[2, 6, 5], school_type=[1, 2, 3], grade_min=[1, 5, 5],
                grade_max=[4, 10, 12], all_day=[True, False, False]),
        travel(modes),
    )  # fmt: skip


TODDLER = Household(adults=1, child_age_months=(30,))
WALK = (Mode.WALK,)


def search(region: Region, household: Household = TODDLER, **wishes: object):
    wish = Wishes(modes=WALK, **wishes)  # type: ignore[arg-type]
    return top_k(region, BundleQuery(household, wish, k=5, relax=False))


def hours_of(bundle) -> dict:
    return next(params for code, params in bundle.reasons if code == "care_covers_hours")


def test_dwell_zero_is_the_old_rule_and_dwell_adds_per_stop_and_direction() -> None:
    region = town()
    family = Household(adults=1, child_age_months=(30, 90))  # Kita and Grundschule: two stops
    old = search(region, family).bundles[0]
    assert old.daily_minutes == sum(leg.minutes for leg in old.morning + old.evening) == 60
    held = search(region, family, dwell_min=7).bundles[0]
    assert held.morning == old.morning
    assert held.daily_minutes == 60 + 2 * 7 * 2
    assert dict(held.reasons[0][1])["one_way"] == 30 + 7 * 2
    assert held.dwell_minutes == 7
    assert held.score < old.score


def test_dwell_moves_the_morning_arrival_to_the_opening_edge() -> None:
    # Kita 10 minutes from work by legs: arrival 8:00 − 20 − dwell; it opens at 7:40.
    assert search(town(opens=460.0), dwell_min=0).bundles
    assert not search(town(opens=460.0), dwell_min=1).bundles
    assert search(town(opens=460.0), dwell_min=5, hours_tolerance_min=5.0).bundles
    params = hours_of(search(town(opens=455.0), dwell_min=5).bundles[0])
    assert (params["arrive"], params["leave_by"], params["dwell"]) == (455, 460, 5)


def test_dwell_moves_the_evening_departure_to_the_closing_edge() -> None:
    # Back at the Kita at 16:00 + 20; the parent leaves it dwell minutes later.
    assert search(town(closes=985.0), dwell_min=5).bundles
    assert not search(town(closes=985.0), dwell_min=6).bundles
    params = hours_of(search(town(closes=985.0), dwell_min=5).bundles[0])
    assert (params["back_at"], params["depart"]) == (980, 985)


def test_two_stops_follow_the_contract_formula() -> None:
    """Stops s1 (Kita, 10 from the flat), s2 (school); arrival at s_i = start − legs from
    s_i to work − dwell·(n − i + 1); in the evening the later stop comes first."""
    family = Household(adults=1, child_age_months=(30, 90))
    bundle = search(town(), family, dwell_min=4).bundles[0]
    assert [leg.destination for leg in bundle.morning] == ["kita:21", "school:33", "job"]
    kita, school = (p for c, p in bundle.reasons if c == "care_covers_hours")
    assert kita["arrive"] == 480 - (10 + 10) - 4 * 2
    assert school["arrive"] == 480 - 10 - 4 * 1
    assert school["back_at"] == 960 + 10 + 4 * 0
    assert kita["back_at"] == 960 + 20 + 4 * 1
    assert kita["depart"] == kita["back_at"] + 4


def test_dwell_counts_against_the_commute_limit() -> None:
    assert search(town(), max_commute_min=35.0, dwell_min=5).bundles
    assert not search(town(), max_commute_min=35.0, dwell_min=6).bundles


def test_siblings_at_one_kita_are_one_stop() -> None:
    twins = Household(adults=1, child_age_months=(30, 30))
    bundle = search(town(), twins, dwell_min=5).bundles[0]
    assert bundle.daily_minutes == 60 + 2 * 5


def test_stated_care_hours_replace_the_shift_check() -> None:
    # The Kita opens 7:45 — too late for the 8:00 shift with 20 minutes to work.
    late = town(opens=465.0, closes=960.0)
    assert not search(late).bundles
    assert search(late, care_from=465.0, care_until=960.0).bundles
    assert not search(late, care_from=460.0, care_until=960.0).bundles
    assert not search(late, care_from=465.0, care_until=961.0).bundles
    assert search(late, care_from=460.0, care_until=965.0, hours_tolerance_min=5.0).bundles
    params = hours_of(search(late, care_from=465.0, care_until=960.0).bundles[0])
    assert (params["care_from"], params["care_until"], params["opens"]) == (465, 960, 465)


def test_stated_care_hours_keep_the_commute_limit_and_the_price() -> None:
    late = town(opens=465.0, closes=960.0)
    bundle = search(late, care_from=465.0, care_until=960.0, dwell_min=3).bundles[0]
    assert bundle.daily_minutes == 60 + 2 * 3
    assert not search(late, care_from=465.0, care_until=960.0, max_commute_min=29.0).bundles


def test_stated_care_hours_must_be_both_and_in_order() -> None:
    with pytest.raises(ValueError, match="both or neither"):
        Wishes(care_from=400.0)
    with pytest.raises(ValueError, match="care_from < care_until"):
        Wishes(care_from=600.0, care_until=600.0)
    with pytest.raises(ValueError, match="care_until <= 1440"):
        Wishes(care_from=0.0, care_until=1441.0)
    with pytest.raises(ValueError, match="dwell_min"):
        Wishes(dwell_min=31)


PUPIL = Household(adults=1, child_age_months=(220, 150, 30))  # past school, grade 7, Kita


def test_a_pupil_from_grade_five_is_no_stop_and_goes_to_the_nearest_school() -> None:
    bundle = search(town(), PUPIL, dwell_min=5).bundles[0]
    assert [leg.destination for leg in bundle.morning] == ["kita:21", "job"]
    assert bundle.daily_minutes == 60 + 2 * 5
    # Both secondary schools are 25 minutes from the flat: the lower id wins.
    assert [(c.child, c.kind, c.id) for c in bundle.care] == [(1, "school", 31), (2, "kita", 21)]
    alone = [p for code, p in bundle.reasons if code == "pupil_travels_alone"]
    assert alone == [{"child": 1, "place": "school:31", "minutes": 25}]
    assert hours_of(bundle)["children"] == (2,)


def test_the_pupil_school_is_chosen_by_walk_bike_or_transit_not_by_the_parents_car() -> None:
    region = town(flats=2)  # flat B: 175 minutes' walk to school, 59 by car
    result = top_k(region, BundleQuery(PUPIL, Wishes(modes=(Mode.CAR,)), k=5, relax=False))
    assert {bundle.flat_id for bundle in result.bundles} == {11}
    car_only = town(flats=2, modes=(Mode.CAR,))  # no pupil mode in the matrices: all count
    result = top_k(car_only, BundleQuery(PUPIL, Wishes(modes=(Mode.CAR,)), k=5, relax=False))
    assert {bundle.flat_id for bundle in result.bundles} == {11, 12}


def test_a_flat_more_than_an_hour_from_every_school_cannot_serve_the_household() -> None:
    region = town(flats=2)
    result = top_k(region, BundleQuery(PUPIL, Wishes(modes=WALK), k=5))
    assert {bundle.flat_id for bundle in result.bundles} == {11}
    alone = top_k(region, BundleQuery(Household(child_age_months=(150,)), Wishes(), k=5))
    assert alone.bundles[0].flat_id == 11
    assert ("pupil_school", "flats", 1, 2) in {
        (r.constraint, r.kind, r.removed, r.of) for r in alone.removals
    }


def test_care_picks_name_the_household_child_not_the_care_list_position() -> None:
    """Regression: a child past school age has no pick, so positions in the care list and in
    the household differ; picks and hour reasons use the household's index."""
    household = Household(adults=1, child_age_months=(220, 30))
    bundle = search(town(), household).bundles[0]
    assert [(c.child, c.kind) for c in bundle.care] == [(1, "kita")]
    assert hours_of(bundle)["children"] == (1,)
