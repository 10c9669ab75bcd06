"""Transit minutes from per-city headways per time of day and a transfer penalty.

Why: a flat bus-and-tram speed hides what a family feels most — the wait, and the change
of lines. Until the DELFI GTFS feed is routed, each city gets a small data file
(``data/<city>_transit.toml``; Gera's holds *demo data*, synthetic frequencies) and the
door-to-door minutes for a straight-line distance ``d`` are

    min(walking the whole way,
        access walk + bus headway / 2 + in-vehicle + transfers × (penalty + tram headway / 2)
        + egress walk)

with ``transfers`` = how many of the city's ``transfers.beyond_km`` distances ``d``
exceeds. ``lower_minutes`` drops the transfer terms: each branch is then ``o + k·d`` with
``o ≥ 0``, so the minutes of the legs of any chain add up to at least ``lower_minutes`` of
the whole distance — the zone matrices' path lower bounds rely on it (docs/mobility.md).

Pure Python + NumPy, no Django: the engine's travel matrices are built from it.
"""

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).parent / "data"
PEAK = "peak"


@dataclass(frozen=True, slots=True)
class Period:
    """Headways (minutes) of one time-of-day period; windows [from, until) in minutes."""

    name: str
    windows: tuple[tuple[int, int], ...]
    tram_headway_min: float
    bus_headway_min: float


@dataclass(frozen=True, slots=True)
class TransitProfile:
    """Door-to-door transit minutes of one city in one period (see module docstring)."""

    walk_kmh: float
    walk_detour: float
    stop_distance_km: float
    speed_kmh: float
    detour: float
    transfer_beyond_km: tuple[float, ...]
    transfer_penalty_min: float
    first_wait_min: float
    transfer_wait_min: float

    def walk_minutes(self, distance_km: np.ndarray) -> np.ndarray:
        return np.asarray(distance_km) * self.walk_detour / self.walk_kmh * 60.0

    def transfers(self, distance_km: np.ndarray) -> np.ndarray:
        """Transfers a trip of this straight-line length needs."""
        d = np.asarray(distance_km, dtype=np.float64)
        count = np.zeros(d.shape, dtype=np.int64)
        for limit in self.transfer_beyond_km:
            count += d > limit
        return count

    def _ride_minutes(self, distance_km: np.ndarray) -> np.ndarray:
        """Access + first wait + in-vehicle + egress (no transfers)."""
        access = 2 * self.walk_minutes(np.array(self.stop_distance_km))
        ride = np.asarray(distance_km) * self.detour / self.speed_kmh * 60.0
        return access + self.first_wait_min + ride

    def minutes(self, distance_km: np.ndarray) -> np.ndarray:
        """Door-to-door minutes; walking all the way when that is faster."""
        per_transfer = self.transfer_penalty_min + self.transfer_wait_min
        by_line = self._ride_minutes(distance_km) + self.transfers(distance_km) * per_transfer
        return np.minimum(self.walk_minutes(distance_km), by_line)

    def lower_minutes(self, distance_km: np.ndarray) -> np.ndarray:
        """≤ ``minutes`` and superadditive: legs of a chain never sum to less."""
        return np.minimum(self.walk_minutes(distance_km), self._ride_minutes(distance_km))


@dataclass(frozen=True, slots=True)
class CityTransit:
    """One city's transit data file, parsed and checked."""

    city: str
    label: str
    synthetic: bool
    default_period: str
    stop_distance_km: float
    speed_kmh: float
    detour: float
    transfer_beyond_km: tuple[float, ...]
    transfer_penalty_min: float
    periods: tuple[Period, ...]

    def period(self, name: str | None = None) -> Period:
        """The named period (default: the file's ``default_period``)."""
        wanted = name or self.default_period
        for period in self.periods:
            if period.name == wanted:
                return period
        raise ValueError(f"{self.city}: no transit period {wanted!r}")

    def period_at(self, minute_of_day: float) -> Period | None:
        """The period a departure at this minute falls in; None when nothing runs."""
        minute = minute_of_day % 1440
        for period in self.periods:
            if any(start <= minute < end for start, end in period.windows):
                return period
        return None

    def profile(
        self, period: str | None = None, *, walk_kmh: float, walk_detour: float
    ) -> TransitProfile:
        """Minutes model for one period; walking as the walk mode walks."""
        chosen = self.period(period)
        return TransitProfile(
            walk_kmh=walk_kmh, walk_detour=walk_detour,
            stop_distance_km=self.stop_distance_km, speed_kmh=self.speed_kmh,
            detour=self.detour, transfer_beyond_km=self.transfer_beyond_km,
            transfer_penalty_min=self.transfer_penalty_min,
            first_wait_min=chosen.bus_headway_min / 2,
            transfer_wait_min=chosen.tram_headway_min / 2,
        )  # fmt: skip


def _period(name: str, raw: dict) -> Period:
    windows = tuple((int(start), int(end)) for start, end in raw["windows"])
    tram, bus = float(raw["tram_headway_min"]), float(raw["bus_headway_min"])
    if tram <= 0 or bus <= 0 or any(not 0 <= s < e <= 1440 for s, e in windows):
        raise ValueError(f"transit period {name!r}: headways > 0, windows within 0–1440")
    return Period(name=name, windows=windows, tram_headway_min=tram, bus_headway_min=bus)


def parse_city_transit(raw: dict) -> CityTransit:
    """A ``CityTransit`` from the data file's tables; ValueError when a value is absurd."""
    beyond = tuple(float(km) for km in raw["transfers"]["beyond_km"])
    numbers = (raw["access"]["stop_distance_km"], raw["in_vehicle"]["speed_kmh"])
    if list(beyond) != sorted(beyond) or any(km <= 0 for km in (*beyond, *numbers)):
        raise ValueError("transit data: distances and speeds > 0, beyond_km ascending")
    if raw["in_vehicle"]["detour"] < 1 or raw["transfers"]["penalty_min"] < 0:
        raise ValueError("transit data: detour ≥ 1 and transfer penalty ≥ 0")
    meta = raw["meta"]
    transit = CityTransit(
        city=meta["city"], label=meta["label"], synthetic=bool(meta["synthetic"]),
        default_period=meta["default_period"],
        stop_distance_km=float(raw["access"]["stop_distance_km"]),
        speed_kmh=float(raw["in_vehicle"]["speed_kmh"]),
        detour=float(raw["in_vehicle"]["detour"]), transfer_beyond_km=beyond,
        transfer_penalty_min=float(raw["transfers"]["penalty_min"]),
        periods=tuple(_period(name, value) for name, value in raw["periods"].items()),
    )  # fmt: skip
    transit.period()  # the default period exists
    return transit


@functools.cache
def load_city_transit(city: str = "gera") -> CityTransit:
    """The city's data file ``data/<city>_transit.toml`` (read once per process)."""
    with (DATA_DIR / f"{city}_transit.toml").open("rb") as handle:
        return parse_city_transit(tomllib.load(handle))
