"""Writes of the portal's own model: offer images (audited like every write)."""

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction

from stadt360.core import audit

from .images import reencode
from .models import OfferImage


def add_offer_image(
    *, offer: models.Model, upload: UploadedFile, alt_text: str, by: Any
) -> OfferImage:
    clean = reencode(upload)
    with transaction.atomic():
        image = OfferImage(offer=offer, provider=offer.provider, alt_text=alt_text.strip())
        image.file.save(clean.content.name, clean.content, save=False)
        image.full_clean()
        image.save()
        audit.record(
            offer,
            "offer.image_added",
            by=by,
            changes={"image": [None, image.file.name], "alt_text": [None, image.alt_text]},
        )
    return image


def delete_offer_image(*, image: OfferImage, by: Any) -> None:
    with transaction.atomic():
        offer = image.offer
        audit.record(
            offer,
            "offer.image_deleted",
            by=by,
            changes={"image": [image.file.name, None], "alt_text": [image.alt_text, None]},
        )
        image.file.delete(save=False)
        image.delete()
