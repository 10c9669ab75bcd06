"""Geometric travel times and zone matrices: plausible minutes, valid path lower bounds."""

import numpy as np
import pytest

from stadt360.mobility.geometric import GeometricProvider, Mode, haversine_km
from stadt360.mobility.zones import ZoneGrid, build_zone_matrices, path_lower_by_closure

GERA_CENTRE = np.array([[50.8776, 12.0822]])
ONE_KM_EAST = np.array([[50.8776, 12.0822 + 1 / 70.17]])


def test_haversine_one_km() -> None:
    assert float(haversine_km(GERA_CENTRE, ONE_KM_EAST)[0, 0]) == pytest.approx(1.0, abs=0.01)


@pytest.mark.parametrize(
    ("mode", "minutes"),
    [
        (Mode.WALK, 1.3 / 4.5 * 60),
        (Mode.BIKE, 1.25 / 15 * 60),
        (Mode.CAR, 3 + 1.35 / 30 * 60),
        # transit: walking all the way beats walk + half a 20-minute headway + ride
        (Mode.TRANSIT, 1.3 / 4.5 * 60),
    ],
)
def test_minutes_per_mode_for_one_km(mode: Mode, minutes: float) -> None:
    got = GeometricProvider().matrix(GERA_CENTRE, ONE_KM_EAST, mode)
    assert float(got[0, 0]) == pytest.approx(minutes, rel=0.02)


def test_zone_of_and_centroids_agree() -> None:
    grid = ZoneGrid(50.80, 11.95, 50.95, 12.20, cell_km=0.5)
    centres = grid.centroids()
    assert len(centres) == grid.size
    assert np.array_equal(grid.zone_of(centres[:, 0], centres[:, 1]), np.arange(grid.size))


def test_path_lower_bounds_every_two_leg_path() -> None:
    grid = ZoneGrid(50.80, 11.95, 50.95, 12.20, cell_km=3.0)
    m = build_zone_matrices(grid)
    for i in range(len(m.modes)):
        t, low = m.minutes[i].astype(float), m.path_lower[i].astype(float)
        via = (t[:, :, None] + t[None, :, :]).min(axis=1)
        assert np.all(low <= t + 1e-6)
        assert np.all(low <= via + 1e-3)


def test_closure_is_a_lower_bound_for_any_matrix() -> None:
    rng = np.random.default_rng(1)
    minutes = rng.integers(1, 60, (12, 12)).astype(np.int16)
    closure = path_lower_by_closure(minutes)
    via = (minutes[:, :, None] + minutes[None, :, :]).min(axis=1)
    assert np.all(closure <= minutes)
    assert np.all(closure <= via)
