"""Zone grids and zone-to-zone travel-time matrices.

Why zones: the bundle engine compares thousands of flats, jobs and care places; with
every offer snapped to a ~500 m cell, a trip is one table look-up (minutes[mode, a, b])
instead of a routing call, and offers in one cell share bounds. 500 m is below the
resolution of the geometric model's error (detour factors vary ±20 %).

Matrices hold whole minutes, rounded *up* (a promise of "at most this long" reads
better than one minute too optimistic, and integer sums are exact, so rankings are
reproducible everywhere, including in SQL). ``path_lower`` holds, for each pair of zones,
a lower bound on the minutes of *any* chain of legs between them; the engine prunes with
it. Pure Python + NumPy, no Django.
"""

import math
from dataclasses import dataclass

import numpy as np

from .geometric import MODES, GeometricProvider, Mode, TravelTimeProvider

KM_PER_DEGREE_LATITUDE = 111.195
# Mean distance between two random points in a square of side a is ≈ 0.5214·a; a trip that
# starts and ends in the same cell uses it.
MEAN_INTRA_SQUARE_FACTOR = 0.5214


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


@dataclass(frozen=True, slots=True, eq=False)
class ZoneMatrices:
    """minutes[m, a, b] (int16, rounded up) and path_lower[m, a, b] (float32) per mode."""

    modes: tuple[Mode, ...]
    minutes: np.ndarray
    path_lower: np.ndarray


def intra_zone_km(grid: ZoneGrid) -> float:
    """Typical straight-line length of a trip inside one cell."""
    return MEAN_INTRA_SQUARE_FACTOR * grid.cell_km


def _mode_minutes(
    grid: ZoneGrid, provider: TravelTimeProvider, mode: Mode, centres: np.ndarray
) -> np.ndarray:
    """Rounded-up zone minutes; the diagonal is a trip of typical in-cell length."""
    minutes = np.asarray(provider.matrix(centres, centres, mode), dtype=np.float64)
    if isinstance(provider, GeometricProvider):
        inside = provider.profiles[mode].minutes(np.array(intra_zone_km(grid)))
        np.fill_diagonal(minutes, float(inside))
    return np.maximum(np.ceil(minutes - 1e-9), 1).astype(np.int16)


def path_lower_by_closure(minutes: np.ndarray) -> np.ndarray:
    """Shortest-path closure (Floyd–Warshall): a valid path lower bound for any matrix.

    O(Z³); meant for providers that cannot state a lower bound themselves (GTFS).
    """
    closure = minutes.astype(np.float32).copy()
    for via in range(closure.shape[0]):
        np.minimum(closure, closure[:, via, None] + closure[None, via, :], out=closure)
    return closure


def build_zone_matrices(
    grid: ZoneGrid, provider: TravelTimeProvider | None = None, modes: tuple[Mode, ...] = MODES
) -> ZoneMatrices:
    """Zone-to-zone minutes and path lower bounds for every mode."""
    provider = provider or GeometricProvider()
    centres = grid.centroids()
    minutes = np.stack([_mode_minutes(grid, provider, m, centres) for m in modes])
    if isinstance(provider, GeometricProvider):
        lower = np.stack([provider.path_lower_bound(centres, centres, m) for m in modes])
        lower = np.minimum(lower, minutes).astype(np.float32)
    else:
        lower = np.stack([path_lower_by_closure(minutes[i]) for i in range(len(modes))])
    return ZoneMatrices(modes=tuple(modes), minutes=minutes, path_lower=lower)
