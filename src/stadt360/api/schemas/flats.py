import datetime

from ninja import Field

from stadt360.housing.models import PetPolicy

from ..pagination import Page
from .common import OfferOut


class FlatSummary(OfferOut):
    title: str = Field(..., examples=["Helle 3-Raum-Wohnung mit Balkon"])
    rooms: float = Field(..., examples=[3])
    living_space: float = Field(..., description="m²", examples=[68.5])
    cold_rent: float = Field(..., description="€/month", examples=[410.0])
    warm_rent: float = Field(
        ..., description="Cold rent + service + heating costs, €/month.", examples=[560.0]
    )
    available_from: datetime.date | None = Field(
        ..., description="null: available now.", examples=["2026-08-01"]
    )
    balcony: bool
    lift: bool
    step_free: bool
    pets: PetPolicy = Field(..., examples=["on_request"])
    wbs_required: bool


class FlatDetail(FlatSummary):
    description: str
    service_costs: float = Field(..., examples=[95.0])
    heating_costs: float = Field(..., examples=[55.0])
    deposit: float | None = Field(..., examples=[1230.0])
    floor: int | None = Field(..., examples=[2])


class FlatPage(Page):
    items: list[FlatSummary]
