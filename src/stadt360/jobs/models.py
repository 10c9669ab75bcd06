from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from stadt360.core.models import Offer, OfferQuerySet


class Occupation(models.Model):
    """A KldB 2010 (revision 2020) class; ``code`` keeps its leading zeros (01104)."""

    code = models.CharField(_("KldB 2010 code"), max_length=5, unique=True)
    level = models.PositiveSmallIntegerField(_("level"))
    title = models.CharField(_("title"), max_length=300)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")
    MINI_JOB = "mini_job", _("Mini-job")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")


class JobQuerySet(OfferQuerySet):
    def paying_at_least(self, monthly_gross: int) -> "JobQuerySet":
        return self.filter(salary_max__gte=monthly_gross)


JobManager = models.Manager.from_queryset(JobQuerySet)


class Job(Offer):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    occupation = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, null=True, blank=True, related_name="jobs"
    )
    employment_type = models.CharField(
        _("employment type"), max_length=16, choices=EmploymentType.choices
    )
    weekly_hours = models.DecimalField(
        _("hours per week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    shift_start = models.TimeField(_("usual start of work"), null=True, blank=True)
    shift_end = models.TimeField(_("usual end of work"), null=True, blank=True)
    salary_min = models.PositiveIntegerField(
        _("gross monthly salary from (€)"), null=True, blank=True
    )
    salary_max = models.PositiveIntegerField(
        _("gross monthly salary up to (€)"), null=True, blank=True
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    remote_share = models.PositiveSmallIntegerField(
        _("share of remote work (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    requirements = models.TextField(_("requirements"), blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    languages = models.JSONField(_("languages (ISO codes)"), default=list, blank=True)

    objects: ClassVar[JobManager] = JobManager()

    class Meta(Offer.Meta):
        ordering = ["-updated_at", "id"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        constraints = [
            *Offer.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(salary_min__isnull=True)
                | models.Q(salary_max__isnull=True)
                | models.Q(salary_min__lte=models.F("salary_max")),
                name="job_salary_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title
