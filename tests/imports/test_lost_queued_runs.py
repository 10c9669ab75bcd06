"""A queued run whose task was lost is queued again by the recovery, not left "queued" for ever.

Found by the hostile review of issue 8: the recovery only looked at *running* runs. A run
stays queued for ever (and keeps its uploaded file, since retention deletes files of
finished runs only) when its task never reaches a worker: Redis restarted without
persistence (the production task backend is RQ), or it was down when the upload committed.
Enqueuing twice is harmless: only one worker can claim a queued run.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import timezone

from stadt360.housing.models import Flat
from stadt360.imports import lifecycle
from stadt360.imports.models import ImportRun, RunStatus
from tests.imports.conftest import openimmo

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def queued_run(landlord, *, minutes_ago: int) -> ImportRun:
    """A run as ``start_import`` leaves it, whose task never ran."""
    run = ImportRun.objects.create(provider=landlord, format="openimmo", file_name="feed.xml")
    run.upload.save("feed.xml", ContentFile(openimmo(3)))
    queued_at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    ImportRun.objects.filter(pk=run.pk).update(queued_at=queued_at)
    return run


@override_settings(TASKS=IMMEDIATE, IMPORT_LEASE_SECONDS=600)
def test_a_queued_run_without_a_task_is_queued_again_and_finishes(landlord) -> None:
    lost = queued_run(landlord, minutes_ago=60)
    waiting = queued_run(landlord, minutes_ago=1)  # its task may still be on its way

    lifecycle.recover_stale_runs()

    lost.refresh_from_db()
    assert (lost.status, lost.created, lost.attempts) == (RunStatus.SUCCEEDED, 3, 1)
    assert Flat.objects.count() == 3
    assert ImportRun.objects.get(pk=waiting.pk).status == RunStatus.QUEUED
