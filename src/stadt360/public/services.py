"""Writes of the public site: barrier reports are created here and only here."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from stadt360.accounts.throttle import address_block, hit

from .models import BarrierReport, BarrierStatus

DEFAULT_REPORTS_PER_HOUR = 5  # per client address; a person rarely finds more at once
REPORT_WINDOW_SECONDS = 3600


class TooManyReports(ValidationError):
    """The sender's address sent its hourly share of reports; nothing was stored."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        minutes = max(1, -(-retry_after // 60))
        super().__init__(
            ngettext(
                "You have sent several reports in a short time. Your report has not been "
                "stored yet: please send it again in %(minutes)s minute. Your text is "
                "still in the form.",
                "You have sent several reports in a short time. Your report has not been "
                "stored yet: please send it again in %(minutes)s minutes. Your text is "
                "still in the form.",
                minutes,
            ),
            code="rate_limited",
            params={"minutes": minutes},
        )


def submit_barrier_report(
    *, page_url: str, description: str, contact_email: str, language: str, sender_ip: str
) -> BarrierReport:
    """Store a report; the caller has checked consent, so the consent time is now.

    At most ``STADT360_BARRIER_REPORTS_PER_HOUR`` reports per sender address and hour
    (``sender_ip`` from ``accounts.throttle.client_ip``; IPv6 counted per /64); beyond that
    :class:`TooManyReports` and nothing is stored. The address itself is not stored.
    """
    limit = getattr(settings, "STADT360_BARRIER_REPORTS_PER_HOUR", DEFAULT_REPORTS_PER_HOUR)
    sent = hit("barrier-report", address_block(sender_ip), window=REPORT_WINDOW_SECONDS)
    if sent.over(limit):
        raise TooManyReports(sent.retry_after)
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
