"""Input shapes of the bundle engine: frozen dataclasses of NumPy arrays and plain params.

Why arrays: a region's offers are loaded once into a read-only snapshot (one per web
worker); every query then filters and scores them without touching the database.
Minutes of the day are minutes after midnight; days are integer day numbers (e.g. the
proleptic ordinal of ``datetime.date``); money is euros per month.
"""

from dataclasses import dataclass, field
from enum import IntEnum

import numpy as np

from stadt360.mobility.geometric import MODES, Mode


class SchoolType(IntEnum):
    """School types of Thuringia that the engine distinguishes."""

    GRUNDSCHULE = 1
    REGELSCHULE = 2
    GYMNASIUM = 3
    GEMEINSCHAFTSSCHULE = 4
    OTHER = 9


def _arr(values: object, dtype: type) -> np.ndarray:
    """A read-only contiguous copy, so a snapshot cannot be changed by a query."""
    out: np.ndarray = np.array(values, dtype=dtype, copy=True)
    out.setflags(write=False)
    return out


def _check_lengths(name: str, arrays: dict[str, np.ndarray]) -> None:
    lengths = {key: len(value) for key, value in arrays.items()}
    if len(set(lengths.values())) > 1:
        raise ValueError(f"{name}: arrays differ in length: {lengths}")


@dataclass(frozen=True, eq=False)
class Jobs:
    """Job candidates. Salaries are gross €/month (NaN = unknown); shifts NaN = unknown."""

    ids: np.ndarray
    zone: np.ndarray
    salary_min: np.ndarray
    salary_max: np.ndarray
    weekly_hours: np.ndarray
    shift_start: np.ndarray
    shift_end: np.ndarray
    fit: np.ndarray
    remote_share: np.ndarray

    def __post_init__(self) -> None:
        for name in ("ids", "zone"):
            object.__setattr__(self, name, _arr(getattr(self, name), np.int64))
        for name in (
            "salary_min",
            "salary_max",
            "weekly_hours",
            "shift_start",
            "shift_end",
            "fit",
            "remote_share",
        ):
            object.__setattr__(self, name, _arr(getattr(self, name), np.float64))
        _check_lengths("Jobs", vars(self))

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, eq=False)
class Flats:
    """Flat candidates. ``warm_rent`` = cold rent + service charges + heating (€/month)."""

    ids: np.ndarray
    zone: np.ndarray
    warm_rent: np.ndarray
    rooms: np.ndarray
    living_space: np.ndarray
    fit: np.ndarray
    available_from: np.ndarray

    def __post_init__(self) -> None:
        for name in ("ids", "zone", "available_from"):
            object.__setattr__(self, name, _arr(getattr(self, name), np.int64))
        for name in ("warm_rent", "rooms", "living_space", "fit"):
            object.__setattr__(self, name, _arr(getattr(self, name), np.float64))
        _check_lengths("Flats", vars(self))

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, eq=False)
class Kitas:
    """Kita candidates.

    A child of age a (months) may go to Kita k when ``min_age_months[k] <= a <
    max_age_months[k]`` and ``free_places[k, g] > 0`` for the age group g with
    ``age_group_edges[g] <= a < age_group_edges[g + 1]`` (free at the start date, as
    counted by the caller). ``fee`` is €/month, NaN when unknown.
    """

    ids: np.ndarray
    zone: np.ndarray
    min_age_months: np.ndarray
    max_age_months: np.ndarray
    opens: np.ndarray
    closes: np.ndarray
    free_places: np.ndarray
    fee: np.ndarray
    age_group_edges: np.ndarray = field(default_factory=lambda: np.array([0, 36, 84]))

    def __post_init__(self) -> None:
        for name in ("ids", "zone", "min_age_months", "max_age_months", "age_group_edges"):
            object.__setattr__(self, name, _arr(getattr(self, name), np.int64))
        for name in ("opens", "closes", "fee"):
            object.__setattr__(self, name, _arr(getattr(self, name), np.float64))
        groups = len(self.age_group_edges) - 1
        places = _arr(np.reshape(self.free_places, (len(self.ids), groups)), np.int64)
        object.__setattr__(self, "free_places", places)
        if places.shape[1] != len(self.age_group_edges) - 1:
            raise ValueError("Kitas: free_places needs one column per age group")
        arrays = {k: v for k, v in vars(self).items() if k != "age_group_edges"}
        _check_lengths("Kitas", arrays)

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, eq=False)
class Schools:
    """School candidates: type (``SchoolType`` codes), grades taught, all-day care (Hort)."""

    ids: np.ndarray
    zone: np.ndarray
    school_type: np.ndarray
    grade_min: np.ndarray
    grade_max: np.ndarray
    all_day: np.ndarray

    def __post_init__(self) -> None:
        for name in ("ids", "zone", "school_type", "grade_min", "grade_max"):
            object.__setattr__(self, name, _arr(getattr(self, name), np.int64))
        object.__setattr__(self, "all_day", _arr(self.all_day, np.bool_))
        _check_lengths("Schools", vars(self))

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, eq=False)
class TravelTimes:
    """Zone-to-zone minutes per mode (``minutes[m, a, b]``, whole minutes) and, per pair, a
    lower bound on the minutes of *any* chain of legs from a to b (``path_lower``)."""

    minutes: np.ndarray
    path_lower: np.ndarray
    modes: tuple[Mode, ...] = MODES

    def __post_init__(self) -> None:
        minutes = _arr(self.minutes, np.int32)
        # A hair below the stated bound keeps float round-off from ever cutting a bundle;
        # float32 halves the snapshot and is exact to ~1e-4 min at these magnitudes.
        lower = _arr(np.minimum(self.path_lower, minutes) - 1e-3, np.float32)
        if minutes.shape != lower.shape or minutes.shape[0] != len(self.modes):
            raise ValueError("TravelTimes: minutes and path_lower need shape (modes, Z, Z)")
        object.__setattr__(self, "minutes", minutes)
        object.__setattr__(self, "path_lower", lower)
        round_trip = lower + np.transpose(lower, (0, 2, 1))
        round_trip.setflags(write=False)
        object.__setattr__(self, "round_trip_lower", round_trip)

    round_trip_lower: np.ndarray = field(init=False, repr=False)


@dataclass(frozen=True, eq=False)
class Region:
    """The read-only snapshot of one region's offers and travel times."""

    jobs: Jobs
    flats: Flats
    kitas: Kitas
    schools: Schools
    travel: TravelTimes


@dataclass(frozen=True)
class Household:
    """Who needs the bundle. Child ages are in months at the start date (``Wishes.start_day``).

    ``tax_class`` None derives it (see docs/engine.md); ``other_net_income`` is net
    €/month of other household members that the bundle's job does not replace.
    """

    adults: int = 1
    child_age_months: tuple[int, ...] = ()
    other_net_income: float = 0.0
    tax_class: int | None = None


@dataclass(frozen=True)
class Wishes:
    """Hard constraints. None means "no limit"; ``min_rooms`` None derives it."""

    min_salary: float | None = None
    max_warm_rent: float | None = None
    max_rent_share: float | None = None
    min_rooms: float | None = None
    max_commute_min: float | None = None
    modes: tuple[Mode, ...] = MODES
    hours_tolerance_min: float = 0.0
    start_day: int | None = None


@dataclass(frozen=True)
class Weights:
    """Non-negative weights of the soft terms; the score is their weighted mean."""

    commute: float = 1.0
    cost: float = 1.0
    job_fit: float = 1.0
    flat_fit: float = 1.0

    def __post_init__(self) -> None:
        if min(self.commute, self.cost, self.job_fit, self.flat_fit) < 0:
            raise ValueError("weights must be non-negative")

    @property
    def total(self) -> float:
        return self.job_fit + self.flat_fit + self.cost + self.commute


@dataclass(frozen=True)
class Variety:
    """Caps that keep the suggestions visibly different (docs/engine.md, "Variety").

    Walk all bundles in ranking order and accept one only while its job has been accepted
    fewer than ``max_per_job`` times, its flat fewer than ``max_per_flat`` times and its
    care set (care ids in child order; ignored when empty) fewer than ``max_per_care``
    times. Every cap is an int >= 1.
    """

    max_per_job: int = 2
    max_per_flat: int = 1
    max_per_care: int = 2

    def __post_init__(self) -> None:
        for name in ("max_per_job", "max_per_flat", "max_per_care"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"variety: {name} must be an int >= 1, got {value!r}")


@dataclass(frozen=True)
class BundleQuery:
    """One search: who, what must hold, what matters how much, how many results, and how
    different they must be (``variety`` None: plain top-k)."""

    household: Household = Household()
    wishes: Wishes = Wishes()
    weights: Weights = Weights()
    k: int = 10
    relax: bool = True
    variety: Variety | None = Variety()
