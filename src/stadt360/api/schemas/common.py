"""What every offer's response shares: provider, address with position, demo label, timestamps."""

import datetime
from typing import Any

from ninja import Field, Schema

from stadt360.core.choices import OfferSource
from stadt360.core.models import Offer


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
