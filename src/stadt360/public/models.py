"""Barrier feedback: the report channel the BITV 2.0 accessibility statement must offer."""

from typing import Self

from django.db import models
from django.utils.translation import gettext_lazy as _

from stadt360.core.models import TimeStamped


class BarrierStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")


class BarrierReportQuerySet(models.QuerySet):
    def open(self) -> Self:
        """Reports staff still have to act on."""
        return self.exclude(status=BarrierStatus.RESOLVED)

    def with_status(self, status: str) -> Self:
        return self.filter(status=status)


class BarrierReport(TimeStamped):
    """A person's report of an accessibility barrier on the site; staff work through them."""

    page_url = models.CharField(_("page address"), max_length=500)
    description = models.TextField(_("description of the barrier"), max_length=5000)
    contact_email = models.EmailField(_("e-mail for a reply"), blank=True)
    language = models.CharField(_("language of the page"), max_length=8)
    status = models.CharField(
        _("status"), max_length=12, choices=BarrierStatus.choices, default=BarrierStatus.NEW
    )
    consented_at = models.DateTimeField(_("consent given at"))

    objects = BarrierReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("barrier report")
        verbose_name_plural = _("barrier reports")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.page_url} ({self.get_status_display()})"
