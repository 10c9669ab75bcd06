"""The schools' API shapes: read (summary, detail, page) and write (``SchoolIn``)."""

from typing import Annotated, Literal

from ninja import Field
from pydantic import ConfigDict

from stadt360.offers.schemas import Languages, OfferIn, OfferOut, Page, text
from stadt360.schools.models import SchoolType


class SchoolSummary(OfferOut):
    name: str = Field(..., examples=["Staatliche Grundschule Bieblach"])
    school_type: SchoolType = Field(..., examples=["grundschule"])
    grade_from: int = Field(..., examples=[1])
    grade_to: int = Field(..., examples=[4])
    all_day_care: bool
    languages: list[str] = Field(..., examples=[["en"]])


class SchoolDetail(SchoolSummary):
    description: str


class SchoolPage(Page):
    items: list[SchoolSummary]


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
