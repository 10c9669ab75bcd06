from typing import Self

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from stadt360.core.models import TimeStamped


class OfferImageQuerySet(models.QuerySet):
    def of(self, offer: models.Model) -> Self:
        return self.filter(
            content_type=ContentType.objects.get_for_model(offer), object_id=offer.pk
        )


def upload_to(instance: "OfferImage", filename: str) -> str:
    return f"offers/{instance.provider_id}/{filename}"


class OfferImage(TimeStamped):
    """A picture of an offer (job, flat, Kita, school), re-encoded on upload (no EXIF)."""

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.CASCADE, related_name="offer_images"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    offer = GenericForeignKey("content_type", "object_id")
    file = models.ImageField(
        _("image"), upload_to=upload_to, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("text alternative"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = OfferImageQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("offer image")
        verbose_name_plural = _("offer images")

    def __str__(self) -> str:
        return self.alt_text
