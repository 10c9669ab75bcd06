"""A worker killed with SIGKILL mid-run: the run is resumed or closed, and what is live is exact.

The import runs in a child process (the real ``db_worker`` or ``import_feed``) that is
killed with ``kill -9`` inside the transaction of its third/second batch; then the real
recovery command and, for a resumable run, a fresh ``db_worker`` take over. The children
share the test database: PostgreSQL directly, SQLite through a file copy of the in-memory
test database that is copied back afterwards.
"""

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from stadt360.housing.models import Flat
from stadt360.imports.models import ImportRun, RunStatus
from stadt360.imports.services import report, start_import
from tests.imports.conftest import import_bytes, openimmo

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ROOT = Path(__file__).resolve().parents[2]
# Runs a management command; the renewal of the lease in batch N's transaction kills the
# process with SIGKILL (the batch's records are written but not committed).
KILLER = """
import os, signal, sys
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from stadt360.imports import lifecycle
settings.IMPORT_BATCH_SIZE = 10
real_renew, batches = lifecycle.renew, []
def renew_or_die(run, **values):
    if "processed" in values:
        batches.append(values["processed"])
        if len(batches) == int(sys.argv[1]):
            os.kill(os.getpid(), signal.SIGKILL)
    return real_renew(run, **values)
lifecycle.renew = renew_or_die
call_command(*sys.argv[2:])
"""


class SharedDatabase:
    """The test database, reachable from child processes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.file = folder / "shared.sqlite3"
        self.sqlite = connection.vendor == "sqlite"

    def env(self) -> dict[str, str]:
        settings = connection.settings_dict
        if self.sqlite:
            url = f"sqlite:///{self.file}"
        else:
            url = (
                f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@"
                f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
            )
        env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL",)}
        return env | {
            "DATABASE_URL": url,
            "STADT360_VAR_DIR": str(self.folder),
            "TASK_BACKEND": "database",
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        }

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Runs a child on the shared database; the parent sees its writes afterwards."""
        connection.ensure_connection()
        if self.sqlite:
            with closing(sqlite3.connect(self.file)) as target:
                connection.connection.backup(target)
        done = subprocess.run(
            [sys.executable, *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=ROOT,
        )
        if self.sqlite:
            with closing(sqlite3.connect(self.file)) as source:
                source.backup(connection.connection)
        return done


@pytest.fixture
def shared(tmp_path: Path, settings, transactional_db: None) -> Iterator[SharedDatabase]:
    settings.MEDIA_ROOT = tmp_path / "media"
    with override_settings(TASKS=DATABASE_TASKS):
        yield SharedDatabase(tmp_path)


def live_ids() -> list[str]:
    return sorted(Flat.objects.published().values_list("external_id", flat=True))


def first_ids(count: int) -> list[str]:
    return [f"GERA-{number:06d}" for number in range(1, count + 1)]


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_is_resumed_by_recovery_and_converges(shared, landlord) -> None:
    feed = openimmo(40)
    run = start_import(provider=landlord, content=feed, file_name="objekte.xml", full_feed=True)

    killed = shared.run("-c", KILLER, "3", "db_worker", "--batch", "--queue-name", "*")
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    run.refresh_from_db()
    # killed inside batch 3: batches 1 and 2 are live, nothing of batch 3, counts exact
    assert (run.status, run.processed, run.created, run.attempts) == (RunStatus.RUNNING, 20, 20, 1)
    assert live_ids() == first_ids(20)

    out = StringIO()
    call_command("recover_import_runs", stdout=out)  # the dead worker's pid: stale at once
    assert "1 interrupted import runs recovered" in out.getvalue()
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED
    line = run.issues.get(code="interrupted").message
    assert "after 20 of 40 records: records 1 to 20 of the file were saved" in line
    assert "continues from record 21" in line

    resumed = shared.run("-m", "stadt360.manage", "db_worker", "--batch", "--queue-name", "*")
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    run.refresh_from_db()
    assert (run.status, run.processed, run.created, run.attempts) == (
        RunStatus.SUCCEEDED,
        40,
        40,
        2,
    )
    assert live_ids() == first_ids(40)
    again = import_bytes(feed, landlord, full_feed=True)
    assert (again.created, again.updated, again.unchanged, again.withdrawn) == (0, 0, 40, 0)


@pytest.mark.django_db(transaction=True)
def test_a_killed_import_feed_is_closed_as_failed_saying_what_is_live(
    shared, landlord, tmp_path
) -> None:
    path = tmp_path / "objekte.xml"
    path.write_bytes(openimmo(30))
    killed = shared.run("-c", KILLER, "2", "import_feed", str(path), "--provider", landlord.slug)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    assert live_ids() == first_ids(10)

    call_command("recover_import_runs", stdout=StringIO())
    run = ImportRun.objects.get()
    assert (run.status, run.processed, run.created) == (RunStatus.FAILED, 10, 10)
    assert run.finished_at is not None
    text = report(run)
    assert "after 10 of 30 records: records 1 to 10 of the file were saved" in text
    assert "not stored with the run" in text
    assert call_command("recover_import_runs", stdout=StringIO()) is None
    assert ImportRun.objects.get().issues.filter(code="interrupted").count() == 1
