from typing import Self

from django.db import models
from django.utils.translation import gettext_lazy as _

from stadt360.core.models import Address, TimeStamped


class ProviderKind(models.TextChoices):
    EMPLOYER = "employer", _("Employer")
    HOUSING = "housing", _("Housing company or landlord")
    CHILDCARE = "childcare", _("Childcare operator")
    SCHOOL = "school", _("School or school operator")
    CITY_OFFICE = "city_office", _("City office")
    OTHER = "other", _("Other")


class ProviderQuerySet(models.QuerySet):
    def verified(self) -> Self:
        return self.filter(verified=True)

    def of_kind(self, kind: str) -> Self:
        return self.filter(kind=kind)


class Provider(Address, TimeStamped):
    """An organisation that publishes offers. Verified providers were checked by the city."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=ProviderKind.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    verified = models.BooleanField(_("verified by the city"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = ProviderQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")

    def __str__(self) -> str:
        return self.name
