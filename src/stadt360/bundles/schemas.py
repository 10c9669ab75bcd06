"""The one validated shape of a bundle query, shared by the API, the wizard and the engine adapter.

Field names of the request body are a public contract (``POST /api/v1/bundles/search``).
"""

import datetime
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic.json_schema import JsonDict

from stadt360.bundles.engine.money import tax_class_problem

MAX_CHILDREN = 8


class Mode(StrEnum):
    TRANSIT = "transit"
    BIKE = "bike"
    CAR = "car"
    WALK = "walk"


class Hours(StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    ANY = "any"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StartWindow(StrEnum):
    """How soon the household wants to start when it names no date."""

    ASAP = "asap"
    THREE_MONTHS = "three_months"


# How far ahead a start or move-in day may lie: offers and free places are reported for
# months, not years; a day beyond this is a typo (9999-12-31), not a plan.
PLANNING_DAYS = 730


def not_in_past(value: datetime.date | None) -> datetime.date | None:
    """Today up to two years ahead (``PLANNING_DAYS``)."""
    today = datetime.date.today()
    if value is not None and value < today:
        raise ValueError("the date lies in the past; choose today or a later day")
    if value is not None and value > today + datetime.timedelta(days=PLANNING_DAYS):
        raise ValueError("the date lies more than two years ahead; choose a nearer day")
    return value


class Start(Strict):
    """When the household starts (the job, the flat, the care places).

    ``date`` names the day; without it ``window`` says "as soon as possible" (today) or
    "in the next three months" (today, with 91 days' slack). A care place free only after
    that is a compromise with its gap in weeks, or no option when ``fixed`` is true.
    """

    date: datetime.date | None = Field(
        default=None, description="the day the household starts (today or later)"
    )
    window: StartWindow = Field(
        default=StartWindow.THREE_MONTHS,
        description="without a date: 'asap' (from today) or 'three_months' (within 91 days)",
    )
    fixed: bool = Field(
        default=False, description="the date is fixed: care places free only later are left out"
    )

    _date_not_past = field_validator("date")(not_in_past)


class Child(Strict):
    birth_date: datetime.date

    @model_validator(mode="after")
    def born_in_plausible_range(self) -> Self:
        today = datetime.date.today()
        if self.birth_date > today + datetime.timedelta(days=300):
            raise ValueError("birth_date lies too far in the future")
        if self.birth_date < today.replace(year=today.year - 18):
            raise ValueError("children are under 18; adults count in 'adults'")
        return self


class Household(Strict):
    adults: Annotated[int, Field(ge=1, le=6)] = 1
    children: Annotated[list[Child], Field(max_length=MAX_CHILDREN)] = []
    other_net_income: Annotated[float, Field(ge=0, le=50_000)] = 0.0
    married: bool = Field(
        default=False,
        description="married or in a registered partnership (needs two adults); "
        "decides the tax class when none is given",
    )
    tax_class: Annotated[int, Field(ge=1, le=6)] | None = Field(
        default=None,
        description="wage-tax class 1–6 of the job holder; derived from adults, married "
        "and children when left out",
    )

    @field_validator("married")
    @classmethod
    def married_needs_two_adults(cls, married: bool, info: ValidationInfo) -> bool:
        if married and info.data.get("adults", 1) < 2:
            raise ValueError("married needs at least two adults")
        return married

    @field_validator("tax_class")
    @classmethod
    def tax_class_fits_household(cls, tax_class: int | None, info: ValidationInfo) -> int | None:
        problem = tax_class_problem(
            info.data.get("adults", 1),
            bool(info.data.get("married", False)),
            tax_class,
            len(info.data.get("children", [])),
        )
        if problem:
            raise ValueError(problem)
        return tax_class


class JobWish(Strict):
    query: Annotated[str, Field(max_length=200)] = ""
    occupation: Annotated[str, Field(pattern=r"^\d{1,5}$")] | None = None
    hours: Hours = Hours.ANY
    min_salary_month: Annotated[float, Field(ge=0, le=50_000)] | None = None
    start: datetime.date | None = Field(
        default=None,
        description="older name of the household's start date (used when 'start.date' is empty)",
    )


class FlatWish(Strict):
    max_warm_rent: Annotated[float, Field(gt=0, le=20_000)] | None = None
    max_rent_share: Annotated[float, Field(gt=0, le=1)] | None = None
    min_rooms: Annotated[float, Field(ge=1, le=12)] | None = None
    balcony: bool = False
    lift: bool = False
    step_free: bool = False
    pets: bool = False
    has_wbs: bool = Field(
        default=False, description="the household holds a Wohnberechtigungsschein (WBS)"
    )
    move_in: datetime.date | None = Field(
        default=None,
        description="move in by this day: flats free only later are left out (empty: any)",
    )

    _move_in_not_past = field_validator("move_in")(not_in_past)


class Mobility(Strict):
    modes: Annotated[list[Mode], Field(min_length=1)] = [Mode.TRANSIT, Mode.BIKE, Mode.WALK]
    max_commute_minutes: Annotated[int, Field(ge=5, le=180)] = 45


class Weights(Strict):
    commute: Annotated[float, Field(ge=0, le=10)] = 1.0
    cost: Annotated[float, Field(ge=0, le=10)] = 1.0
    job_fit: Annotated[float, Field(ge=0, le=10)] = 1.0
    flat_fit: Annotated[float, Field(ge=0, le=10)] = 1.0

    @model_validator(mode="after")
    def not_all_zero(self) -> Self:
        if not any((self.commute, self.cost, self.job_fit, self.flat_fit)):
            raise ValueError("at least one weight must be above 0")
        return self


# A time of day "H:MM" or "HH:MM" from 0:00 to 24:00.
CLOCK_PATTERN = r"^(?:(?:[01]?\d|2[0-3]):[0-5]\d|24:00)$"
ClockTime = Annotated[str, Field(pattern=CLOCK_PATTERN, examples=["06:30", "17:00"])]
DEFAULT_DWELL_MINUTES = 5
MAX_DWELL_MINUTES = 30


def clock_minutes(value: str) -> int:
    """ "06:30" → 390 (minutes after midnight)."""
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)


class CareWish(Strict):
    hours_tolerance_minutes: Annotated[int, Field(ge=0, le=240)] = Field(
        default=0,
        description="minutes the Kita may miss the working hours by (someone else brings the child)",
    )
    hours_from: ClockTime | None = Field(
        default=None,
        description='care needed from this time of day ("06:30"); with hours_until it '
        "replaces the check against the job's working hours",
    )
    hours_until: ClockTime | None = Field(
        default=None,
        validate_default=True,
        description='care needed until this time of day ("17:00", at most "24:00"); '
        "later than hours_from; give both or neither",
    )
    dwell_minutes: Annotated[int, Field(ge=0, le=MAX_DWELL_MINUTES)] = Field(
        default=DEFAULT_DWELL_MINUTES,
        description="minutes for dropping off and picking up at every care stop, each way",
    )

    @field_validator("hours_until", mode="after")
    @classmethod
    def after_hours_from(cls, until: str | None, info: ValidationInfo) -> str | None:
        if "hours_from" not in info.data:  # hours_from is invalid and has its own error
            return until
        start = info.data["hours_from"]
        if (start is None) != (until is None):
            raise ValueError("give hours_from and hours_until together, or neither")
        if start is not None and until is not None and clock_minutes(until) <= clock_minutes(start):
            raise ValueError("hours_until must be later than hours_from")
        return until

    @property
    def care_hours(self) -> tuple[int, int] | None:
        """(from, until) in minutes after midnight, or None: the working hours decide."""
        if self.hours_from is None or self.hours_until is None:
            return None
        return clock_minutes(self.hours_from), clock_minutes(self.hours_until)


FAMILY_EXAMPLE: JsonDict = {
    "household": {
        "adults": 2,
        "children": [{"birth_date": "2025-06-01"}, {"birth_date": "2022-03-15"}],
    },
    "job": {"query": "Pflege", "hours": "full_time", "min_salary_month": 2800},
    "flat": {"max_warm_rent": 1100, "min_rooms": 3},
    "mobility": {"modes": ["transit", "bike", "car", "walk"], "max_commute_minutes": 40},
    "weights": {"commute": 1, "cost": 1, "job_fit": 1, "flat_fit": 1},
    "limit": 10,
}


class Pins(Strict):
    """Offers a person already chose (e.g. from a detail page): that part of every bundle is fixed.

    A pinned Kita is the Kita for every child under school age; a pinned school for every
    school-age child.
    """

    job: Annotated[int, Field(ge=1)] | None = None
    flat: Annotated[int, Field(ge=1)] | None = None
    kita: Annotated[int, Field(ge=1)] | None = None
    school: Annotated[int, Field(ge=1)] | None = None


class Variety(Strict):
    """Keep the suggestions visibly different: walking the ranking, a bundle is taken only
    while its job, its flat and its set of care places have been taken fewer times than
    these caps (docs/engine.md, "Variety"). ``"variety": null`` switches it off."""

    max_per_job: Annotated[int, Field(ge=1, le=50)] = 2
    max_per_flat: Annotated[int, Field(ge=1, le=50)] = 1
    max_per_care: Annotated[int, Field(ge=1, le=50)] = 2


class BundleQuery(Strict):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [FAMILY_EXAMPLE]})

    household: Household = Household()
    start: Start = Start()
    job: JobWish = JobWish()
    flat: FlatWish = FlatWish()
    care: CareWish = CareWish()
    mobility: Mobility = Mobility()
    weights: Weights = Weights()
    pins: Pins = Pins()
    limit: Annotated[int, Field(ge=1, le=50)] = 10
    variety: Variety | None = Field(
        default_factory=Variety,
        description="caps per job, flat and set of care places; null: the plain ranking",
    )

    @property
    def start_date(self) -> datetime.date | None:
        """The named start: ``start.date``, else the older ``job.start`` (None: a window)."""
        return self.start.date or self.job.start


# --- Response ---------------------------------------------------------------------------


class Place(BaseModel):
    id: int
    name: str
    address: str
    district: str = ""
    latitude: float
    longitude: float
    provider: str
    provider_verified: bool = False
    is_demo: bool = False


class JobPart(Place):
    employment_type: str
    weekly_hours: float
    salary_min: int | None = None
    salary_max: int | None = None
    shift_start: str | None = None
    shift_end: str | None = None


class FlatPart(Place):
    rooms: float
    living_space: float
    warm_rent: float
    cold_rent: float
    available_from: datetime.date | None = None


class KitaPart(Place):
    opens: str | None = None
    closes: str | None = None
    monthly_fee: float | None = None


class SchoolPart(Place):
    school_type: str
    all_day_care: bool = False


class ChildRef(BaseModel):
    index: int
    birth_date: datetime.date
    age_months: int


class KitaFee(BaseModel):
    min: float = Field(description="€ per month; equal to max when the fee is exact")
    max: float | None = Field(description="€ per month; null when no figure is known at all")
    source: str = Field(description="provider, free_by_law, schedule (the city's range) or unknown")


class CarePart(BaseModel):
    child: ChildRef
    kita: KitaPart | None = None
    school: SchoolPart | None = None
    fee: KitaFee | None = None
    available_from: datetime.date | None = Field(
        default=None, description="the day this child's place can start"
    )
    gap_weeks: int | None = Field(
        default=None,
        description="weeks the place starts after the household's start (None: no gap)",
    )
    travels_alone: bool = Field(
        default=False,
        description="a pupil from grade 5: goes to the nearest school alone, not a stop of the day",
    )


class Leg(BaseModel):
    origin: str
    destination: str
    minutes: float
    mode: Mode


class Commute(BaseModel):
    minutes: float = Field(description="door-to-door minutes per working day, both ways")
    one_way_minutes: float = Field(description="the morning: legs plus the dwell at every stop")
    mode: Mode
    legs: list[Leg]
    dwell_minutes: int = Field(
        default=0, description="minutes spent at every care stop, morning and evening"
    )


class Money(BaseModel):
    gross_income: float
    net_income: float
    child_benefit: float
    other_net_income: float
    warm_rent: float
    kita_fees: float = Field(description="the exactly known Kita fees (provider or free by law)")
    kita_fees_known: bool
    remaining: float = Field(description="household net − warm rent − the known Kita fees")
    rent_share: float
    kita_fees_min: float = 0.0
    kita_fees_max: float | None = Field(
        default=0.0, description="null when some fee has no figure at all"
    )
    kita_fees_source: str = Field(
        default="none",
        description="provider, free_by_law, schedule, unknown, mixed (several) or none",
    )
    remaining_min: float | None = None
    remaining_max: float | None = None


class Reason(BaseModel):
    code: str
    text: str


class CareStart(BaseModel):
    child: int = Field(description="the child's index in the household")
    date: datetime.date | None = None


class Starts(BaseModel):
    """When each part can start (None: not stated)."""

    job: datetime.date | None = None
    flat: datetime.date | None = None
    care: list[CareStart] = []


class Bundle(BaseModel):
    rank: int
    score: float
    verdict: str
    terms: dict[str, float]
    job: JobPart
    flat: FlatPart
    care: list[CarePart]
    commute: Commute
    money: Money
    hours_covered: bool | None = None
    reasons: list[Reason]
    starts: Starts = Starts()


class Elimination(BaseModel):
    constraint: str
    text: str
    removed: int
    of: int


class Relaxation(BaseModel):
    constraint: str
    text: str
    bundles: int
    patch: dict[str, dict[str, object]] = Field(
        description="the part of the query to change, e.g. {'flat': {'max_warm_rent': 1200}}"
    )


class BundleSearchResult(BaseModel):
    bundles: list[Bundle]
    relaxations: list[Relaxation] = []
    eliminated: list[Elimination] = []
    candidates: dict[str, int] = Field(default_factory=dict)
    is_demo: bool = False
    truncated: bool = Field(
        default=False,
        description="the search reached its work limit: every bundle is real and checked, "
        "but better ones may exist (the ranking is exact when false)",
    )
    variety: Variety | None = Field(
        default=None, description="the caps applied to this answer; null: the plain ranking"
    )
    relaxations_truncated: bool = Field(
        default=False,
        description="the search for relaxations reached its work limit: the list holds the "
        "best changes found, others may help too",
    )
