import datetime
from typing import ClassVar, Self

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from stadt360.core.models import Offer, OfferQuerySet


class Concept(models.TextChoices):
    SITUATIONAL = "situational", _("Situational approach")
    OPEN = "open", _("Open work")
    MONTESSORI = "montessori", _("Montessori")
    WALDORF = "waldorf", _("Waldorf")
    REGGIO = "reggio", _("Reggio")
    FOREST = "forest", _("Forest kindergarten")
    BILINGUAL = "bilingual", _("Bilingual")
    OTHER = "other", _("Other")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class KitaQuerySet(OfferQuerySet):
    def with_free_places(self, age_months: int, date: datetime.date) -> Self:
        """Kitas with at least one free place for a child of this age from ``date`` on."""
        places = FreePlace.objects.filter(kita=models.OuterRef("pk")).for_child(age_months, date)
        return self.filter(models.Exists(places))


KitaManager = models.Manager.from_queryset(KitaQuerySet)


class Kita(Offer):
    """A Kindertageseinrichtung; the provider is its operator (Träger)."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveSmallIntegerField(_("places in total"))
    age_from_months = models.PositiveSmallIntegerField(
        _("children from (months)"), default=0, validators=[MaxValueValidator(180)]
    )
    age_to_months = models.PositiveSmallIntegerField(
        _("children up to (months)"), default=78, validators=[MaxValueValidator(180)]
    )
    concept = models.CharField(
        _("concept"), max_length=12, choices=Concept.choices, default=Concept.SITUATIONAL
    )
    languages = models.JSONField(_("languages (ISO codes)"), default=list, blank=True)
    inclusive = models.BooleanField(_("inclusive care"), default=False)
    monthly_fee = models.DecimalField(
        _("monthly parental fee (€), if known"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    objects: ClassVar[KitaManager] = KitaManager()

    class Meta(Offer.Meta):
        ordering = ["name", "id"]
        verbose_name = _("Kita")
        verbose_name_plural = _("Kitas")
        constraints = [
            *Offer.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(age_from_months__lt=models.F("age_to_months")),
                name="kita_age_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class OpeningHours(models.Model):
    kita = models.ForeignKey(Kita, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.UniqueConstraint(fields=["kita", "weekday"], name="opening_hours_once_a_day"),
            models.CheckConstraint(
                condition=models.Q(opens__lt=models.F("closes")), name="opening_hours_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class FreePlaceQuerySet(models.QuerySet):
    def for_child(self, age_months: int, date: datetime.date) -> Self:
        return self.filter(
            min_age_months__lte=age_months,
            max_age_months__gt=age_months,
            available_from__lte=date,
            count__gt=0,
        )


class FreePlace(models.Model):
    """Free places for an age group from a date on (as the operator reports them)."""

    kita = models.ForeignKey(Kita, on_delete=models.CASCADE, related_name="free_places")
    min_age_months = models.PositiveSmallIntegerField(_("from age (months)"))
    max_age_months = models.PositiveSmallIntegerField(_("below age (months)"))
    available_from = models.DateField(_("free from"))
    count = models.PositiveSmallIntegerField(
        _("number of places"), validators=[MinValueValidator(1)]
    )

    objects = FreePlaceQuerySet.as_manager()

    class Meta:
        ordering = ["available_from", "min_age_months"]
        verbose_name = _("free place")
        verbose_name_plural = _("free places")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_age_months__lt=models.F("max_age_months")),
                name="free_place_age_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.count} × {self.min_age_months}–{self.max_age_months} Mon. ab {self.available_from}"
