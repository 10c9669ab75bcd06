"""Relaxations are minimal, one per kind, and ordered as docs/engine.md says — checked
against the independent brute force (tests/bundles/oracle.py) on small worlds where
nothing fits.

For every offered relaxation: the oracle finds bundles with its patch (as many as the
relaxation says, up to k) and none with one step less. For every kind not offered: even the
largest step yields none. Order: most bundles first, ties in kind order.
"""

from dataclasses import replace

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stadt360.bundles.engine import BundleQuery, Household, Region, Weights, Wishes, top_k
from stadt360.bundles.engine.relax import MAX_STEPS
from stadt360.mobility.geometric import Mode
from tests.bundles import oracle
from tests.bundles.engine.test_engine_exact import TRAVEL, _flats, _jobs, _kitas, _schools

KINDS = ("max_warm_rent", "max_rent_share", "max_commute_min", "min_rooms", "min_salary",
         "modes", "hours_tolerance_min")  # fmt: skip


def value_at(kind: str, old: object, steps: int) -> object:
    """The contract's steps: 50 €, 5 points (at most 100 %), 5 min, 1 room (at least 1),
    100 € (at least 0), the car, 15 min."""
    if kind == "modes":
        return (*old, Mode.CAR) if steps else old  # type: ignore[misc]
    base = float(old)  # type: ignore[arg-type]
    return {
        "max_warm_rent": lambda: base + 50.0 * steps,
        "max_rent_share": lambda: round(min(1.0, base + 0.05 * steps), 4),
        "max_commute_min": lambda: base + 5.0 * steps,
        "min_rooms": lambda: max(1.0, base - steps),
        "min_salary": lambda: max(0.0, base - 100.0 * steps),
        "hours_tolerance_min": lambda: base + 15.0 * steps,
    }[kind]()


def patched(query: BundleQuery, kind: str, value: object) -> BundleQuery:
    return replace(query, wishes=replace(query.wishes, **{kind: value}), relax=False)


def current(query: BundleQuery, kind: str) -> object | None:
    """The wish's value, or None when that kind cannot be relaxed for this query."""
    wishes = query.wishes
    if kind == "min_rooms":
        rooms = (
            oracle.default_rooms(query.household) if wishes.min_rooms is None else wishes.min_rooms
        )
        return rooms if rooms > 1 else None
    if kind == "modes":
        return None if Mode.CAR in wishes.modes else wishes.modes
    if kind == "hours_tolerance_min":
        return wishes.hours_tolerance_min if query.household.child_age_months else None
    value = getattr(wishes, kind)
    return value or None


@st.composite
def impossible(draw: st.DrawFn) -> tuple[Region, BundleQuery]:
    """Small worlds with one or two too-strict wishes."""
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    region = Region(_jobs(rng, int(rng.integers(1, 9))), _flats(rng, int(rng.integers(1, 9))),
                    _kitas(rng, int(rng.integers(1, 5))), _schools(rng, int(rng.integers(0, 3))),
                    TRAVEL)  # fmt: skip
    ages = tuple(int(a) for a in rng.choice([5, 40, 80], int(rng.integers(0, 3))))
    loose = {"min_rooms": 1.0, "modes": (Mode.WALK, Mode.BIKE, Mode.TRANSIT)}
    strict = {
        "max_warm_rent": st.sampled_from([420.0, 560.0]),
        "max_rent_share": st.sampled_from([0.12, 0.2]),
        "max_commute_min": st.sampled_from([5.0, 8.0, 15.0]),
        "min_rooms": st.sampled_from([5.0, 6.0]),
        "min_salary": st.sampled_from([3300.0, 3600.0]),
        "modes": st.just((Mode.WALK,)),
    }
    chosen = draw(st.lists(st.sampled_from(sorted(strict)), min_size=1, max_size=2, unique=True))
    wishes = Wishes(**(loose | {kind: draw(strict[kind]) for kind in chosen}))
    query = BundleQuery(Household(adults=2, child_age_months=ages), wishes,
                        Weights(), k=draw(st.integers(1, 6)))  # fmt: skip
    return region, query


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(impossible())
def test_relaxations_are_minimal_complete_and_ordered(case: tuple[Region, BundleQuery]) -> None:
    region, query = case
    result = top_k(region, query)
    if result.bundles or not result.relaxations_complete:
        return
    offered = {r.constraint: r for r in result.relaxations}
    assert len(offered) == len(result.relaxations)
    for kind in KINDS:
        old = current(query, kind)
        if kind not in offered:
            if old is not None:
                most = 1 if kind == "modes" else MAX_STEPS
                assert not oracle.has_bundle(
                    region, patched(query, kind, value_at(kind, old, most))
                )
            continue
        relaxation = offered[kind]
        assert relaxation.old == old
        assert relaxation.new == value_at(kind, old, relaxation.steps)
        assert relaxation.patch == {"wishes": {kind: relaxation.new}}
        opened = oracle.oracle_top_k(region, patched(query, kind, relaxation.new))
        assert len(opened) == relaxation.bundles >= 1
        before = value_at(kind, old, relaxation.steps - 1)
        assert not oracle.has_bundle(region, patched(query, kind, before))
    order = [(-r.bundles, KINDS.index(r.constraint)) for r in result.relaxations]
    assert order == sorted(order)


def test_relaxations_put_the_change_that_opens_most_first() -> None:
    """A case with several offered kinds: the order follows the bundles they open."""
    for seed in range(200):
        rng = np.random.default_rng(seed)
        region = Region(_jobs(rng, 8), _flats(rng, 8), _kitas(rng, 4), _schools(rng, 1), TRAVEL)
        # 3 km cells priced door to door (farthest points): an hour by bike is tight here
        wishes = Wishes(max_commute_min=60.0, modes=(Mode.BIKE,), min_rooms=1.0)
        query = BundleQuery(Household(adults=2, child_age_months=(40,)), wishes, k=6, variety=None)
        result = top_k(region, query)
        if len({r.bundles for r in result.relaxations}) > 1:
            break
    else:
        raise AssertionError("no world with relaxations of different counts")
    counts = [r.bundles for r in result.relaxations]
    assert counts == sorted(counts, reverse=True)
    assert result.relaxations[0].bundles > result.relaxations[-1].bundles
