"""The life of a run: a worker holds it under a lease; an interrupted run is resumed or closed.

A worker *claims* a queued run (status running, ``attempts`` + 1, its ``host:pid`` and a
lease of ``IMPORT_LEASE_SECONDS``) and *renews* the lease inside every batch transaction,
together with the batch's progress and counts: ``processed`` is therefore exact — the
records 1…processed of the file are written, none after. A renewal that finds the run no
longer held by this attempt (it was recovered meanwhile) rolls the batch back.

A run is *stale* when its lease expired or its worker process is gone (same host, pid not
alive). ``recover_stale_runs`` (command ``recover_import_runs``, run when the worker starts
and by ``run_scheduled_imports``) queues a stale run again to be resumed from record
processed + 1, or — when it has no stored file or address, or was interrupted
``IMPORT_MAX_ATTEMPTS`` times — closes it as failed with a line in its report saying
exactly which records are live. A run still queued a lease after it was queued (its task
was lost) is enqueued again.
"""

import datetime
import os
import socket
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import conf
from .models import ImportIssue, ImportRun, IssueLevel, RunStatus


class LeaseLost(Exception):
    """This worker no longer holds the run (it was recovered and resumed or closed)."""


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:200]


def lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=conf.lease_seconds())


def lease_until(now: datetime.datetime) -> datetime.datetime:
    return now + lease()


def claim(run: ImportRun) -> bool:
    """Takes a queued run for this worker; False when another worker has it or it is done."""
    now = timezone.now()
    values: dict[str, Any] = {
        "status": RunStatus.RUNNING,
        "attempts": run.attempts + 1,
        "worker": worker_id(),
        "heartbeat_at": now,
        "lease_expires_at": lease_until(now),
        "started_at": run.started_at or now,
    }
    taken = ImportRun.objects.filter(
        pk=run.pk, attempts=run.attempts, status=RunStatus.QUEUED
    ).update(**values)
    if taken:
        for key, value in values.items():
            setattr(run, key, value)
    return bool(taken)


def renew(run: ImportRun, **values: Any) -> None:
    """Saves progress with a fresh lease; raises ``LeaseLost`` when this attempt lost the run.

    Called inside a batch's transaction, so the batch, its counts and the lease commit
    together (or, after a kill, not at all).
    """
    now = timezone.now()
    values |= {"heartbeat_at": now, "lease_expires_at": lease_until(now)}
    held = ImportRun.objects.filter(
        pk=run.pk, attempts=run.attempts, status=RunStatus.RUNNING
    ).update(**values)
    if not held:
        raise LeaseLost(run.pk)
    for key, value in values.items():
        setattr(run, key, value)


def release(run: ImportRun, **values: Any) -> None:
    """Closes this attempt with its final status (the lease ends)."""
    renew(run, **values)
    ImportRun.objects.filter(pk=run.pk).update(lease_expires_at=None)
    run.lease_expires_at = None


# --- recovery --------------------------------------------------------------------------------


def is_stale(run: ImportRun, *, now: datetime.datetime) -> bool:
    if run.status != RunStatus.RUNNING:
        return False
    if run.lease_expires_at is None:  # started before leases existed
        return run.started_at is None or run.started_at <= now - lease()
    return run.lease_expires_at <= now or worker_is_gone(run.worker)


def worker_is_gone(worker: str) -> bool:
    """True when the worker ran on this host and its process no longer exists."""
    host, _sep, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's process
        return False
    return False


def recover_stale_runs(*, now: datetime.datetime | None = None) -> list[ImportRun]:
    """Resumes or closes every stale run; returns them with their new status.

    Runs queued longer than a lease are enqueued again as well (see ``requeue_lost``).
    """
    now = now or timezone.now()
    running = ImportRun.objects.filter(status=RunStatus.RUNNING).select_related("source")
    recovered = [run for run in running if is_stale(run, now=now) and recover(run, now=now)]
    requeue_lost(now=now, besides=[run.pk for run in recovered])
    return recovered


def requeue_lost(*, now: datetime.datetime, besides: list[int] | None = None) -> int:
    """Enqueues again the runs still queued a lease after they were queued; returns how many.

    Their task may be lost (Redis restarted without persistence, or down when the upload
    committed); nothing else would ever run them. A second task for a run whose first one
    is merely late does nothing: only one worker can ``claim`` a queued run.
    """
    from .tasks import run_import_task

    waiting = ImportRun.objects.filter(status=RunStatus.QUEUED, queued_at__lte=now - lease())
    waiting = waiting.exclude(pk__in=besides or [])  # just recovered: enqueued already
    ids = list(waiting.values_list("pk", flat=True))
    for run_id in ids:
        run_import_task.enqueue(run_id=run_id)
    return len(ids)


def can_resume(run: ImportRun) -> bool:
    return bool(run.upload or run.url) and run.attempts < conf.max_attempts()


def recover(run: ImportRun, *, now: datetime.datetime) -> bool:
    """Queues the run again (it resumes after its last whole batch) or closes it as failed."""
    from .tasks import run_import_task

    where = interrupted_at(run)
    if can_resume(run):
        values: dict[str, Any] = {"status": RunStatus.QUEUED, "lease_expires_at": None}
        resume = _("It continues from record %(next)s.") % {"next": run.processed + 1}
        line = f"{where} {resume}"
    else:
        values = {"status": RunStatus.FAILED, "finished_at": now, "lease_expires_at": None}
        values["message"] = line = f"{where} {why_not(run)}"
    with transaction.atomic():
        held = ImportRun.objects.filter(
            pk=run.pk, attempts=run.attempts, status=RunStatus.RUNNING
        ).update(**values)
        if not held:
            return False  # recovered elsewhere, or it finished meanwhile
        ImportIssue.objects.create(
            run=run, level=IssueLevel.WARNING, code="interrupted", message=line
        )
        if values["status"] == RunStatus.QUEUED:
            transaction.on_commit(lambda: run_import_task.enqueue(run_id=run.pk))
    for key, value in values.items():
        setattr(run, key, value)
    return True


def interrupted_at(run: ImportRun) -> str:
    """Exactly what is live: records 1…processed of the file (as counted), none after."""
    if not run.processed:
        return _("The import was interrupted (its worker stopped) before any record was saved.")
    return _(
        "The import was interrupted (its worker stopped) after %(done)s of %(total)s records: "
        "records 1 to %(done)s of the file were saved as counted (%(created)s new, "
        "%(updated)s changed, %(unchanged)s unchanged, %(rejected)s rejected, %(skipped)s "
        "skipped) and are live; the records after them were not imported."
    ) % {
        "done": run.processed,
        "total": run.total,
        "created": run.created,
        "updated": run.updated,
        "unchanged": run.unchanged,
        "rejected": run.rejected,
        "skipped": run.skipped,
    }


def why_not(run: ImportRun) -> str:
    if not (run.upload or run.url):
        return _("The file was not stored with the run; import it again to finish.")
    return _(
        "It was interrupted %(n)s times and is not resumed again; check the file and start "
        "it again."
    ) % {"n": run.attempts}
