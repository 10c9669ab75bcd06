"""Writes of the portal's own model: offer images (audited like every write)."""

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from stadt360.core import audit
from stadt360.core.models import Offer

from .images import reencode
from .models import OfferImage


def add_offer_image(*, offer: Offer, upload: UploadedFile, alt_text: str, by: Any) -> OfferImage:
    clean = reencode(upload)
    with transaction.atomic():
        image = OfferImage(offer=offer, provider=offer.provider, alt_text=alt_text.strip())
        image.file.save(clean.name, clean.content, save=False)
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
        # The image's offer, or its organisation when the offer is already gone.
        subject = image.offer or image.provider
        audit.record(
            subject,
            "offer.image_deleted",
            by=by,
            changes={"image": [image.file.name, None], "alt_text": [image.alt_text, None]},
        )
        image.file.delete(save=False)
        image.delete()
