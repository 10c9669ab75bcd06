"""Uploaded feed files are kept only as long as they help: deleted after a retention period.

``purge_import_files`` (daily, from cron or the task) deletes the files of runs finished more
than ``IMPORT_FILE_RETENTION_DAYS`` ago; the run, its counts and its report stay. A deleted
run or feed source takes its file along once the deletion is committed (also when it goes
by cascade, e.g. with its organisation: hence a signal, not a service).
"""

import datetime
from functools import partial
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from stadt360.core import audit

from .models import FeedSource, ImportRun

PURGED = "import.file_purged"


def retention_period() -> datetime.timedelta:
    return datetime.timedelta(days=settings.IMPORT_FILE_RETENTION_DAYS)


def runs_with_expired_files(*, now: datetime.datetime) -> models.QuerySet[ImportRun]:
    """Finished runs past the retention period that still hold a file."""
    cutoff = now - retention_period()
    return ImportRun.objects.exclude(upload="").filter(finished_at__lt=cutoff)


def purge_import_files(*, now: datetime.datetime | None = None) -> int:
    """Deletes expired run files (audited, one entry per run); returns how many went."""
    purged = 0
    for run in runs_with_expired_files(now=now or timezone.now()).select_related("provider"):
        storage, name = run.upload.storage, str(run.upload.name)
        with transaction.atomic():
            ImportRun.objects.filter(pk=run.pk).update(upload="")
            audit.record(run, PURGED, via="retention", changes={"upload": [name, None]})
            transaction.on_commit(partial(storage.delete, name))
        purged += 1
    return purged


def delete_file_with_object(sender: Any, instance: models.Model, **kwargs: Any) -> None:
    """post_delete of a run or source: its private file goes too, after the commit."""
    field = "upload" if isinstance(instance, ImportRun) else "file"
    file = getattr(instance, field)
    if file:
        transaction.on_commit(partial(file.storage.delete, file.name))


def connect() -> None:
    """Called from ``ImportsConfig.ready``."""
    for model in (ImportRun, FeedSource):
        models.signals.post_delete.connect(
            delete_file_with_object, sender=model, dispatch_uid=f"imports-file-{model.__name__}"
        )
