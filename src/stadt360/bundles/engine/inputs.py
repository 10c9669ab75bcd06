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

# Longest drop-off / pick-up time per stop a query may state (minutes).
MAX_DWELL_MIN = 30


class SchoolType(IntEnum):
    """School types of Thuringia that the engine distinguishes."""

    GRUNDSCHULE = 1
    REGELSCHULE = 2
    GYMNASIUM = 3
    GEMEINSCHAFTSSCHULE = 4
    OTHER = 9


# Marks an optional array the caller did not pass (filled with zeros of the right shape).
_NOT_PASSED: np.ndarray = np.zeros(0, np.int64)


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
    """Job candidates. Salaries are gross €/month (NaN = unknown); shifts NaN = unknown.

    ``start_day``: the day the job can start at the earliest, 0 = "from now / not stated"
    (all 0 when not passed). Jobs are never excluded by it; bundles report it.
    """

    ids: np.ndarray
    zone: np.ndarray
    salary_min: np.ndarray
    salary_max: np.ndarray
    weekly_hours: np.ndarray
    shift_start: np.ndarray
    shift_end: np.ndarray
    fit: np.ndarray
    remote_share: np.ndarray
    start_day: np.ndarray = field(default_factory=lambda: _NOT_PASSED)

    def __post_init__(self) -> None:
        if self.start_day is _NOT_PASSED:
            object.__setattr__(self, "start_day", np.zeros(len(self.ids), np.int64))
        for name in ("ids", "zone", "start_day"):
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
    ``age_group_edges[g] <= a < age_group_edges[g + 1]`` (all reported free places of
    that group, whatever their date). ``free_from[k, g]`` is the day of the earliest free
    place of that group (0 = free now; all 0 when not passed): a place free only after the
    household's start is a compromise with a gap, or no option when the date is fixed.
    ``fee`` is €/month, NaN when unknown. ``fee_min``/``fee_max``
    (shape n_kitas × n_groups, optional) are the range a child of group g pays at Kita k
    when ``fee`` is unknown — e.g. from the city's fee schedule; NaN = no idea at all.
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
    # None (the default) becomes all NaN in __post_init__; afterwards always an array.
    fee_min: np.ndarray = None  # type: ignore[assignment]
    fee_max: np.ndarray = None  # type: ignore[assignment]
    free_from: np.ndarray = field(default_factory=lambda: _NOT_PASSED)

    def __post_init__(self) -> None:
        for name in ("ids", "zone", "min_age_months", "max_age_months", "age_group_edges"):
            object.__setattr__(self, name, _arr(getattr(self, name), np.int64))
        for name in ("opens", "closes", "fee"):
            object.__setattr__(self, name, _arr(getattr(self, name), np.float64))
        groups = len(self.age_group_edges) - 1
        places = _arr(np.reshape(self.free_places, (len(self.ids), groups)), np.int64)
        object.__setattr__(self, "free_places", places)
        for name in ("fee_min", "fee_max"):
            value = getattr(self, name)
            value = np.full(places.shape, np.nan) if value is None else value
            object.__setattr__(self, name, _arr(np.reshape(value, places.shape), np.float64))
        if places.shape[1] != len(self.age_group_edges) - 1:
            raise ValueError("Kitas: free_places needs one column per age group")
        passed = self.free_from is not _NOT_PASSED
        start = self.free_from if passed else np.zeros(places.shape, np.int64)
        object.__setattr__(self, "free_from", _arr(np.reshape(start, places.shape), np.int64))
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

    ``tax_class`` None derives it from ``adults``, ``married`` and the children (see
    docs/engine.md, "Money"); ``married`` also covers a registered partnership;
    ``other_net_income`` is net €/month of other household members that the bundle's job
    does not replace. Absurd combinations raise ``ValueError`` (``money.check_tax_class``).
    """

    adults: int = 1
    child_age_months: tuple[int, ...] = ()
    other_net_income: float = 0.0
    tax_class: int | None = None
    married: bool = False

    def __post_init__(self) -> None:
        from .money import check_tax_class  # money imports this module

        check_tax_class(self)


@dataclass(frozen=True)
class MoneyParams:
    """Money parameters a deployment may set (Django: ``STADT360_HEALTH_EXTRA_RATE``).

    ``health_extra_rate``: the average additional health contribution (Zusatzbeitrag) as
    a fraction; 2026: 2.9 % (BMG, § 242a SGB V). ``kita_free_months``: months before
    school entry in which the law of the Land waives the Kita fee (Thuringia 2026: 24,
    § 30 Abs. 1 ThürKigaG; the Django side takes it from ``childcare.fees``).
    """

    health_extra_rate: float = 0.029
    kita_free_months: int = 24

    def __post_init__(self) -> None:
        if not 0.0 <= self.health_extra_rate <= 0.1:
            raise ValueError("health_extra_rate must lie between 0 and 0.1")
        if not 0 <= self.kita_free_months <= 72:
            raise ValueError("kita_free_months must lie between 0 and 72")


@dataclass(frozen=True)
class Wishes:
    """Hard constraints. None means "no limit"; ``min_rooms`` None derives it.

    Dates (day numbers): ``start_day`` is the household's start (None: no date logic);
    it may slip by ``start_window_days``. A Kita place free only after ``start_day +
    start_window_days`` is a compromise with a gap, or no option when ``start_fixed``.
    ``move_in_day`` (None: not asked) excludes flats available only after it.
    ``care_from``/``care_until`` (minutes after midnight, both or neither): the hours a
    care place must cover, instead of the shift-based rule. ``dwell_min``: minutes spent
    at every distinct care stop, in the morning and again in the evening.
    """

    min_salary: float | None = None
    max_warm_rent: float | None = None
    max_rent_share: float | None = None
    min_rooms: float | None = None
    max_commute_min: float | None = None
    modes: tuple[Mode, ...] = MODES
    hours_tolerance_min: float = 0.0
    start_day: int | None = None
    start_window_days: int = 0
    start_fixed: bool = False
    move_in_day: int | None = None
    care_from: float | None = None
    care_until: float | None = None
    dwell_min: int = 0

    def __post_init__(self) -> None:
        if (self.care_from is None) != (self.care_until is None):
            raise ValueError("care_from and care_until: give both or neither")
        hours = self.care_hours
        if hours is not None and not 0 <= hours[0] < hours[1] <= 1440:
            raise ValueError("care hours: need 0 <= care_from < care_until <= 1440")
        if not 0 <= self.dwell_min <= MAX_DWELL_MIN:
            raise ValueError(f"dwell_min: 0 to {MAX_DWELL_MIN} minutes")

    @property
    def care_hours(self) -> tuple[float, float] | None:
        """The stated care hours (from, until), or None: the shift decides."""
        if self.care_from is None or self.care_until is None:
            return None
        return float(self.care_from), float(self.care_until)


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
    money_params: MoneyParams = MoneyParams()
    variety: Variety | None = Variety()
