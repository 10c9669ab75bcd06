"""The brute-force oracle itself, on hand-computed cases of the contract's new rules (dwell
and care hours, pupils travelling alone, the variety walk), so that a disagreement with
the engine points at the engine. Wishes the engine does not have yet are stand-ins with
the contract's field names."""

from types import SimpleNamespace

import numpy as np
import pytest

from stadt360.bundles.engine import Flats, Jobs, Kitas, Region, Schools, TravelTimes
from stadt360.mobility.geometric import MODES, Mode
from tests.bundles import oracle
from tests.bundles.oracle import Ranked

# Zones: 0 flat, 1 first stop, 2 second stop, 3 job. Walking minutes a → b (all modes alike).
LEGS = {(0, 1): 10, (1, 2): 4, (2, 3): 20, (3, 2): 21, (2, 1): 5, (1, 0): 11, (0, 3): 30,
        (3, 0): 30, (0, 2): 12, (2, 0): 12, (1, 3): 22, (3, 1): 22}  # fmt: skip


def travel() -> TravelTimes:
    minutes = np.full((len(MODES), 4, 4), 999, np.int32)
    for (a, b), m in LEGS.items():
        minutes[:, a, b] = m
    minutes[:, range(4), range(4)] = 0
    return TravelTimes(minutes, minutes.astype(np.float64), MODES)


def region(schools: Schools | None = None) -> Region:
    none = np.zeros(0)
    return Region(
        Jobs(ids=[1], zone=[3], salary_min=[3000.0], salary_max=[np.nan], weekly_hours=[40.0],
             shift_start=[480.0], shift_end=[990.0], fit=[1.0], remote_share=[0.0]),
        Flats(ids=[1], zone=[0], warm_rent=[500.0], rooms=[4.0], living_space=[80.0], fit=[1.0],
              available_from=[0]),
        Kitas(ids=none, zone=none, min_age_months=none, max_age_months=none, opens=none,
              closes=none, free_places=np.zeros((0, 2)), fee=none),
        schools or Schools(ids=none, zone=none, school_type=none, grade_min=none, grade_max=none,
                           all_day=none),
        travel(),
    )  # fmt: skip


def wishes(**changes: object) -> SimpleNamespace:
    base = {"max_commute_min": None, "modes": (Mode.WALK,), "hours_tolerance_min": 0.0,
            "dwell_min": 0, "care_from": None, "care_until": None}  # fmt: skip
    return SimpleNamespace(**(base | changes))


def daily(w: SimpleNamespace, stops: list[tuple[int, float, float]]) -> float:
    pairs = oracle.Pairs(np.array([0]), np.array([0]), np.array([480.0]), np.array([990.0]))
    table = np.array(stops, np.float64).reshape(1, -1, 3)
    return float(oracle.best_daily(region(), w, pairs, table)[0, 0])  # type: ignore[arg-type]


def test_one_stop_with_dwell() -> None:
    """Flat → stop 10, stop → job 22; back 22 + 11; dwell 5 twice: 37 + 38 = 75 minutes.
    Morning arrival 480 − 22 − 5 = 453; evening arrival 990 + 22 = 1012, leaves at 1017."""
    w = wishes(dwell_min=5)
    assert daily(w, [(1, 453.0, 1017.0)]) == 75.0
    assert daily(w, [(1, 454.0, 1017.0)]) == np.inf
    assert daily(w, [(1, 453.0, 1016.0)]) == np.inf
    assert daily(wishes(dwell_min=5, hours_tolerance_min=1.0), [(1, 454.0, 1016.0)]) == 75.0
    assert daily(wishes(), [(1, 458.0, 1012.0)]) == 65.0


def test_two_stops_with_dwell_take_the_cheaper_order() -> None:
    """Order 1, 2: morning 10 + 4 + 20 + 2·5 = 44, evening 21 + 5 + 11 + 10 = 47 → 91.
    Order 2, 1: morning 12 + 5 + 22 + 10 = 49, evening 22 + 4 + 12 + 10 = 48 → 97.
    Stop 1 (first in order 1, 2): arrival 480 − 24 − 10 = 446; evening back at it
    990 + 21 + 5 + 5 (dwell at stop 2) = 1021, leaves 1026."""
    w = wishes(dwell_min=5)
    assert daily(w, [(1, 446.0, 1026.0), (2, -np.inf, np.inf)]) == 91.0
    # Stop 1 opening a minute later: only the order 2, 1 is left (arrival 480 − 22 − 5;
    # in the evening stop 1 comes first: 990 + 22, leaving at 1017).
    assert daily(w, [(1, 447.0, 1017.0), (2, -np.inf, np.inf)]) == 97.0
    assert daily(w, [(1, 447.0, 1016.0), (2, -np.inf, np.inf)]) == np.inf
    assert (
        daily(wishes(dwell_min=5, max_commute_min=43.0), [(1, 0.0, 2000.0), (2, 0.0, 2000.0)])
        == np.inf
    )


def test_care_hours_replace_the_shift_rule() -> None:
    """With stated care hours 6:30–17:00, a place open 6:30–17:00 fits whatever the chain."""
    place = oracle.Place("kita", 0, 7, 1, 390.0, 1020.0, True, 0)
    w = wishes(care_from=390.0, care_until=1020.0)
    assert oracle.combo_stops((place,), w) == [(1, -np.inf, np.inf)]  # type: ignore[arg-type]
    assert oracle.combo_stops((place,), wishes(care_from=380.0, care_until=1020.0)) is None  # type: ignore[arg-type]
    assert oracle.combo_stops((place,), wishes(care_from=380.0, care_until=1020.0,
                                               hours_tolerance_min=10.0)) is not None  # type: ignore[arg-type]  # fmt: skip


def test_a_pupil_takes_the_nearest_school_from_the_flat() -> None:
    """From the flat: schools at zone 2 (12 min, id 9), zone 1 (10 min, ids 8 and 5): the
    tie at 10 minutes goes to the lower id; none within 60 minutes → −1."""
    schools = Schools(ids=[9, 8, 5], zone=[2, 1, 1], school_type=[2, 3, 4], grade_min=[5, 5, 5],
                      grade_max=[10, 12, 12], all_day=[True, True, True])  # fmt: skip
    world = region(schools)
    places = oracle.school_places(world, 7)
    assert {p.id for p in places} == {9, 8, 5}
    # From zone 3 the school at zone 2 (21 minutes) is nearest.
    assert oracle.pupil_schools(world, places, np.array([0, 3])).tolist() == [5, 9]
    far = [oracle.Place("school", 0, 9, 3, 0.0, 0.0, False)]
    minutes = travel().minutes.copy()
    minutes[:, 0, 3] = 61
    slow = Region(world.jobs, world.flats, world.kitas, world.schools,
                  TravelTimes(minutes, minutes.astype(float), MODES))  # fmt: skip
    assert oracle.pupil_schools(slow, far, np.array([0])).tolist() == [-1]


def test_variety_walk() -> None:
    """Caps 2 per job, 1 per flat, 1 per care set; an empty care set has no cap."""
    ranked = [
        Ranked(0.9, 1, 10, (5,)),
        Ranked(0.9, 1, 11, (5,)),  # care set (5,) used once: skipped
        Ranked(0.8, 1, 11, (6,)),
        Ranked(0.8, 1, 12, (7,)),  # job 1 used twice: skipped
        Ranked(0.7, 2, 10, (8,)),  # flat 10 used: skipped
        Ranked(0.6, 2, 13, ()),
        Ranked(0.5, 3, 14, ()),
    ]
    caps = SimpleNamespace(max_per_job=2, max_per_flat=1, max_per_care=1)
    assert oracle.variety_walk(ranked, caps, 10) == [ranked[i] for i in (0, 2, 5, 6)]
    assert oracle.variety_walk(ranked, caps, 2) == [ranked[0], ranked[2]]


@pytest.mark.parametrize(
    ("adults", "children", "rooms"), [(1, 0, 1), (1, 2, 3), (2, 0, 2), (2, 2, 4), (3, 1, 4)]
)
def test_default_rooms(adults: int, children: int, rooms: int) -> None:
    from stadt360.bundles.engine import Household

    assert oracle.default_rooms(Household(adults=adults, child_age_months=(5,) * children)) == rooms
