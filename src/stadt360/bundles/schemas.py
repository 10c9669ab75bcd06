"""The one validated shape of a bundle query, shared by the API, the wizard and the engine adapter.

Field names of the request body are a public contract (``POST /api/v1/bundles/search``).
"""

import datetime
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.json_schema import JsonDict

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


class JobWish(Strict):
    query: Annotated[str, Field(max_length=200)] = ""
    occupation: Annotated[str, Field(pattern=r"^\d{1,5}$")] | None = None
    hours: Hours = Hours.ANY
    min_salary_month: Annotated[float, Field(ge=0, le=50_000)] | None = None
    start: datetime.date | None = None


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


class CareWish(Strict):
    hours_tolerance_minutes: Annotated[int, Field(ge=0, le=240)] = Field(
        default=0,
        description="minutes the Kita may miss the working hours by (someone else brings the child)",
    )


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


class CarePart(BaseModel):
    child: ChildRef
    kita: KitaPart | None = None
    school: SchoolPart | None = None


class Leg(BaseModel):
    origin: str
    destination: str
    minutes: float
    mode: Mode


class Commute(BaseModel):
    minutes: float = Field(description="door-to-door minutes per working day, both ways")
    one_way_minutes: float
    mode: Mode
    legs: list[Leg]


class Money(BaseModel):
    gross_income: float
    net_income: float
    child_benefit: float
    other_net_income: float
    warm_rent: float
    kita_fees: float
    kita_fees_known: bool
    remaining: float
    rent_share: float


class Reason(BaseModel):
    code: str
    text: str


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
