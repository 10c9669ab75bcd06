from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from stadt360.core.models import Offer, OfferQuerySet


class SchoolType(models.TextChoices):
    GRUNDSCHULE = "grundschule", _("Primary school (Grundschule)")
    REGELSCHULE = "regelschule", _("Regelschule")
    GYMNASIUM = "gymnasium", _("Gymnasium")
    GEMEINSCHAFTSSCHULE = "gemeinschaftsschule", _("Community school (Gemeinschaftsschule)")
    FOERDERSCHULE = "foerderschule", _("Special needs school (Förderschule)")
    BERUFSBILDEND = "berufsbildend", _("Vocational school")


class SchoolQuerySet(OfferQuerySet):
    def teaching_grade(self, grade: int) -> "SchoolQuerySet":
        return self.filter(grade_from__lte=grade, grade_to__gte=grade)


SchoolManager = models.Manager.from_queryset(SchoolQuerySet)


class School(Offer):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    school_type = models.CharField(_("type of school"), max_length=20, choices=SchoolType.choices)
    grade_from = models.PositiveSmallIntegerField(
        _("from grade"), validators=[MinValueValidator(1), MaxValueValidator(13)]
    )
    grade_to = models.PositiveSmallIntegerField(
        _("up to grade"), validators=[MinValueValidator(1), MaxValueValidator(13)]
    )
    all_day_care = models.BooleanField(_("all-day care (Hort/Ganztag)"), default=False)
    languages = models.JSONField(_("languages taught (ISO codes)"), default=list, blank=True)

    objects: ClassVar[SchoolManager] = SchoolManager()

    class Meta(Offer.Meta):
        ordering = ["name", "id"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        constraints = [
            *Offer.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(grade_from__lte=models.F("grade_to")),
                name="school_grades_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name
