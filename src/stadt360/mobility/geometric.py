"""Geometric travel times: straight line × detour factor ÷ speed + fixed overhead.

Why: no routing data (no GTFS feed of Gera, no road graph) is available offline, yet the
bundle engine needs plausible door-to-door minutes for every mode. A GTFS/RAPTOR provider
can replace this one later: anything with the ``TravelTimeProvider`` shape works.

Assumptions per mode (urban Germany; sources are rules of thumb, not measurements):

- walk: 4.5 km/h, detour 1.3 (street network vs. straight line in a grid-like town,
  the usual 1.2–1.4 "circuity" range), no overhead.
- bike: 15 km/h, detour 1.25 (cyclists cut through more than cars), no overhead.
- car: 30 km/h urban average incl. lights and congestion, detour 1.35, +3 min for
  parking and walking to the door.
- transit: 18 km/h effective in-vehicle speed incl. stops and transfers, detour 1.4,
  +8 min access, egress and waiting (half of a 10–20 min headway + walks).

Pure Python + NumPy, no Django: the engine and benchmarks import it directly.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

import numpy as np

EARTH_RADIUS_KM = 6371.0088


class Mode(StrEnum):
    """Travel modes; values equal the API's mode names. Array axes follow ``MODES``."""

    WALK = "walk"
    BIKE = "bike"
    TRANSIT = "transit"
    CAR = "car"


MODES: tuple[Mode, ...] = (Mode.WALK, Mode.BIKE, Mode.TRANSIT, Mode.CAR)


@dataclass(frozen=True, slots=True)
class ModeProfile:
    """Speed, detour factor and fixed overhead of one mode (see module docstring)."""

    speed_kmh: float
    detour: float
    overhead_min: float

    def minutes(self, distance_km: np.ndarray) -> np.ndarray:
        """Door-to-door minutes for straight-line distances."""
        return self.overhead_min + distance_km * self.detour / self.speed_kmh * 60.0


PROFILES: dict[Mode, ModeProfile] = {
    Mode.WALK: ModeProfile(speed_kmh=4.5, detour=1.3, overhead_min=0.0),
    Mode.BIKE: ModeProfile(speed_kmh=15.0, detour=1.25, overhead_min=0.0),
    Mode.TRANSIT: ModeProfile(speed_kmh=18.0, detour=1.4, overhead_min=8.0),
    Mode.CAR: ModeProfile(speed_kmh=30.0, detour=1.35, overhead_min=3.0),
}


class TravelTimeProvider(Protocol):
    """Anything that gives minutes between points: geometric now, GTFS routing later."""

    def matrix(self, origins: np.ndarray, destinations: np.ndarray, mode: Mode) -> np.ndarray:
        """Minutes from each origin (rows) to each destination (columns).

        ``origins`` and ``destinations`` are arrays of shape (n, 2) holding (lat, lon) in
        degrees; the result has shape (len(origins), len(destinations)).
        """
        ...


def haversine_km(origins: np.ndarray, destinations: np.ndarray) -> np.ndarray:
    """Great-circle distances (km) between all origins (rows) and destinations (columns)."""
    lat1 = np.radians(np.asarray(origins, dtype=np.float64)[:, 0])[:, None]
    lon1 = np.radians(np.asarray(origins, dtype=np.float64)[:, 1])[:, None]
    lat2 = np.radians(np.asarray(destinations, dtype=np.float64)[:, 0])[None, :]
    lon2 = np.radians(np.asarray(destinations, dtype=np.float64)[:, 1])[None, :]
    a = np.sin((lat2 - lat1) / 2) ** 2
    a = a + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


class GeometricProvider:
    """Travel minutes = overhead + haversine × detour ÷ speed (see module docstring).

    Because haversine distances obey the triangle inequality and the overhead is
    non-negative, ``matrix`` is itself a lower bound on the sum of minutes along any
    path between two points; zone matrices use that for exact pruning.
    """

    def __init__(self, profiles: dict[Mode, ModeProfile] | None = None) -> None:
        self.profiles = dict(PROFILES if profiles is None else profiles)

    def matrix(self, origins: np.ndarray, destinations: np.ndarray, mode: Mode) -> np.ndarray:
        """Minutes (float) from each origin to each destination for ``mode``."""
        return self.profiles[Mode(mode)].minutes(haversine_km(origins, destinations))

    def path_lower_bound(
        self, origins: np.ndarray, destinations: np.ndarray, mode: Mode
    ) -> np.ndarray:
        """A lower bound on the minutes of any multi-leg path (the direct trip itself)."""
        return self.matrix(origins, destinations, mode)
