"""The Kitas' API shapes: read (summary, detail, page) and write (``KitaIn`` with its
opening hours and free places)."""

import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from stadt360.childcare.models import Concept
from stadt360.offers.schemas import Amount, Languages, OfferIn, OfferOut, Page, Time, text


class OpeningHoursOut(Schema):
    weekday: int = Field(..., description="0 = Monday … 6 = Sunday.", examples=[0])
    opens: datetime.time = Field(..., examples=["06:30:00"])
    closes: datetime.time = Field(..., examples=["17:00:00"])


class FreePlaceOut(Schema):
    min_age_months: int = Field(..., examples=[12])
    max_age_months: int = Field(..., description="Below this age.", examples=[36])
    available_from: datetime.date = Field(..., examples=["2026-08-01"])
    count: int = Field(..., examples=[2])


class KitaSummary(OfferOut):
    name: str = Field(..., examples=["Kita Sonnenschein"])
    capacity: int = Field(..., examples=[120])
    age_from_months: int = Field(..., examples=[12])
    age_to_months: int = Field(..., examples=[78])
    concept: Concept = Field(..., examples=["situational"])
    languages: list[str] = Field(..., examples=[["de", "en"]])
    inclusive: bool
    monthly_fee: float | None = Field(..., description="€/month, if known.", examples=[None])
    opening_hours: list[OpeningHoursOut]
    free_places: list[FreePlaceOut]


class KitaDetail(KitaSummary):
    description: str


class KitaPage(Page):
    items: list[KitaSummary]


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
