"""The flats' API shapes: read (summary, detail, page) and write (``FlatIn``)."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field
from pydantic import ConfigDict

from stadt360.housing.models import PetPolicy
from stadt360.offers.schemas import Amount, OfferIn, OfferOut, Page, text


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
