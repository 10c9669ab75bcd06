"""Reads for the portal: what needs the clerk's attention, and offers by status."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone

from stadt360.core.choices import OfferStatus
from stadt360.core.models import AuditEntry
from stadt360.imports.models import ImportRun, RunStatus
from stadt360.offers.registry import OfferKind, registry
from stadt360.providers.models import Provider

EXPIRY_WINDOW_DAYS = 14


@dataclass
class KindSummary:
    kind: OfferKind
    counts: dict[str, int]
    expiring: list[Any] = field(default_factory=list)
    drafts: list[Any] = field(default_factory=list)


def offers_of(kind: OfferKind, provider: Provider) -> models.QuerySet:
    return kind.model._default_manager.filter(provider=provider)


def expiring_soon(queryset: models.QuerySet, today: datetime.date) -> models.QuerySet:
    end = today + datetime.timedelta(days=EXPIRY_WINDOW_DAYS)
    return queryset.filter(
        status=OfferStatus.PUBLISHED, valid_until__gte=today, valid_until__lte=end
    ).order_by("valid_until", "pk")


def status_counts(queryset: models.QuerySet) -> dict[str, int]:
    counts = dict(queryset.values_list("status").annotate(n=models.Count("pk")).order_by())
    return {status: counts.get(status, 0) for status in OfferStatus.values}


def attention(provider: Provider) -> list[KindSummary]:
    """Per kind: counts by status, offers ending within 14 days, drafts (10 each at most)."""
    today = timezone.localdate()
    summaries = []
    for kind in registry:
        offers = offers_of(kind, provider)
        summaries.append(
            KindSummary(
                kind=kind,
                counts=status_counts(offers),
                expiring=list(expiring_soon(offers, today)[:10]),
                drafts=list(
                    offers.filter(status=OfferStatus.DRAFT).order_by("-updated_at", "pk")[:10]
                ),
            )
        )
    return summaries


def problem_imports(provider: Provider) -> list[Any]:
    """The organisation's failed, rejected or partial feed imports, newest first."""
    problems = [RunStatus.PARTIAL, RunStatus.FAILED, RunStatus.REJECTED]
    return list(ImportRun.objects.filter(provider=provider, status__in=problems)[:10])


def audit_entries(provider: Provider) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(provider=provider).select_related("actor")
