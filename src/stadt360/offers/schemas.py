"""What the API shapes of every offer kind share; each kind's own shapes live in its app.

Read side: provider, address with position, demo label, timestamps (``OfferOut``) and the
page envelope (``Page``). Write side: address and validity (``OfferIn``) and the field
types with their validators (``text``, ``Time``, ``Amount``, ``Languages``). The write
bodies mirror the write services' ``data`` (model field names): omitted fields keep their
value on update (on creation: the model's default); unknown fields are refused (422). Types
are checked here, everything else (required fields, ranges, salary min ≤ max, …) by the
services, so the API and the portal agree on what is valid.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict, StringConstraints

from stadt360.core.choices import OfferSource
from stadt360.core.models import Offer

DEFAULT_PAGE_SIZE = 25


class ProviderOut(Schema):
    id: int = Field(..., examples=[7])
    name: str = Field(..., examples=["SRH Wald-Klinikum Gera"])
    verified: bool = Field(..., description="Checked by the city.", examples=[True])


class DistrictOut(Schema):
    slug: str = Field(..., examples=["untermhaus"])
    name: str = Field(..., examples=["Untermhaus"])


class AddressOut(Schema):
    street: str = Field(..., examples=["Straße des Friedens 122"])
    postcode: str = Field(..., examples=["07548"])
    city: str = Field(..., examples=["Gera"])
    district: DistrictOut | None
    latitude: float = Field(..., examples=[50.8845])
    longitude: float = Field(..., examples=[12.0698])


def is_demo(offer: Offer) -> bool:
    """Demo if the offer or its provider was generated: honest labels beat a clean look."""
    return offer.is_demo or offer.provider.is_demo


class OfferOut(Schema):
    """Fields of every offer kind; subclasses add their own."""

    id: int = Field(..., examples=[42])
    provider: ProviderOut
    address: AddressOut
    is_demo: bool = Field(..., description="Generated demo data, not a real offer.")
    data_label: str | None = Field(
        ...,
        description='Label to show next to demo data ("Demodaten" in German), else null.',
        examples=["Demodaten"],
    )
    valid_until: datetime.date | None = Field(..., examples=["2026-12-31"])
    updated_at: datetime.datetime

    @staticmethod
    def resolve_address(offer: Offer) -> dict[str, Any]:
        return {
            "street": offer.street,
            "postcode": offer.postcode,
            "city": offer.city,
            "district": offer.district,
            "latitude": offer.latitude,
            "longitude": offer.longitude,
        }

    @staticmethod
    def resolve_is_demo(offer: Offer) -> bool:
        return is_demo(offer)

    @staticmethod
    def resolve_data_label(offer: Offer) -> str | None:
        return str(OfferSource.DEMO.label) if is_demo(offer) else None


class Page(Schema):
    count: int = Field(
        ..., description="Items matching the filters, over all pages.", examples=[42]
    )
    page: int = Field(..., examples=[1])
    page_size: int = Field(..., examples=[DEFAULT_PAGE_SIZE])
    next: str | None = Field(
        ..., description="Absolute URL of the next page, or null.", examples=[None]
    )
    previous: str | None = Field(
        ..., description="Absolute URL of the previous page, or null.", examples=[None]
    )


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
LanguageCode = Annotated[
    str, StringConstraints(max_length=8), AfterValidator(_no_control_characters)
]
Languages = Annotated[list[LanguageCode], Field(max_length=20)]


class OfferIn(Schema):
    """Address and validity, shared by every kind."""

    model_config = ConfigDict(extra="forbid")

    street: text(200) | None = Field(None, description="Street and house number.")  # type: ignore[valid-type]
    postcode: text(5) | None = Field(None, description="Five digits (required on creation).")  # type: ignore[valid-type]
    city: text(120) | None = Field(None, description="Default Gera.")  # type: ignore[valid-type]
    latitude: float | None = Field(None, ge=-90, le=90, allow_inf_nan=False)
    longitude: float | None = Field(None, ge=-180, le=180, allow_inf_nan=False)
    valid_until: datetime.date | None = Field(None, description="Last day the offer is shown.")
