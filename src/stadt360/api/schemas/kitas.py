import datetime

from ninja import Field, Schema

from stadt360.childcare.models import Concept

from ..pagination import Page
from .common import OfferOut


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
