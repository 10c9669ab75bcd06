"""Running imports: a run reads a file, maps its records and writes them through the services.

Records are written in batches (``IMPORT_BATCH_SIZE``), each batch in one transaction
with its issues, counts and the renewal of the worker's lease (``lifecycle``): a run that
crashes or is killed leaves only whole records behind — exactly records 1…processed —
is resumed or closed by ``lifecycle.recover_stale_runs``, and running the same feed again
converges (what was written is ``unchanged``).
Offers missing from a *full* feed are withdrawn only after the whole file went through.
"""

import datetime
import hashlib
import logging
from collections.abc import Iterable
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stadt360.providers.models import Provider

from . import conf, lifecycle, reading
from .adapters import parse_feed
from .adapters.base import (
    NUL_MARK,
    Action,
    Feed,
    FeedRejected,
    MapContext,
    Options,
    RawRecord,
    Record,
    check_record_count,
    iter_batches,
    nul_field,
)
from .models import FeedSource, ImportIssue, ImportRun, IssueLevel, RunStatus, Schedule
from .targets import issue, target_for

logger = logging.getLogger(__name__)
COUNTS = ("created", "updated", "unchanged", "rejected", "skipped", "withdrawn")


def start_import(
    *,
    provider: Provider,
    content: bytes | None = None,
    file_name: str = "",
    url: str = "",
    source: FeedSource | None = None,
    format: str = "auto",
    full_feed: bool = False,
    by: Any = None,
) -> ImportRun:
    """Creates a queued run (the file is stored with it) and enqueues it after commit."""
    from .tasks import run_import_task

    with transaction.atomic():
        run = ImportRun.objects.create(
            provider=provider,
            source=source,
            started_by=by if getattr(by, "is_authenticated", False) else None,
            format=format,
            full_feed=full_feed,
            file_name=file_name[:300],
            url=url,
        )
        if content is not None:
            run.upload.save(file_name or "feed", ContentFile(content), save=True)
        transaction.on_commit(lambda: run_import_task.enqueue(run_id=run.pk))
    return run


def import_source(*, source: FeedSource, by: Any = None) -> ImportRun:
    """Queues a run of a configured feed source (its URL or its uploaded file)."""
    content = source.file.read() if source.file else None
    run = start_import(
        provider=source.provider,
        content=content,
        file_name=(source.file.name or "") if source.file else "",
        url=source.url,
        source=source,
        format=source.format,
        full_feed=source.full_feed,
        by=by,
    )
    FeedSource.objects.filter(pk=source.pk).update(last_run_at=timezone.now())
    return run


def run_import(
    *, run: ImportRun, content: bytes | None = None, parser: Any = None, by: Any = None
) -> ImportRun:
    """Executes a queued run now (the task and ``import_feed`` call this); returns it finished.

    A run interrupted before (``processed`` > 0, see ``lifecycle``) resumes after its last
    whole batch. ``parser`` replaces ``parse_feed`` (same signature), for formats registered
    elsewhere. An unexpected error marks the run failed and is raised again for the task
    backend. A run another worker holds is returned untouched.
    """
    if not lifecycle.claim(run):
        logger.warning("import run %s is not queued (%s); not run again", run.pk, run.status)
        return run
    try:
        data = content if content is not None else load_content(run)
        reading.check_size(len(data))
        reading.check_not_binary(data)
        check_same_file(run, data)
        feed = (parser or parse_feed)(data, format=run.format, options=options_for(run))
        check_record_count(len(feed.records), conf.max_records())
        begin(run, feed)
        seen = process(run, feed, by=by)
        with transaction.atomic():
            withdrawn = 0
            if run.full_feed:
                withdrawn = target_for(feed.kind).withdraw_missing(run, seen, by=by)
            run.withdrawn += withdrawn
            status = RunStatus.PARTIAL if run.rejected else RunStatus.SUCCEEDED
            lifecycle.release(
                run,
                withdrawn=run.withdrawn,
                status=status,
                finished_at=timezone.now(),
                message=summary(run),
            )
    except FileChanged as error:
        add_issues(
            run, [ImportIssue(run=run, level=IssueLevel.ERROR, code="changed", message=str(error))]
        )
        close(run, status=RunStatus.FAILED, message=str(error))
    except lifecycle.LeaseLost:
        logger.warning("import run %s was taken over after its lease expired", run.pk)
        run.refresh_from_db()
    except FeedRejected as error:
        add_issues(
            run,
            [ImportIssue(run=run, level=IssueLevel.ERROR, code=error.code, message=error.message)],
        )
        close(run, status=RunStatus.REJECTED, message=error.message)
    except Exception as error:
        logger.exception("import run %s failed", run.pk)
        message = _(
            "The import stopped because of an internal error (%(error)s). Records up to "
            "number %(done)s were saved; start it again to finish."
        ) % {
            "error": type(error).__name__,
            "done": run.processed,
        }
        close(run, status=RunStatus.FAILED, message=message)
        raise
    return run


class FileChanged(Exception):
    """A resumed run found other bytes than it began with: it cannot go on."""

    def __init__(self, run: ImportRun) -> None:
        super().__init__(
            _(
                "The file changed since this run began, so it cannot be resumed. Records 1 to "
                "%(done)s of the earlier file were saved; start a new import."
            )
            % {"done": run.processed}
        )


def close(run: ImportRun, *, status: str, message: str) -> None:
    """Ends this attempt as rejected or failed (not a run another worker took over meanwhile)."""
    values = {"status": status, "finished_at": timezone.now(), "message": message}
    ImportRun.objects.filter(pk=run.pk, attempts=run.attempts).update(
        **values, lease_expires_at=None
    )
    for key, value in values.items():
        setattr(run, key, value)


def check_same_file(run: ImportRun, data: bytes) -> None:
    """A resumed run must read the very bytes it began with (an address may serve new ones)."""
    digest = hashlib.sha256(data).hexdigest()
    if not run.content_digest:
        mark(run, content_digest=digest)
    elif run.content_digest != digest:
        raise FileChanged(run)


def begin(run: ImportRun, feed: Feed) -> None:
    """Records what the file holds and its notes (once: a resumed run has them already)."""
    if run.kind:
        if run.total != len(feed.records):
            raise FileChanged(run)
        return
    with transaction.atomic():
        lifecycle.renew(run, kind=feed.kind, total=len(feed.records), format=feed.format)
        add_issues(run, [issue(run, note, IssueLevel.WARNING) for note in feed.notes])


def load_content(run: ImportRun) -> bytes:
    if run.upload:
        with run.upload.open("rb") as stream:
            return reading.read_limited(stream)
    if run.url:
        return reading.fetch_url(run.url)
    raise FeedRejected(_("The run has neither a file nor an address."), code="no_input")


def options_for(run: ImportRun) -> Options:
    mapping = run.source.column_mapping if run.source else {}
    return Options(file_name=run.file_name or run.url, column_mapping=dict(mapping or {}))


def mark(run: ImportRun, **values: Any) -> None:
    """Saves these fields of the run at once (outside the batch transactions: live progress)."""
    for key, value in values.items():
        setattr(run, key, value)
    ImportRun.objects.filter(pk=run.pk).update(**values)


def add_issues(run: ImportRun, issues: Iterable[ImportIssue]) -> None:
    ImportIssue.objects.bulk_create(list(issues))


# --- the record loop -------------------------------------------------------------------------


def process(run: ImportRun, feed: Feed, *, by: Any) -> set[str]:
    """Maps and writes the records batch by batch; returns the external ids the feed lists.

    Each batch commits with its issues, counts and a renewed lease (``lifecycle.renew``).
    A resumed run only maps the records saved before (for the ids and duplicates) and
    writes from the first record not yet processed.
    """
    context, seen, done = MapContext(), set[str](), run.processed
    if done:
        saved = [map_record(feed, raw, context) for raw in feed.records[:done]]
        sort_records(run, saved, seen, dict.fromkeys(COUNTS, 0))
    for batch in iter_batches(feed.records, conf.batch_size(), start=done):
        records = [map_record(feed, raw, context) for raw in batch]
        counts = dict.fromkeys(COUNTS, 0)
        with transaction.atomic():
            issues = sort_records(run, records, seen, counts)
            issues += target_for(feed.kind).write(run, records, counts, by=by)
            add_issues(run, issues)
            lifecycle.renew(
                run,
                processed=run.processed + len(batch),
                **{key: getattr(run, key) + value for key, value in counts.items()},
            )
    return seen


def map_record(feed: Feed, raw: RawRecord, context: MapContext) -> Record:
    """One broken record is reported and skipped; it never stops the run."""
    try:
        record = feed.mapper(raw, context)
    except Exception:
        logger.exception("mapping %s failed", raw.position)
        return Record(position=raw.position).reject(
            _("This record could not be read."), code="unreadable"
        )
    if (field := nul_field(raw.fields)) is not None:
        # as the write API: no NUL in any text (PostgreSQL cannot store it either)
        return Record(position=raw.position, external_id=clean_id(record.external_id)).reject(
            _(
                "The field “%(field)s” contains a NUL character (a zero byte); the record was set aside."
            )
            % {"field": field or "–"},
            field=field or "",
            code="nul",
        )
    return record


def clean_id(external_id: str) -> str:
    return external_id.replace("\x00", "").replace(NUL_MARK, "")


def sort_records(run: ImportRun, records: list[Record], seen: set[str], counts: dict) -> list:
    """Rejects duplicates, counts skipped and rejected records; returns their issues."""
    issues = []
    for record in records:
        issues += [issue(run, note, IssueLevel.WARNING, record) for note in record.notes]
        if record.action in (Action.UPSERT, Action.WITHDRAW) and record.external_id in seen:
            record.reject(
                _("The id %(id)s appears more than once in the file; only the first counts.")
                % {"id": record.external_id},
                field="external_id",
                code="duplicate",
            )
        elif record.external_id:
            seen.add(record.external_id)
        if record.action == Action.REJECT:
            counts["rejected"] += 1
            issues += [issue(run, p, IssueLevel.ERROR, record) for p in record.problems]
        elif record.action == Action.SKIP:
            counts["skipped"] += 1
            issues += [issue(run, p, IssueLevel.SKIPPED, record) for p in record.problems]
    return issues


# --- the report ------------------------------------------------------------------------------


def summary(run: ImportRun) -> str:
    """One line in the clerk's words: “412 offers taken over (400 new, 12 changed), …”."""
    parts = [
        target_for(run.kind).taken_over(run),
        _("%(n)s unchanged") % {"n": run.unchanged},
        _("%(n)s rejected") % {"n": run.rejected},
    ]
    if run.skipped:
        parts.append(_("%(n)s skipped") % {"n": run.skipped})
    if run.withdrawn:
        parts.append(_("%(n)s withdrawn") % {"n": run.withdrawn})
    return ", ".join(parts)


def report(run: ImportRun) -> str:
    """The run's report: status, counts and every issue in plain words, one per line."""
    lines = [f"{run.get_status_display()}: {run.message or summary(run)}"]
    for item in run.issues.all():
        where = " ".join(
            part
            for part in (item.position, f"({item.external_id})" if item.external_id else "")
            if part
        )
        lines.append(
            f"  {item.get_level_display()} — {where + ': ' if where else ''}{item.message}"
        )
    return "\n".join(lines)


# --- scheduled sources -----------------------------------------------------------------------

SLACK = datetime.timedelta(minutes=5)
INTERVALS: dict[str, datetime.timedelta] = {
    Schedule.HOURLY: datetime.timedelta(hours=1),
    Schedule.DAILY: datetime.timedelta(days=1),
    Schedule.WEEKLY: datetime.timedelta(weeks=1),
}


def start_scheduled_imports(*, now: datetime.datetime | None = None) -> list[ImportRun]:
    """Queues a run for every active source whose schedule is due (cron calls this hourly)."""
    now = now or timezone.now()
    runs = []
    for source in FeedSource.objects.filter(active=True).exclude(schedule=Schedule.MANUAL):
        # a few minutes of slack, so an hourly cron does not skip every second hour
        if (
            source.last_run_at is None
            or source.last_run_at <= now - INTERVALS[source.schedule] + SLACK
        ):
            runs.append(import_source(source=source))
    return runs
