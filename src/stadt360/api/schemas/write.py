"""Request and response bodies of the write API, one body per offer kind.

The fields mirror the write services' ``data`` (model field names). Omitted fields keep
their value on update (on creation: the model's default); unknown fields are refused (422).
Types are checked here, everything else (required fields, ranges, salary min ≤ max, …) by the
services, so the API and the portal agree on what is valid.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict, StringConstraints


def _no_control_characters(value: str) -> str:
    if "\x00" in value:
        raise ValueError("NUL characters are not allowed.")
    return value


def text(max_length: int) -> type[str]:
    return Annotated[  # type: ignore[return-value]
        str, StringConstraints(max_length=max_length), AfterValidator(_no_control_characters)
    ]


def _local_time(value: datetime.time) -> datetime.time:
    if value.tzinfo is not None:
        raise ValueError("Give a local time without a time zone (HH:MM).")
    return value


Time = Annotated[datetime.time, AfterValidator(_local_time)]
Amount = Annotated[Decimal, Field(ge=0, le=10_000_000, allow_inf_nan=False)]
Languages = Annotated[list[text(8)], Field(max_length=20)]  # type: ignore[valid-type]


class OfferIn(Schema):
    """Address and validity, shared by every kind."""

    model_config = ConfigDict(extra="forbid")

    street: text(200) | None = Field(None, description="Street and house number.")  # type: ignore[valid-type]
    postcode: text(5) | None = Field(None, description="Five digits (required on creation).")  # type: ignore[valid-type]
    city: text(120) | None = Field(None, description="Default Gera.")  # type: ignore[valid-type]
    latitude: float | None = Field(None, ge=-90, le=90, allow_inf_nan=False)
    longitude: float | None = Field(None, ge=-180, le=180, allow_inf_nan=False)
    valid_until: datetime.date | None = Field(None, description="Last day the offer is shown.")


class JobIn(OfferIn):
    title: text(200) | None = None  # type: ignore[valid-type]
    description: text(20_000) | None = None  # type: ignore[valid-type]
    occupation: text(5) | None = Field(None, description="KldB 2010 code (1–5 digits).")  # type: ignore[valid-type]
    employment_type: Literal["full_time", "part_time", "mini_job", "apprenticeship"] | None = None
    weekly_hours: Annotated[Decimal, Field(ge=1, le=60, allow_inf_nan=False)] | None = None
    shift_start: Time | None = None
    shift_end: Time | None = None
    salary_min: Annotated[int, Field(ge=0, le=1_000_000)] | None = None
    salary_max: Annotated[int, Field(ge=0, le=1_000_000)] | None = None
    start_date: datetime.date | None = None
    remote_share: Annotated[int, Field(ge=0, le=100)] | None = None
    requirements: text(20_000) | None = None  # type: ignore[valid-type]
    skills: Annotated[list[text(100)], Field(max_length=50)] | None = None  # type: ignore[valid-type]
    languages: Languages | None = None

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "Pflegefachkraft (m/w/d) Intensivstation",
                    "description": "Wir suchen Verstärkung für unser Team.",
                    "occupation": "81302",
                    "employment_type": "full_time",
                    "weekly_hours": "38.5",
                    "salary_min": 3400,
                    "salary_max": 4100,
                    "start_date": "2026-09-01",
                    "street": "Straße des Friedens 122",
                    "postcode": "07548",
                    "latitude": 50.8845,
                    "longitude": 12.0698,
                    "skills": ["Intensivpflege"],
                    "languages": ["de"],
                }
            ]
        },
    )


class FlatIn(OfferIn):
    title: text(200) | None = None  # type: ignore[valid-type]
    description: text(20_000) | None = None  # type: ignore[valid-type]
    rooms: Annotated[Decimal, Field(ge=0, le=99, allow_inf_nan=False)] | None = None
    living_space: Annotated[Decimal, Field(ge=0, le=9999, allow_inf_nan=False)] | None = None
    cold_rent: Amount | None = None
    service_costs: Amount | None = None
    heating_costs: Amount | None = None
    deposit: Amount | None = None
    available_from: datetime.date | None = None
    floor: Annotated[int, Field(ge=-5, le=100)] | None = None
    lift: bool | None = None
    balcony: bool | None = None
    step_free: bool | None = None
    pets: Literal["allowed", "on_request", "not_allowed"] | None = None
    wbs_required: bool | None = None

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "Helle 2-Raum-Wohnung mit Balkon",
                    "rooms": "2",
                    "living_space": "58.4",
                    "cold_rent": "365.00",
                    "service_costs": "95.00",
                    "heating_costs": "70.00",
                    "deposit": "1095.00",
                    "floor": 2,
                    "balcony": True,
                    "pets": "on_request",
                    "available_from": "2026-08-01",
                    "street": "Leipziger Straße 40",
                    "postcode": "07545",
                    "latitude": 50.8803,
                    "longitude": 12.0765,
                }
            ]
        },
    )


class OpeningHoursIn(Schema):
    model_config = ConfigDict(extra="forbid")

    weekday: int = Field(..., ge=0, le=6, description="0 = Monday … 6 = Sunday.")
    opens: Time
    closes: Time


class FreePlaceIn(Schema):
    model_config = ConfigDict(extra="forbid")

    min_age_months: int = Field(..., ge=0, le=240)
    max_age_months: int = Field(..., ge=0, le=240, description="Below this age.")
    available_from: datetime.date
    count: int = Field(..., ge=0, le=1000)


class KitaIn(OfferIn):
    name: text(200) | None = None  # type: ignore[valid-type]
    description: text(20_000) | None = None  # type: ignore[valid-type]
    capacity: Annotated[int, Field(ge=0, le=5000)] | None = None
    age_from_months: Annotated[int, Field(ge=0, le=240)] | None = None
    age_to_months: Annotated[int, Field(ge=0, le=240)] | None = None
    concept: (
        Literal[
            "situational", "open", "montessori", "waldorf", "reggio", "forest", "bilingual", "other"
        ]
        | None
    ) = None
    languages: Languages | None = None
    inclusive: bool | None = None
    monthly_fee: Amount | None = None
    opening_hours: list[OpeningHoursIn] | None = Field(
        None, max_length=7, description="Given, replaces all opening hours (one row per weekday)."
    )
    free_places: list[FreePlaceIn] | None = Field(
        None, max_length=50, description="Given, replaces all free places."
    )

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Kita Sonnenschein",
                    "capacity": 90,
                    "age_from_months": 12,
                    "age_to_months": 78,
                    "concept": "situational",
                    "inclusive": True,
                    "street": "Humboldtstraße 12",
                    "postcode": "07545",
                    "latitude": 50.8779,
                    "longitude": 12.0823,
                    "opening_hours": [
                        {"weekday": day, "opens": "06:30", "closes": "16:30"} for day in range(5)
                    ],
                    "free_places": [
                        {
                            "min_age_months": 12,
                            "max_age_months": 36,
                            "available_from": "2026-08-01",
                            "count": 2,
                        }
                    ],
                }
            ]
        },
    )


class SchoolIn(OfferIn):
    name: text(200) | None = None  # type: ignore[valid-type]
    description: text(20_000) | None = None  # type: ignore[valid-type]
    school_type: (
        Literal[
            "grundschule",
            "regelschule",
            "gymnasium",
            "gemeinschaftsschule",
            "foerderschule",
            "berufsbildend",
        ]
        | None
    ) = None
    grade_from: Annotated[int, Field(ge=1, le=13)] | None = None
    grade_to: Annotated[int, Field(ge=1, le=13)] | None = None
    all_day_care: bool | None = None
    languages: Languages | None = None

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Staatliche Grundschule Am Bieblacher Hang",
                    "school_type": "grundschule",
                    "grade_from": 1,
                    "grade_to": 4,
                    "all_day_care": True,
                    "street": "Bieblacher Hang 1",
                    "postcode": "07546",
                    "latitude": 50.8998,
                    "longitude": 12.0731,
                }
            ]
        },
    )


class WriteOut(Schema):
    id: int = Field(..., examples=[42])
    kind: str = Field(..., examples=["jobs"])
    external_id: str = Field(..., examples=["PF-2026-17"])
    status: str = Field(..., examples=["draft"])
    outcome: Literal["created", "updated", "unchanged"] = Field(
        ..., description="What the request changed.", examples=["created"]
    )


class MessageOut(Schema):
    detail: str
