"""The jobs' API shapes: read (summary, detail, page) and write (``JobIn``)."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from stadt360.jobs.models import EmploymentType
from stadt360.offers.schemas import Languages, OfferIn, OfferOut, Page, Time, text


class OccupationOut(Schema):
    code: str = Field(..., examples=["81302"])
    title: str = Field(..., examples=["Berufe in der Gesundheits- und Krankenpflege"])


class JobSummary(OfferOut):
    title: str = Field(..., examples=["Pflegefachkraft (m/w/d)"])
    occupation: OccupationOut | None
    employment_type: EmploymentType = Field(..., examples=["full_time"])
    weekly_hours: float = Field(..., examples=[38.5])
    salary_min: int | None = Field(..., description="Gross €/month.", examples=[3400])
    salary_max: int | None = Field(..., description="Gross €/month.", examples=[3900])
    start_date: datetime.date | None = Field(
        ..., description="null: as soon as possible.", examples=["2026-09-01"]
    )
    remote_share: int = Field(..., description="Share of remote work in %.", examples=[0])


class JobDetail(JobSummary):
    description: str
    requirements: str
    skills: list[str] = Field(..., examples=[["Intensivpflege", "Dokumentation"]])
    languages: list[str] = Field(..., examples=[["de"]])
    shift_start: datetime.time | None = Field(..., examples=["06:00:00"])
    shift_end: datetime.time | None = Field(..., examples=["14:30:00"])


class JobPage(Page):
    items: list[JobSummary]


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
