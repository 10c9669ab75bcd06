"""The one validated shape of a bundle query, shared by the API, the wizard and the engine adapter.

Field names of the request body are a public contract (``POST /api/v1/bundles/search``).
"""

import datetime
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

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


class BundleQuery(Strict):
    household: Household = Household()
    job: JobWish = JobWish()
    flat: FlatWish = FlatWish()
    mobility: Mobility = Mobility()
    weights: Weights = Weights()
    limit: Annotated[int, Field(ge=1, le=50)] = 10
