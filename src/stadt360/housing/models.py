from decimal import Decimal
from typing import Any, ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from stadt360.core.models import Offer, OfferQuerySet

MONEY: dict[str, Any] = {"max_digits": 8, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class PetPolicy(models.TextChoices):
    ALLOWED = "allowed", _("Pets allowed")
    ON_REQUEST = "on_request", _("Pets on request")
    NOT_ALLOWED = "not_allowed", _("No pets")


class FlatQuerySet(OfferQuerySet):
    def warm_rent_at_most(self, amount: Decimal | int) -> "FlatQuerySet":
        return self.alias(
            warm=models.F("cold_rent") + models.F("service_costs") + models.F("heating_costs")
        ).filter(warm__lte=amount)


FlatManager = models.Manager.from_queryset(FlatQuerySet)


class Flat(Offer):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    rooms = models.DecimalField(
        _("rooms"), max_digits=3, decimal_places=1, validators=[MinValueValidator(1)]
    )
    living_space = models.DecimalField(
        _("living space (m²)"), max_digits=6, decimal_places=2, validators=[MinValueValidator(5)]
    )
    cold_rent = models.DecimalField(_("cold rent (€/month)"), **MONEY)
    service_costs = models.DecimalField(_("service costs (€/month)"), default=0, **MONEY)
    heating_costs = models.DecimalField(_("heating costs (€/month)"), default=0, **MONEY)
    deposit = models.DecimalField(_("deposit (€)"), null=True, blank=True, **MONEY)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    floor = models.SmallIntegerField(
        _("floor"), null=True, blank=True, validators=[MinValueValidator(-2), MaxValueValidator(60)]
    )
    lift = models.BooleanField(_("lift"), default=False)
    balcony = models.BooleanField(_("balcony or terrace"), default=False)
    step_free = models.BooleanField(_("step-free access"), default=False)
    pets = models.CharField(
        _("pets"), max_length=12, choices=PetPolicy.choices, default=PetPolicy.ON_REQUEST
    )
    wbs_required = models.BooleanField(
        _("housing entitlement certificate (WBS) required"), default=False
    )

    objects: ClassVar[FlatManager] = FlatManager()

    class Meta(Offer.Meta):
        ordering = ["-updated_at", "id"]
        verbose_name = _("flat")
        verbose_name_plural = _("flats")

    def __str__(self) -> str:
        return self.title

    @property
    def warm_rent(self) -> Decimal:
        return self.cold_rent + self.service_costs + self.heating_costs
