"""Zone grids and zone-to-zone travel-time matrices.

Why zones: the bundle engine compares thousands of flats, jobs and care places; with
every offer snapped to a ~500 m cell, a trip is one table look-up (minutes[mode, a, b])
instead of a routing call, and offers in one cell share bounds. 500 m is below the
resolution of the geometric model's error (detour factors vary ±20 %).

Matrices hold whole minutes, rounded *up* and never optimistic **at point level**: a
zone-to-zone minute is the time for the *farthest* two points of the two cells (centre
distance + both cells' centre-to-corner radii), so it is ≥ the geometric minutes between
any door in one cell and any door in the other (a promise of "at most this long" reads
better than one minute too optimistic, and integer sums are exact, so rankings are
reproducible everywhere, including in SQL). ``path_lower`` holds, for each pair of zones,
a lower bound on the minutes of *any* chain of zone legs between them (the legs the engine
prices); the engine prunes with it. It is the superadditive ``lower_minutes`` of the same
farthest distance: every leg x→y is priced at ≥ lower(centre distance + r_x + r_y), and
along a chain the centre distances obey the triangle inequality while the radii of the
two end cells are always counted, so no chain sums to less. The promise covers points inside the grid's cells (``zone_of`` snaps outside
points to a border cell; snapshots pad the grid around every offer). Pure Python +
NumPy, no Django.
"""

import math
from dataclasses import dataclass

import numpy as np

from .geometric import (
    MODES,
    GeometricProvider,
    Mode,
    TravelTimeProvider,
    city_profiles,
    haversine_km,
    haversine_pairwise_km,
)
from .transit import PEAK

KM_PER_DEGREE_LATITUDE = 111.195
# Radii grow by a millimetre so that float rounding can never make a zone minute smaller
# than a point-to-point one.
RADIUS_MARGIN_KM = 1e-6


@dataclass(frozen=True, slots=True)
class ZoneGrid:
    """A regular grid of square-ish cells over a bounding box (south, west, north, east)."""

    south: float
    west: float
    north: float
    east: float
    cell_km: float = 0.5

    @property
    def lat_step(self) -> float:
        return self.cell_km / KM_PER_DEGREE_LATITUDE

    @property
    def lon_step(self) -> float:
        mid = math.radians((self.south + self.north) / 2)
        return self.cell_km / (KM_PER_DEGREE_LATITUDE * math.cos(mid))

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns) of the grid."""
        rows = max(1, math.ceil((self.north - self.south) / self.lat_step))
        cols = max(1, math.ceil((self.east - self.west) / self.lon_step))
        return rows, cols

    @property
    def size(self) -> int:
        rows, cols = self.shape
        return rows * cols

    def zone_of(self, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        """Zone index of each point; points outside the box snap to the nearest border cell."""
        rows, cols = self.shape
        r = np.clip(((np.asarray(lat) - self.south) / self.lat_step).astype(np.int64), 0, rows - 1)
        c = np.clip(((np.asarray(lon) - self.west) / self.lon_step).astype(np.int64), 0, cols - 1)
        return (r * cols + c).astype(np.int32)

    def centroids(self) -> np.ndarray:
        """(size, 2) array of cell centres as (lat, lon)."""
        rows, cols = self.shape
        lat = self.south + (np.arange(rows) + 0.5) * self.lat_step
        lon = self.west + (np.arange(cols) + 0.5) * self.lon_step
        grid_lat, grid_lon = np.meshgrid(lat, lon, indexing="ij")
        return np.column_stack([grid_lat.ravel(), grid_lon.ravel()])

    def radii_km(self) -> np.ndarray:
        """(size,) distance from each cell's centre to its farthest point (a corner).

        On a latitude/longitude cell the distance from the centre grows with the longitude
        offset along a row and has no interior maximum along a column, so a corner is
        farthest; the corners nearer the equator are the farther ones.
        """
        centres = self.centroids()
        half = np.array([self.lat_step / 2, self.lon_step / 2])
        corners = [centres + half * np.array(sign) for sign in ((1, 1), (1, -1), (-1, 1), (-1, -1))]
        radii = np.max([haversine_pairwise_km(centres, corner) for corner in corners], axis=0)
        return radii + RADIUS_MARGIN_KM


@dataclass(frozen=True, slots=True, eq=False)
class ZoneMatrices:
    """minutes[m, a, b] (int16, rounded up) and path_lower[m, a, b] (float32) per mode."""

    modes: tuple[Mode, ...]
    minutes: np.ndarray
    path_lower: np.ndarray


def farthest_km(grid: ZoneGrid) -> np.ndarray:
    """(Z, Z) km between the farthest two points of two cells (of one cell: its diagonal).

    Centre distance + both centre-to-corner radii: by the triangle inequality no door in
    one cell is farther from a door in the other.
    """
    centres, radii = grid.centroids(), grid.radii_km()
    return haversine_km(centres, centres) + radii[:, None] + radii[None, :]


def _rounded_up(minutes: np.ndarray) -> np.ndarray:
    return np.maximum(np.ceil(minutes - 1e-9), 1).astype(np.int16)


def _float32_below(values: np.ndarray) -> np.ndarray:
    """float32 copy that never exceeds ``values`` (a lower bound stays a lower bound)."""
    low = values.astype(np.float32)
    return np.where(low > values, np.nextafter(low, np.float32(-np.inf)), low)


def path_lower_by_closure(minutes: np.ndarray) -> np.ndarray:
    """Shortest-path closure (Floyd–Warshall): a valid path lower bound for any matrix.

    O(Z³); meant for providers that cannot state a lower bound themselves (GTFS).
    """
    closure = minutes.astype(np.float32).copy()
    for via in range(closure.shape[0]):
        np.minimum(closure, closure[:, via, None] + closure[None, via, :], out=closure)
    return closure


def _geometric_matrices(
    grid: ZoneGrid, provider: GeometricProvider, modes: tuple[Mode, ...]
) -> ZoneMatrices:
    """Minutes of the farthest points (rounded up) and their superadditive lower bound."""
    km = farthest_km(grid)
    profiles = [provider.profiles[m] for m in modes]
    minutes = np.stack([_rounded_up(p.minutes(km)) for p in profiles])
    lower = np.stack([p.lower_minutes(km) for p in profiles])
    lower = _float32_below(np.minimum(lower, minutes))
    return ZoneMatrices(modes=tuple(modes), minutes=minutes, path_lower=lower)


def build_zone_matrices(
    grid: ZoneGrid,
    provider: TravelTimeProvider | None = None,
    modes: tuple[Mode, ...] = MODES,
    *,
    city: str = "gera",
    period: str = PEAK,
) -> ZoneMatrices:
    """Zone-to-zone minutes and path lower bounds for every mode.

    Without a provider: the geometric model with ``city``'s transit data in ``period``
    (default the peak, when the parent's morning and evening trips run). Any other
    provider is asked between cell centres (no point-level promise) and bounded by the
    Floyd–Warshall closure.
    """
    provider = provider or GeometricProvider(city_profiles(city, period))
    if isinstance(provider, GeometricProvider):
        return _geometric_matrices(grid, provider, tuple(modes))
    centres = grid.centroids()
    minutes = np.stack(
        [_rounded_up(np.asarray(provider.matrix(centres, centres, m))) for m in modes]
    )
    lower = np.stack([path_lower_by_closure(minutes[i]) for i in range(len(modes))])
    return ZoneMatrices(modes=tuple(modes), minutes=minutes, path_lower=lower)
