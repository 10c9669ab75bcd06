"""Calendar events through ``events.services``: one savepoint per event (UID).

Events are keyed by their feed source and UID (``Event.feed_source``, ``external_uid``),
so a run needs a source: a run without one (an upload in the portal, ``import_feed``)
gets its provider's source for that address, or for uploaded calendar files.
The organiser is the source's provider; whether the events are public is the publish
rule of ``events.services`` (a verified organisation) — drafts are counted and reported.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stadt360.events import services as events
from stadt360.events.models import Event, EventStatus

from ..adapters.base import Action, Problem, Record
from ..models import FeedFormat, FeedSource, ImportIssue, ImportRun, IssueLevel, Schedule
from .base import field_issues, held_back_issue, issue, taken_counts

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
                    event, outcome = upsert(source, record, by=by)
            except ValidationError as error:
                counts["rejected"] += 1
                issues += field_issues(run, Event, record, error_dict(error))
                continue
            counts[outcome] += 1
            if event is None:
                issues.append(issue(run, called_off(), IssueLevel.SKIPPED, record))
            elif event.status == EventStatus.DRAFT:
                held += 1
        return issues + self.held_back(run, held)

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
        counts = taken_counts(run)
        return (
            ngettext(
                "%(n)s event taken over (%(new)s new, %(changed)s changed)",
                "%(n)s events taken over (%(new)s new, %(changed)s changed)",
                counts["n"],
            )
            % counts
        )


def called_off() -> Problem:
    return Problem(
        _("The event is cancelled in the calendar (STATUS:CANCELLED); it was not imported."),
        "STATUS",
        "cancelled",
    )


def upsert(source: FeedSource, record: Record, *, by: Any) -> tuple[Event | None, str]:
    """One VEVENT (UID) through ``upsert_imported_event``; ``(None, "skipped")`` for an
    event the calendar calls off before it was ever imported.

    Dates the calendar cancels are left out: the service drops them, or cancels them
    (and tells the registrants) when people registered. When every date is cancelled the
    event itself is cancelled (``cancel_event``) and stays so while the calendar says so.
    """
    cancelled = set(record.data["cancelled"])
    dates = [pair for pair in record.data["dates"] if pair[0] not in cancelled]
    data = dict(record.data["event"])
    if not dates:
        current = Event.objects.filter(feed_source=source, external_uid=record.external_id)
        status = current.values_list("status", flat=True).first()
        if status is None:
            return None, "skipped"
        if status == EventStatus.CANCELLED:
            data["status"] = EventStatus.CANCELLED
    event, outcome = events.upsert_imported_event(
        feed_source=source, uid=record.external_id, data=data, dates=dates, by=by
    )
    if not dates and event.status != EventStatus.CANCELLED:
        events.cancel_event(event=event, by=by, via=f"feed-source:{source.pk}")
        outcome = "updated"
    return event, outcome if outcome in OUTCOMES else "updated"


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
