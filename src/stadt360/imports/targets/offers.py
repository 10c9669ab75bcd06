"""Offers (flats, jobs, Kitas, schools …) through ``offers.services``, in bulk per batch."""

from typing import Any

from django.utils.translation import ngettext

from stadt360.core.choices import OfferStatus
from stadt360.offers import services as offers

from ..adapters.base import Action, Record
from ..models import ImportIssue, ImportRun
from .base import field_issues, held_back_issue, taken_counts


class OfferTarget:
    def __init__(self, kind: str) -> None:
        self.kind = kind

    def write(
        self, run: ImportRun, records: list[Record], counts: dict[str, int], *, by: Any
    ) -> list[ImportIssue]:
        upserts = [r for r in records if r.action == Action.UPSERT]
        by_id = {r.external_id: r for r in upserts}
        results = offers.upsert_many(
            kind=self.kind,
            provider=run.provider,
            items=[(r.external_id, r.data) for r in upserts],
            by=by,
            via=run.via,
        )
        issues = self.held_back(run, results)
        model = offers.get_kind(self.kind).model
        for result in results:
            if result.outcome is not None:
                counts[result.outcome.value] += 1
                continue
            counts["rejected"] += 1
            issues += field_issues(run, model, by_id[result.external_id], result.errors)
        for record in records:
            if record.action == Action.WITHDRAW:
                counts["withdrawn"] += self.withdraw(run, record.external_id, by=by)
        return issues

    def held_back(self, run: ImportRun, results: list[offers.UpsertResult]) -> list[ImportIssue]:
        """One line per batch when the publish rule kept offers of an unverified provider drafts."""
        held = sum(1 for result in results if result.held_back)
        if not held:
            return []
        message = ngettext(
            "%(n)s offer was saved as a draft and is not public: the city has not verified your "
            "organisation yet. Once it has, you can publish it in the portal.",
            "%(n)s offers were saved as drafts and are not public: the city has not verified your "
            "organisation yet. Once it has, you can publish them in the portal.",
            held,
        ) % {"n": held}
        return [held_back_issue(run, message)]

    def withdraw(self, run: ImportRun, external_id: str, *, by: Any) -> int:
        offer = (
            offers.get_kind(self.kind)
            .model.objects.filter(provider=run.provider, external_id=external_id)
            .exclude(status=OfferStatus.ARCHIVED)
            .first()
        )
        if offer is None:
            return 0
        offers.withdraw_offer(offer=offer, by=by, via=run.via)
        return 1

    def withdraw_missing(self, run: ImportRun, seen: set[str], *, by: Any) -> int:
        return offers.withdraw_missing(
            kind=self.kind, provider=run.provider, seen_external_ids=seen, by=by, via=run.via
        )

    def taken_over(self, run: ImportRun) -> str:
        counts = taken_counts(run)
        return (
            ngettext(
                "%(n)s offer taken over (%(new)s new, %(changed)s changed)",
                "%(n)s offers taken over (%(new)s new, %(changed)s changed)",
                counts["n"],
            )
            % counts
        )
