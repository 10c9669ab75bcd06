"""Variety (contract V): the engine's varied list equals the walk applied to the FULL ranking.

The expected answer is computed here, independently of ``engine/variety.py``: the full
ranking comes from the independent brute force (``tests/bundles/oracle.py``, every
bundle, not only k), and ``walk`` below applies the contract's definition to it.
"""

from collections import Counter
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stadt360.bundles.engine import (
    BundleQuery,
    Flats,
    Household,
    Jobs,
    Kitas,
    Region,
    Variety,
    Weights,
    Wishes,
    top_k,
)
from stadt360.bundles.engine import variety as variety_module
from tests.bundles import oracle
from tests.bundles.engine.test_engine_exact import (
    GRID,
    TRAVEL,
    _flats,
    _jobs,
    _kitas,
    _schools,
    cases,
)

Ranked = list[oracle.Ranked]
CAPS = [
    Variety(),
    Variety(1, 1, 1),
    Variety(2, 3, 1),
    Variety(1, 2, 3),
    Variety(3, 1, 50),
    None,
]


def walk(full: Ranked, caps: Variety | None, k: int) -> Ranked:
    """Contract V, literally: accept a bundle iff its job, flat and (non-empty) care set
    have each been accepted fewer times than their cap; stop after k."""
    if caps is None:
        return full[:k]
    jobs, flats, cares = Counter[int](), Counter[int](), Counter[tuple[int, ...]]()
    out: Ranked = []
    for bundle in full:
        _, job, flat, care = bundle
        if jobs[job] >= caps.max_per_job or flats[flat] >= caps.max_per_flat:
            continue
        if care and cares[care] >= caps.max_per_care:
            continue
        out.append(bundle)
        jobs[job], flats[flat], cares[care] = jobs[job] + 1, flats[flat] + 1, cares[care] + 1
        if len(out) == k:
            break
    return out


def matches(region: Region, query: BundleQuery) -> bool:
    """The engine's varied list is the walk over the oracle's full ranking (ties within
    1e-9 may fall either way, as in test_engine_exact)."""
    everything = oracle.all_bundles(region, query)
    want = walk(everything, query.variety, query.k)
    result = top_k(region, query)
    got = oracle.engine_ranked(result.bundles)
    assert result.exact, "the walk reached its ceiling on a small instance"
    return oracle.same_ranking(got, want, everything)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.sampled_from(CAPS))
def test_varied_list_equals_the_walk_over_full_enumeration(case, caps: Variety | None) -> None:
    region, query = case
    query = replace(query, variety=caps)
    assert matches(region, query)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1), st.sampled_from([(), (20,), (40, 90)]), st.sampled_from(CAPS[:5]))
def test_varied_list_on_larger_instances(seed: int, ages: tuple[int, ...], caps: Variety) -> None:
    """Enough bundles that the walk needs several rounds and narrows jobs, flats, care sets."""
    rng = np.random.default_rng(seed)
    region = Region(_jobs(rng, 30), _flats(rng, 40), _kitas(rng, 6), _schools(rng, 3), TRAVEL)
    query = BundleQuery(
        Household(adults=2, child_age_months=ages),
        Wishes(min_rooms=1),
        k=int(rng.integers(1, 12)),
        relax=False,
        variety=caps,
    )
    result = top_k(region, query)
    assert result.exact
    assert matches(region, query)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("caps", [Variety(), Variety(3, 3, 2), Variety(4, 2, 3)])
def test_varied_list_with_a_pupil_alone(seed: int, caps: Variety) -> None:
    """A pupil from grade 5 alone and no care children: the care set is the flat's school,
    so flats whose school is used up leave the search; the list is still the walk."""
    rng = np.random.default_rng(seed)
    region = Region(_jobs(rng, 30), _flats(rng, 40), _kitas(rng, 2), _schools(rng, 6), TRAVEL)
    query = BundleQuery(
        Household(adults=2, child_age_months=(200,)), Wishes(min_rooms=1), k=10, relax=False,
        variety=caps,
    )  # fmt: skip
    assert matches(region, query)


def _fit_world(job_fit: list[float], flat_fit: list[float], zones: list[int] | None = None):
    """Jobs and flats in one zone, no children: with only the fit weights the ranking is
    known by hand (score = (job fit + flat fit) / 2)."""
    n, m = len(job_fit), len(flat_fit)
    jobs = Jobs(
        ids=np.arange(n) + 1, zone=np.zeros(n, int), salary_min=np.full(n, 3000.0),
        salary_max=np.full(n, 3000.0), weekly_hours=np.full(n, 40.0),
        shift_start=np.full(n, np.nan), shift_end=np.full(n, np.nan), fit=job_fit,
        remote_share=np.zeros(n),
    )  # fmt: skip
    flats = Flats(
        ids=np.arange(m) + 11, zone=zones or np.zeros(m, int), warm_rent=np.full(m, 600.0),
        rooms=np.full(m, 2.0), living_space=np.full(m, 60.0), fit=flat_fit,
        available_from=np.zeros(m, int),
    )  # fmt: skip
    rng = np.random.default_rng(0)
    return Region(jobs, flats, _kitas(rng, 0), _schools(rng, 0), TRAVEL)


FIT_ONLY = Weights(commute=0.0, cost=0.0, job_fit=1.0, flat_fit=1.0)


def _pairs(region: Region, caps: Variety | None, k: int) -> list[tuple[int, int]]:
    query = BundleQuery(Household(), Wishes(), FIT_ONLY, k=k, relax=False, variety=caps)
    return [(b.job_id, b.flat_id) for b in top_k(region, query).bundles]


def test_walk_on_a_handmade_ranking() -> None:
    """Ranking: (1,11) 1.0, (1,12) .95, (1,13) .9, (2,11) .75, (2,12) .7, (2,13) .65."""
    region = _fit_world([1.0, 0.5], [1.0, 0.9, 0.8])
    assert _pairs(region, None, 4) == [(1, 11), (1, 12), (1, 13), (2, 11)]
    # job cap 2 rejects (1,13); flat cap 1 rejects (2,11) and (2,12).
    assert _pairs(region, Variety(2, 1, 2), 10) == [(1, 11), (1, 12), (2, 13)]
    assert _pairs(region, Variety(1, 1, 2), 10) == [(1, 11), (2, 12)]
    assert _pairs(region, Variety(1, 3, 2), 10) == [(1, 11), (2, 11)]
    assert _pairs(region, Variety(2, 1, 2), 1) == [(1, 11)]


def test_caps_of_at_least_k_equal_the_plain_ranking() -> None:
    region = _fit_world([1.0, 0.5, 0.7], [1.0, 0.9, 0.8, 0.3])
    assert _pairs(region, Variety(5, 5, 5), 5) == _pairs(region, None, 5)


def test_variety_cap_zero_is_refused() -> None:
    for caps in ((0, 1, 1), (1, 0, 1), (1, 1, 0), (1, 1, -2)):
        with pytest.raises(ValueError, match="must be an int >= 1"):
            Variety(*caps)


def _near_identical_world() -> Region:
    """The audit's picture: one excellent job and Kita next to many almost equal flats."""
    rng = np.random.default_rng(7)
    centre = GRID.size // 2
    jobs = replace(
        _jobs(rng, 6), zone=np.full(6, centre), fit=[1.0, 0.98, 0.7, 0.6, 0.5, 0.4],
        shift_start=np.full(6, 480.0), shift_end=np.full(6, 990.0),
    )  # fmt: skip
    flats = Flats(
        ids=np.arange(30) + 200, zone=np.full(30, centre), warm_rent=np.full(30, 600.0),
        rooms=np.full(30, 3.0), living_space=np.full(30, 70.0),
        fit=1.0 - np.arange(30) * 0.001, available_from=np.zeros(30, int),
    )  # fmt: skip
    kitas = Kitas(
        ids=[301, 302, 303, 304, 305], zone=np.full(5, centre), min_age_months=np.zeros(5, int),
        max_age_months=np.full(5, 84), opens=np.full(5, 360.0), closes=np.full(5, 1080.0),
        free_places=np.full((5, 2), 3), fee=np.full(5, np.nan),
    )  # fmt: skip
    return Region(jobs, flats, kitas, _schools(rng, 0), TRAVEL)


def test_default_caps_give_visibly_different_bundles() -> None:
    region = _near_identical_world()
    query = BundleQuery(Household(adults=2, child_age_months=(20,)), Wishes(min_rooms=1), k=10)
    plain = top_k(region, replace(query, variety=None)).bundles
    assert len({b.flat_id for b in plain}) < 10  # the same flat again and again
    result = top_k(region, query)
    got = result.bundles
    assert len(got) == 10
    assert result.exact
    assert len({b.flat_id for b in got}) == 10
    assert max(Counter(b.job_id for b in got).values()) <= 2
    assert max(Counter(b.care[0].id for b in got).values()) <= 2
    assert [b.rank for b in got] == list(range(1, 11))
    assert got[0].score >= got[-1].score
    assert matches(region, query)


def test_compared_to_best_refers_to_rank_one_of_the_varied_list() -> None:
    region = _near_identical_world()
    query = BundleQuery(Household(adults=2, child_age_months=(20,)), Wishes(min_rooms=1), k=5)
    got = top_k(region, query).bundles
    for bundle in got[1:]:
        compared = dict(bundle.reasons)["compared_to_best"]
        assert compared["extra_minutes"] == bundle.daily_minutes - got[0].daily_minutes


def test_walk_stops_when_every_job_is_used_up() -> None:
    """Three jobs with cap 1: after three acceptances nothing else can pass (exact)."""
    region = _fit_world([1.0] * 3, list(1.0 - np.arange(40) * 0.01))
    query = BundleQuery(Household(), Wishes(), FIT_ONLY, k=10, relax=False, variety=Variety(1, 40))
    result = top_k(region, query)
    assert [(b.job_id, b.flat_id) for b in result.bundles] == [(1, 11), (2, 11), (3, 11)]
    assert result.exact


def test_walk_ceiling_says_not_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    """Flat fit dominates, so with caps 1/1 the n-th acceptance comes after about 20·n rows:
    a ceiling below that stops the walk with real bundles and exact False."""
    region = _fit_world(list(1.0 - np.arange(20) * 1e-4), list(1.0 - np.arange(20) * 0.01))
    query = BundleQuery(Household(), Wishes(), FIT_ONLY, k=10, relax=False, variety=Variety(1, 1))
    diagonal = [(i + 1, i + 11) for i in range(10)]
    result = top_k(region, query)
    assert [(b.job_id, b.flat_id) for b in result.bundles] == diagonal
    assert result.exact
    monkeypatch.setattr(variety_module, "MAX_WALK_ROWS", 30)
    result = top_k(region, query)
    assert not result.exact
    assert 0 < len(result.bundles) < 10
    assert [(b.job_id, b.flat_id) for b in result.bundles] == diagonal[: len(result.bundles)]
