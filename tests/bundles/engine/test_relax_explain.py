"""Diagnostics, relaxations (verified by running the engine) and reason codes."""

import numpy as np

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
    count_bundles,
    top_k,
)
from stadt360.mobility.geometric import Mode
from stadt360.mobility.zones import ZoneGrid, build_zone_matrices

GRID = ZoneGrid(50.80, 11.95, 50.95, 12.20, cell_km=2.0)
MATRICES = build_zone_matrices(GRID)


def small_region() -> Region:
    """Two jobs, three flats, two Kitas, one Grundschule spread over the town."""
    far = GRID.size - 1
    return Region(
        Jobs(
            ids=[1, 2],
            zone=[40, far],
            salary_min=[2800.0, np.nan],
            salary_max=[3200.0, np.nan],
            weekly_hours=[40.0, 30.0],
            shift_start=[420.0, np.nan],
            shift_end=[930.0, np.nan],
            fit=[0.9, 0.6],
            remote_share=[0.0, 0.4],
        ),
        Flats(
            ids=[11, 12, 13],
            zone=[41, 0, far],
            warm_rent=[950.0, 650.0, 700.0],
            rooms=[3.0, 3.0, 2.0],
            living_space=[80.0, 75.0, 55.0],
            fit=[1.0, 0.8, 0.5],
            available_from=[0, 0, 0],
        ),
        Kitas(
            ids=[21, 22],
            zone=[41, 0],
            min_age_months=[0, 0],
            max_age_months=[84, 84],
            opens=[390.0, 420.0],
            closes=[1020.0, 990.0],
            free_places=[[2, 2], [1, 1]],
            fee=[180.0, np.nan],
        ),
        Schools(ids=[31], zone=[40], school_type=[1], grade_min=[1], grade_max=[4], all_day=[True]),
        TravelTimes(MATRICES.minutes, MATRICES.path_lower, MATRICES.modes),
    )


FAMILY = Household(adults=1, child_age_months=(30, 90))


def test_bundles_carry_legs_money_and_reasons() -> None:
    result = top_k(small_region(), BundleQuery(FAMILY, Wishes(), k=3))
    best = result.bundles[0]
    assert [c.kind for c in best.care] == ["kita", "school"]
    assert best.daily_minutes == sum(leg.minutes for leg in best.morning + best.evening)
    assert best.morning[0].origin == "flat"
    assert best.morning[-1].destination == "job"
    assert best.money["kindergeld"] == 518.0
    codes = [code for code, _ in best.reasons]
    assert codes[0] == "daily_commute"
    assert "care_covers_hours" in codes
    assert result.bundles[1].reasons[-1][0] == "compared_to_best"


def test_nothing_fits_reports_removals_and_verified_relaxations() -> None:
    region = small_region()
    query = BundleQuery(FAMILY, Wishes(max_warm_rent=600.0, max_commute_min=90.0), k=3)
    result = top_k(region, query)
    assert result.bundles == ()
    removed = {r.constraint: r.removed for r in result.removals}
    assert removed["max_warm_rent"] == 3
    assert result.relaxations, "some single change must help"
    for relaxation in result.relaxations:
        wishes = Wishes(**{**vars(query.wishes), **relaxation.patch["wishes"]})
        changed = BundleQuery(FAMILY, wishes, k=3)
        assert count_bundles(region, changed) == relaxation.bundles > 0
    counts = [r.bundles for r in result.relaxations]
    assert counts == sorted(counts, reverse=True)


def test_two_blocking_wishes_need_two_changes() -> None:
    """Rent and a 10-minute walk both block: no single change helps, and none is offered."""
    query = BundleQuery(
        FAMILY, Wishes(max_warm_rent=600.0, max_commute_min=10.0, modes=(Mode.WALK,)), k=3
    )
    result = top_k(small_region(), query)
    assert result.bundles == ()
    assert result.relaxations == ()
    assert {r.constraint for r in result.removals} >= {"max_warm_rent", "max_commute_min"}


def test_reasons_are_codes_and_numbers() -> None:
    """The engine words nothing: reason parameters are numbers (times of day in minutes
    after midnight), or codes (mode, place); ``bundles.sentences`` writes the text."""
    result = top_k(small_region(), BundleQuery(FAMILY, Wishes(), k=3))
    for bundle in result.bundles:
        for _code, params in bundle.reasons:
            for key, value in params.items():
                if key in ("mode", "place"):
                    assert isinstance(value, str)
                    assert " " not in value
                else:
                    assert value is None or isinstance(value, (int, float, tuple)), (key, value)
    hours = next(p for c, p in result.bundles[0].reasons if c == "care_covers_hours")
    assert hours["shift_start"] < hours["shift_end"]
