"""Kita fees in the engine's money: never a silent 0, and no saving claimed on an unknown fee."""

import math

import numpy as np

from stadt360.bundles.engine import (
    BundleQuery,
    Flats,
    Household,
    Jobs,
    Kitas,
    MoneyParams,
    Region,
    Schools,
    Wishes,
    money,
    top_k,
)
from tests.bundles.engine.test_engine_exact import TRAVEL


def _region(fees: list[float]) -> Region:
    """One job, one flat and a Kita per fee, all in zone 0 (the Kitas differ only by fee)."""
    n = len(fees)
    jobs = Jobs(
        ids=[1], zone=[0], salary_min=[3000.0], salary_max=[3000.0], weekly_hours=[40.0],
        shift_start=[480.0], shift_end=[990.0], fit=[1.0], remote_share=[0.0],
    )  # fmt: skip
    flats = Flats(
        ids=[1], zone=[0], warm_rent=[700.0], rooms=[3.0], living_space=[70.0], fit=[1.0],
        available_from=[0],
    )  # fmt: skip
    kitas = Kitas(
        ids=list(range(10, 10 + n)), zone=[0] * n, min_age_months=[0] * n,
        max_age_months=[84] * n, opens=[360.0] * n, closes=[1080.0] * n,
        free_places=[[3, 3]] * n, fee=fees, fee_min=[[110.0, 75.0]] * n,
        fee_max=[[230.0, 200.0]] * n,
    )  # fmt: skip
    schools = Schools(ids=[], zone=[], school_type=[], grade_min=[], grade_max=[], all_day=[])
    return Region(jobs, flats, kitas, schools, TRAVEL)


def _query(*ages: int) -> BundleQuery:
    household = Household(adults=2, married=True, child_age_months=ages)
    return BundleQuery(household, Wishes(min_rooms=1), k=5, relax=False, variety=None)


def test_child_fee_rules() -> None:
    assert money.child_fee(150.0, 110.0, 230.0, 12) == money.ChildFee(150.0, 150.0, "provider")
    assert money.child_fee(math.nan, 110.0, 230.0, 12) == money.ChildFee(110.0, 230.0, "schedule")
    # § 30 ThürKigaG: the last 24 months before school (from 48 months) are free.
    assert money.child_fee(150.0, 110.0, 230.0, 48) == money.ChildFee(0.0, 0.0, "free_by_law")
    assert money.child_fee(150.0, 110.0, 230.0, 47).source == "provider"
    # A Land without fee-free years (the Django side sets it from childcare.fees).
    no_free_years = MoneyParams(kita_free_months=0)
    assert money.child_fee(150.0, 110.0, 230.0, 60, no_free_years).source == "provider"
    unknown = money.child_fee(math.nan, math.nan, math.nan, 12)
    assert unknown.source == "unknown"
    assert not unknown.exact
    assert math.isnan(unknown.max)


def test_unknown_fee_is_a_range_and_never_a_saving() -> None:
    result = top_k(_region([150.0, np.nan]), _query(12))
    by_kita = {bundle.care[0].id: bundle for bundle in result.bundles}
    known, unknown = by_kita[10], by_kita[11]
    assert known.money["kita_fees"] == 150.0
    assert (known.money["kita_fees_min"], known.money["kita_fees_max"]) == (150.0, 150.0)
    assert known.fees == ((0, (150.0, 150.0, "provider")),)
    assert unknown.money["kita_fees"] == 0.0  # only the known fees (the old field's meaning)
    assert (unknown.money["kita_fees_min"], unknown.money["kita_fees_max"]) == (110.0, 230.0)
    assert unknown.money["remaining_max"] - unknown.money["remaining_min"] == 120.0
    assert ("kita_fee_unknown", {"min": 110, "max": 230}) in unknown.reasons
    second = result.bundles[1]
    compared = dict(second.reasons)["compared_to_best"]
    assert compared["extra_euros"] is None  # 150 € against 110–230 €: no claim either way


def test_the_same_unknown_kita_in_both_bundles_cancels_out() -> None:
    # Two children: the baby's Kita differs (both known), the 2-year-old shares an unknown one.
    region = _region([150.0, 180.0, np.nan])
    region = Region(
        region.jobs,
        region.flats,
        Kitas(
            ids=[10, 11, 12],
            zone=[0, 0, 0],
            min_age_months=[0, 0, 20],
            max_age_months=[20, 20, 84],
            opens=[360.0] * 3,
            closes=[1080.0] * 3,
            free_places=[[3, 3]] * 3,
            fee=[150.0, 180.0, np.nan],
            fee_min=[[110.0, 75.0]] * 3,
            fee_max=[[230.0, 200.0]] * 3,
        ),
        region.schools,
        region.travel,
    )
    result = top_k(region, _query(6, 24))
    assert len(result.bundles) == 2
    compared = dict(result.bundles[1].reasons)["compared_to_best"]
    assert compared["extra_euros"] in (-30, 30)


def test_free_years_cost_nothing_even_with_a_stated_fee() -> None:
    result = top_k(_region([150.0]), _query(50))
    bundle = result.bundles[0]
    assert bundle.fees == ((0, (0.0, 0.0, "free_by_law")),)
    assert bundle.money["kita_fees"] == 0.0
    assert not any(code == "kita_fee_unknown" for code, _ in bundle.reasons)
