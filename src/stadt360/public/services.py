"""Writes of the public site: barrier reports are created here and only here."""

from django.db import transaction
from django.utils import timezone

from .models import BarrierReport, BarrierStatus


def submit_barrier_report(
    *, page_url: str, description: str, contact_email: str, language: str
) -> BarrierReport:
    """Store a report; the caller has checked consent, so the consent time is now."""
    report = BarrierReport(
        page_url=page_url.strip(),
        description=description.strip(),
        contact_email=contact_email.strip(),
        language=language,
        consented_at=timezone.now(),
    )
    report.full_clean()
    report.save()
    return report


def set_barrier_report_status(*, report: BarrierReport, status: BarrierStatus) -> BarrierReport:
    """Move a report through its workflow (new → in progress → resolved)."""
    with transaction.atomic():
        report.status = status
        report.full_clean()
        report.save(update_fields=["status", "updated_at"])
    return report
