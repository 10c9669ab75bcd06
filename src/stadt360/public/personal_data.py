"""Barrier reports hold a reply address; matched to a person by their verified addresses.

Registered with ``accounts.privacy``. As the privacy page says, a report is deleted once
it is resolved (``RETENTION_BARRIER_REPORT_DAYS`` after it was marked resolved).
"""

from datetime import datetime

from django.db.models import QuerySet

from stadt360.accounts.privacy import (
    Person,
    PersonalData,
    RetentionRule,
    by_address,
    register,
    register_retention,
    rows,
)

from .models import BarrierReport, BarrierStatus


def _reports_of(person: Person) -> QuerySet[BarrierReport]:
    return BarrierReport.objects.filter(by_address("contact_email", person))


def _erase_reports(person: Person) -> None:
    """The barrier stays reported (the city still has to remove it); the reply address goes."""
    _reports_of(person).update(contact_email="")


def _delete_resolved(cutoff: datetime) -> int:
    resolved = BarrierReport.objects.filter(status=BarrierStatus.RESOLVED, updated_at__lt=cutoff)
    return resolved.delete()[0]


register(
    PersonalData(
        key="barrier_reports",
        models=("public.BarrierReport",),
        export=lambda person: rows(
            _reports_of(person),
            ["page_url", "description", "contact_email", "language", "status", "created_at"],
        ),
        erase=_erase_reports,
    )
)
register_retention(
    RetentionRule(
        key="barrier_reports", setting="RETENTION_BARRIER_REPORT_DAYS", apply=_delete_resolved
    )
)
