from ninja import Field

from stadt360.schools.models import SchoolType

from ..pagination import Page
from .common import OfferOut


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
