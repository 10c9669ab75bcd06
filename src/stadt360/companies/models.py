import datetime
from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stadt360.core.models import Address, TimeStamped
from stadt360.jobs.models import Job

from .choices import ProductKind, SizeClass

# A profile untouched this long gets a reminder to check it.
REMIND_AFTER = datetime.timedelta(days=182)


class CompanyQuerySet(models.QuerySet):
    def listed(self) -> Self:
        """Shown in the public directory: the organisation was not rejected by the city."""
        return self.filter(provider__rejected=False)

    def for_provider(self, provider: models.Model) -> Self:
        return self.filter(provider=provider)

    def with_open_jobs(self) -> Self:
        """Annotates ``has_open_jobs``: the provider has a published, valid job right now."""
        jobs = Job.objects.published().filter(provider=OuterRef("provider"))
        return self.annotate(has_open_jobs=Exists(jobs))

    def awaiting_check(self) -> Self:
        """Profiles the city has not checked yet, or that changed after the last check."""
        return self.filter(
            models.Q(verified_by_city=False) | models.Q(verified_at__lt=models.F("updated_at"))
        )

    def stale(self, *, now: datetime.datetime | None = None) -> Self:
        """Not updated for six months and not reminded since the last update."""
        cutoff = (now or timezone.now()) - REMIND_AFTER
        return self.filter(updated_at__lt=cutoff).filter(
            models.Q(reminded_at__isnull=True) | models.Q(reminded_at__lt=models.F("updated_at"))
        )


def current_year() -> int:
    return timezone.localdate().year


class Company(TimeStamped):
    """The company profile of a provider organisation (at most one per provider)."""

    provider = models.OneToOneField(
        "providers.Provider", on_delete=models.CASCADE, related_name="company"
    )
    description = models.TextField(_("description"), blank=True)
    wz_code = models.CharField(_("industry (WZ 2008 code)"), max_length=8)
    wz_label = models.CharField(_("industry"), max_length=300, editable=False)
    wz_section = models.CharField(_("industry section"), max_length=1, editable=False)
    size_class = models.CharField(_("size"), max_length=8, choices=SizeClass.choices)
    founded_year = models.PositiveSmallIntegerField(
        _("year founded"), null=True, blank=True, validators=[MinValueValidator(1500)]
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    languages = models.JSONField(_("languages (ISO codes)"), default=list, blank=True)
    certificates = models.JSONField(_("certificates"), default=list, blank=True)
    apprenticeships = models.JSONField(_("apprenticeships offered"), default=list, blank=True)
    offers_apprenticeships = models.BooleanField(
        _("offers apprenticeships"), default=False, editable=False
    )
    verified_by_city = models.BooleanField(_("profile checked by the city"), default=False)
    verified_at = models.DateTimeField(_("checked by the city on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminded_at = models.DateTimeField(_("last reminded to update"), null=True, blank=True)

    objects = CompanyQuerySet.as_manager()

    class Meta:
        ordering = ["provider__name", "id"]
        indexes = [models.Index(fields=["wz_section", "wz_code"])]
        verbose_name = _("company")
        verbose_name_plural = _("companies")

    def __str__(self) -> str:
        return self.provider.name

    @property
    def slug(self) -> str:
        return self.provider.slug

    @property
    def is_demo(self) -> bool:
        return self.provider.is_demo

    def clean(self) -> None:
        if self.founded_year and self.founded_year > current_year():
            raise ValidationError({"founded_year": _("The year lies in the future.")})


class Site(Address, TimeStamped):
    """A further location of a company (plant, branch, warehouse) besides its main address."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(_("name of the site"), max_length=200)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self) -> str:
        return self.name


class Product(TimeStamped):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="products")
    kind = models.CharField(_("kind"), max_length=8, choices=ProductKind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=32)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["category"])]
        verbose_name = _("product or service")
        verbose_name_plural = _("products and services")

    def __str__(self) -> str:
        return self.name


def product_upload_to(instance: "ProductImage", filename: str) -> str:
    return f"companies/{instance.product.company.provider_id}/{filename}"


class ProductImage(TimeStamped):
    """A picture of a product, re-encoded on upload; the text alternative is required."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    file = models.ImageField(
        _("image"), upload_to=product_upload_to, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("text alternative"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("product image")
        verbose_name_plural = _("product images")

    def __str__(self) -> str:
        return self.alt_text
