"""Geometric travel times: straight line × detour factor ÷ speed (+ overhead); transit by headways.

Why: no routing data (no GTFS feed of Gera, no road graph) is available offline, yet the
bundle engine needs plausible door-to-door minutes for every mode. A GTFS/RAPTOR provider
can replace this one later: anything with the ``TravelTimeProvider`` shape works.

Assumptions per mode (urban Germany; sources are rules of thumb, not measurements):

- walk: 4.5 km/h, detour 1.3 (street network vs. straight line in a grid-like town,
  the usual 1.2–1.4 "circuity" range), no overhead.
- bike: 15 km/h, detour 1.25 (cyclists cut through more than cars), no overhead.
- car: 30 km/h urban average incl. lights and congestion, detour 1.35, +3 min for
  parking and walking to the door.
- transit: walk to the stop, wait half the headway of the time-of-day period, ride,
  transfers × (penalty + wait), walk from the stop — or walk all the way when faster; the
  city's data file says how often trams and buses run (``transit.py``; Gera: demo data).

Every mode's minutes grow with the distance, and each mode states a ``lower_minutes`` that
is superadditive (the legs of a chain never sum to less than the whole trip's bound); the
zone matrices build their point-level promise and path lower bounds on these two facts.

Pure Python + NumPy, no Django: the engine and benchmarks import it directly.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

import numpy as np

from .transit import PEAK, TransitProfile, load_city_transit

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

    def lower_minutes(self, distance_km: np.ndarray) -> np.ndarray:
        """Overhead ≥ 0 plus a linear part: already superadditive."""
        return self.minutes(distance_km)


class DistanceProfile(Protocol):
    """Minutes of one mode as a non-decreasing function of the straight-line distance."""

    def minutes(self, distance_km: np.ndarray) -> np.ndarray: ...

    def lower_minutes(self, distance_km: np.ndarray) -> np.ndarray:
        """≤ ``minutes``, non-decreasing, and lower(a) + lower(b) ≥ lower(a + b)."""
        ...


WALK_PROFILE = ModeProfile(speed_kmh=4.5, detour=1.3, overhead_min=0.0)


def transit_profile(city: str = "gera", period: str = PEAK) -> TransitProfile:
    """The city's transit model in one time-of-day period (default: the peak)."""
    return load_city_transit(city).profile(
        period, walk_kmh=WALK_PROFILE.speed_kmh, walk_detour=WALK_PROFILE.detour
    )


def city_profiles(city: str = "gera", period: str = PEAK) -> dict[Mode, DistanceProfile]:
    """Every mode's profile; transit from the city's data for ``period``."""
    return {
        Mode.WALK: WALK_PROFILE,
        Mode.BIKE: ModeProfile(speed_kmh=15.0, detour=1.25, overhead_min=0.0),
        Mode.TRANSIT: transit_profile(city, period),
        Mode.CAR: ModeProfile(speed_kmh=30.0, detour=1.35, overhead_min=3.0),
    }


# Gera in the morning peak: what snapshots and benchmarks use.
PROFILES: dict[Mode, DistanceProfile] = city_profiles()


class TravelTimeProvider(Protocol):
    """Anything that gives minutes between points: geometric now, GTFS routing later."""

    def matrix(self, origins: np.ndarray, destinations: np.ndarray, mode: Mode) -> np.ndarray:
        """Minutes from each origin (rows) to each destination (columns).

        ``origins`` and ``destinations`` are arrays of shape (n, 2) holding (lat, lon) in
        degrees; the result has shape (len(origins), len(destinations)).
        """
        ...


def _haversine(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
) -> np.ndarray:
    """Great-circle km between points given in radians (NumPy broadcasting)."""
    a = np.sin((lat2 - lat1) / 2) ** 2
    a = a + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


def haversine_km(origins: np.ndarray, destinations: np.ndarray) -> np.ndarray:
    """Great-circle distances (km) between all origins (rows) and destinations (columns)."""
    o = np.radians(np.asarray(origins, dtype=np.float64))
    d = np.radians(np.asarray(destinations, dtype=np.float64))
    return _haversine(o[:, 0, None], o[:, 1, None], d[None, :, 0], d[None, :, 1])


def haversine_pairwise_km(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Great-circle distances (km) between ``a[i]`` and ``b[i]`` (two (n, 2) arrays)."""
    a, b = np.radians(np.asarray(a, np.float64)), np.radians(np.asarray(b, np.float64))
    return _haversine(a[:, 0], a[:, 1], b[:, 0], b[:, 1])


class GeometricProvider:
    """Travel minutes = each mode's profile of the haversine distance (module docstring).

    Because haversine distances obey the triangle inequality and every profile's
    ``lower_minutes`` is non-decreasing and superadditive, ``path_lower_bound`` is a lower
    bound on the sum of minutes along any path between two points; zone matrices use that
    for exact pruning.
    """

    def __init__(self, profiles: dict[Mode, DistanceProfile] | None = None) -> None:
        self.profiles = dict(PROFILES if profiles is None else profiles)

    def matrix(self, origins: np.ndarray, destinations: np.ndarray, mode: Mode) -> np.ndarray:
        """Minutes (float) from each origin to each destination for ``mode``."""
        return self.profiles[Mode(mode)].minutes(haversine_km(origins, destinations))

    def path_lower_bound(
        self, origins: np.ndarray, destinations: np.ndarray, mode: Mode
    ) -> np.ndarray:
        """A lower bound on the minutes of any multi-leg path between the points."""
        return self.profiles[Mode(mode)].lower_minutes(haversine_km(origins, destinations))
