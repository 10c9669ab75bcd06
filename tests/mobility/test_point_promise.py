""" "Rounded up, never optimistic" at point level, and path bounds below any chain.

Random grids anywhere in Germany, random doors inside their cells: the zone minute is
never below the geometric minutes between the two doors, and ``path_lower`` is never
above the minutes of any chain of legs between their zones. The chains are priced as the
engine prices them, leg by leg from the zone table (a bound below door-to-door chains
would have to drop to 0 for neighbouring cells and could not prune; see docs/mobility.md).
"""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from stadt360.mobility.geometric import PROFILES, GeometricProvider
from stadt360.mobility.zones import ZoneGrid, build_zone_matrices

unit = st.floats(min_value=0.0, max_value=1.0)


@st.composite
def grid_and_doors(draw: st.DrawFn) -> tuple[ZoneGrid, np.ndarray]:
    south = draw(st.floats(47.3, 54.9))
    west = draw(st.floats(6.0, 14.9))
    cell_km = draw(st.floats(0.3, 3.0))
    height_km, width_km = draw(st.floats(0.1, 8.0)), draw(st.floats(0.1, 8.0))
    grid = ZoneGrid(south, west, south + height_km / 111.2, west + width_km / 70.0, cell_km)
    rows, cols = grid.shape
    doors = draw(st.lists(st.tuples(unit, unit), min_size=2, max_size=6))
    points = np.array(
        [(south + u * rows * grid.lat_step, west + v * cols * grid.lon_step) for u, v in doors]
    )
    return grid, points


@settings(max_examples=150, deadline=None)
@given(grid_and_doors())
def test_zone_minutes_cover_every_door_and_bounds_stay_below_chains(
    case: tuple[ZoneGrid, np.ndarray],
) -> None:
    grid, points = case
    matrices = build_zone_matrices(grid)
    provider = GeometricProvider(PROFILES)
    zones = grid.zone_of(points[:, 0], points[:, 1])
    first, last = zones[0], zones[-1]
    for index, mode in enumerate(matrices.modes):
        minutes, lower = matrices.minutes[index], matrices.path_lower[index]
        door_to_door = provider.matrix(points, points, mode)
        assert np.all(door_to_door <= minutes[np.ix_(zones, zones)])
        zone_chain = sum(int(minutes[zones[i], zones[i + 1]]) for i in range(len(zones) - 1))
        assert lower[first, last] <= zone_chain
        assert lower[first, last] <= minutes[first, last]
