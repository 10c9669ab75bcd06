"""Finished background-task results do not stay for ever (found by the hostile review of issue 8).

The database task backend keeps every task's arguments, return value and, for a failed
task, the traceback, whose messages can name people (a refused recipient address of a
notification). Nothing pruned them; the retention deletes finished results after
``RETENTION_TASK_RESULT_DAYS`` and leaves queued and running tasks alone.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from stadt360.accounts.services import apply_retention

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def task_result(status: str, *, finished_days_ago: int | None, traceback: str = "") -> DBTaskResult:
    finished = None if finished_days_ago is None else NOW - timedelta(days=finished_days_ago)
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {"interest_id": 1}},
        task_path="stadt360.cooperation.tasks.notify_interest_recipients_task",
        backend_name="default",
        run_after=NOW,
        finished_at=finished,
        traceback=traceback,
    )


def test_finished_task_results_go_after_their_period(settings):
    settings.RETENTION_TASK_RESULT_DAYS = 30
    refused = "SMTPRecipientsRefused: {'anna@privacy.example': (550, b'no such user')}"
    task_result("FAILED", finished_days_ago=31, traceback=refused)
    task_result("SUCCESSFUL", finished_days_ago=31)
    recent = task_result("SUCCESSFUL", finished_days_ago=29)
    waiting = task_result("READY", finished_days_ago=None)

    counts = apply_retention(now=NOW)

    assert counts["task_results"] == 2
    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert left == {recent.pk, waiting.pk}
