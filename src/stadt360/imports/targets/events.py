"""Calendar events through ``events.services``: one savepoint per event (UID).

Events are keyed by their feed source and UID (``Event.feed_source``, ``external_uid``),
so a run needs a source: a run without one (an upload in the portal, ``import_feed``)
gets its provider's source for that address, or for uploaded calendar files.
The organiser is the source's provider; whether the events are public is the publish
rule of ``events.services`` (a verified organisation) — drafts are counted and reported.
"""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stadt360.events import services as events
from stadt360.events.models import DateStatus, Event, EventStatus

from ..adapters.base import Action, Record
from ..models import FeedFormat, FeedSource, ImportIssue, ImportRun, Schedule
from .base import field_issues, held_back_issue

EVENT_KIND = "event"
OUTCOMES = ("created", "updated", "unchanged")


class EventTarget:
    def write(
        self, run: ImportRun, records: list[Record], counts: dict[str, int], *, by: Any
    ) -> list[ImportIssue]:
        source = feed_source(run)
        issues: list[ImportIssue] = []
        held = 0
        for record in records:
            if record.action != Action.UPSERT:
                continue
            try:
                with transaction.atomic():
                    event, outcome = self.upsert(source, record, by=by)
            except ValidationError as error:
                counts["rejected"] += 1
                issues += field_issues(run, Event, record, error_dict(error))
                continue
            counts[outcome] += 1
            held += event.status == EventStatus.DRAFT
        return issues + self.held_back(run, held)

    def upsert(self, source: FeedSource, record: Record, *, by: Any) -> tuple[Event, str]:
        event, outcome = events.upsert_imported_event(
            feed_source=source,
            uid=record.external_id,
            data=record.data["event"],
            dates=record.data["dates"],
            by=by,
        )
        if cancel_dates(event, record.data["cancelled"], by=by) and outcome == "unchanged":
            outcome = "updated"
        return event, outcome if outcome in OUTCOMES else "updated"

    def held_back(self, run: ImportRun, held: int) -> list[ImportIssue]:
        if not held:
            return []
        message = ngettext(
            "%(n)s event was saved as a draft and is not public: the city has not verified "
            "your organisation yet. Once it has, you can publish it in the portal.",
            "%(n)s events were saved as drafts and are not public: the city has not verified "
            "your organisation yet. Once it has, you can publish them in the portal.",
            held,
        ) % {"n": held}
        return [held_back_issue(run, message)]

    def withdraw_missing(self, run: ImportRun, seen: set[str], *, by: Any) -> int:
        return events.withdraw_imported_events(feed_source=feed_source(run), keep_uids=seen)

    def taken_over(self, run: ImportRun) -> str:
        taken = run.created + run.updated
        return ngettext(
            "%(n)s event taken over (%(new)s new, %(changed)s changed)",
            "%(n)s events taken over (%(new)s new, %(changed)s changed)",
            taken,
        ) % {"n": taken, "new": run.created, "changed": run.updated}


def cancel_dates(event: Event, starts: list[datetime], *, by: Any) -> int:
    """Cancels the dates the calendar marks STATUS:CANCELLED (registrants are told)."""
    dates = event.dates.filter(starts_at__in=starts).exclude(status=DateStatus.CANCELLED)
    cancelled = 0
    for date in dates:
        events.cancel_date(date=date, by=by)
        cancelled += 1
    return cancelled


def error_dict(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


def feed_source(run: ImportRun) -> FeedSource:
    """The run's source; for a run without one, the provider's source of this address (or of
    uploaded calendar files), created the first time and kept on the run."""
    if run.source is not None:
        return run.source
    sources = FeedSource.objects.filter(provider=run.provider, url=run.url, file="")
    source = sources.filter(format__in=[FeedFormat.ICAL, FeedFormat.AUTO]).order_by("pk").first()
    if source is None:
        source = FeedSource.objects.create(
            provider=run.provider,
            name=run.url[:200] or _("Uploaded calendar files"),
            format=FeedFormat.ICAL,
            url=run.url,
            schedule=Schedule.MANUAL,
            full_feed=run.full_feed,
        )
    ImportRun.objects.filter(pk=run.pk).update(source=source)
    run.source = source
    return source
