"""Geography and the abstract base every offer (job, flat, Kita, school) shares."""

from typing import Self

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import OfferSource, OfferStatus


class Region(models.Model):
    """A city the platform serves (Gera first); tenancy is by region, never a fork."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=120)
    ags = models.CharField(_("official municipality key"), max_length=8, blank=True)
    population = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class PostcodeArea(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="postcode_areas")
    postcode = models.CharField(_("postcode"), max_length=5, unique=True)
    label = models.CharField(_("label"), max_length=120, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        ordering = ["postcode"]
        verbose_name = _("postcode area")
        verbose_name_plural = _("postcode areas")

    def __str__(self) -> str:
        return f"{self.postcode} {self.label}".strip()


class District(models.Model):
    """An Ortsteil. Without an official boundary file it is placed at a postcode centroid."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="districts")
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField()
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    position_verified = models.BooleanField(_("position verified"), default=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "slug"], name="district_unique_slug"),
        ]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name


class Address(models.Model):
    """A postal address with its position: the geo part of organisations and offers."""

    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5)
    city = models.CharField(_("city"), max_length=120, default="Gera")
    district = models.ForeignKey(
        District, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    latitude = models.FloatField(
        _("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )

    class Meta:
        abstract = True

    @property
    def address_line(self) -> str:
        return ", ".join(part for part in (self.street, f"{self.postcode} {self.city}") if part)


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class OfferQuerySet(models.QuerySet):
    def published(self) -> Self:
        """Visible to the public: published and not past its ``valid_until`` day."""
        today = timezone.localdate()
        return self.filter(status=OfferStatus.PUBLISHED).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=today)
        )

    def for_provider(self, provider: models.Model) -> Self:
        return self.filter(provider=provider)

    def demo(self) -> Self:
        return self.filter(source=OfferSource.DEMO)


class Offer(Address, TimeStamped):
    """What every offer kind shares: who offers it, where, in which state, from where."""

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.CASCADE, related_name="%(class)ss"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=OfferStatus.choices, default=OfferStatus.DRAFT
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=8, choices=OfferSource.choices, default=OfferSource.MANUAL
    )
    external_id = models.CharField(_("provider's own id"), max_length=120, blank=True)
    reminded_at = models.DateTimeField(_("provider last reminded"), null=True, blank=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "external_id"],
                condition=~models.Q(external_id=""),
                name="%(app_label)s_%(class)s_unique_external_id",
            ),
        ]
        indexes = [models.Index(fields=["status", "valid_until"])]

    @property
    def is_demo(self) -> bool:
        return self.source == OfferSource.DEMO


class AuditEntry(models.Model):
    """Who changed what, when, through which channel. Written by ``core.audit.record``."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    via = models.CharField(_("channel"), max_length=80, blank=True)
    provider = models.ForeignKey(
        "providers.Provider",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("organisation"),
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    action = models.CharField(_("action"), max_length=60)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"
