"""A worker killed with SIGKILL mid-run: the run is resumed or closed, and what is live is exact.

The import runs in a child process (the real ``db_worker`` or ``import_feed``) that is
killed with ``kill -9`` inside the transaction of its third/second batch; then the real
recovery command and, for a resumable run, a fresh ``db_worker`` take over. The children
share the test database (``conftest.SharedDatabase``).
"""

import datetime
import os
import signal
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from stadt360.housing.models import Flat
from stadt360.imports import lifecycle
from stadt360.imports.adapters import parse_feed
from stadt360.imports.models import ImportRun, RunStatus
from stadt360.imports.services import report, run_import, start_import
from tests.imports.conftest import ROOT, import_bytes, openimmo

# Runs a management command; the renewal of the lease in batch N's transaction kills the
# process with SIGKILL (the batch's records are written but not committed).
KILLER = """
import os, signal, sys
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
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
    assert "nach 20 von 40 Datensätzen unterbrochen" in line  # the report is German
    assert "Die Datensätze 1 bis 20 der Datei wurden wie gezählt gespeichert" in line
    assert "ab Datensatz 21 fortgesetzt" in line

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
    assert "nach 10 von 30 Datensätzen unterbrochen" in text  # the report is German
    assert "Die Datensätze 1 bis 10 der Datei wurden wie gezählt gespeichert" in text
    assert "nicht mit dem Lauf gespeichert" in text
    assert call_command("recover_import_runs", stdout=StringIO()) is None
    assert ImportRun.objects.get().issues.filter(code="interrupted").count() == 1


def worker_child(supervisor: subprocess.Popen[str]) -> int | None:
    """The pid of the supervisor's running ``db_worker`` child, if there is one."""
    children = Path(f"/proc/{supervisor.pid}/task/{supervisor.pid}/children")
    for pid in children.read_text().split() if children.exists() else []:
        try:
            if b"db_worker" in Path(f"/proc/{pid}/cmdline").read_bytes():
                return int(pid)
        except FileNotFoundError:
            continue
    return None


def wait_for_worker(supervisor: subprocess.Popen[str], *, other_than: int | None = None) -> int:
    import time

    for _attempt in range(600):  # at most a minute on a busy machine
        pid = worker_child(supervisor)
        if pid is not None and pid != other_than:
            return pid
        assert supervisor.poll() is None, "the supervisor itself stopped"
        time.sleep(0.1)
    raise AssertionError("no db_worker was started")


@pytest.mark.django_db(transaction=True)
def test_the_worker_supervisor_restarts_a_killed_worker(shared) -> None:
    shared.export()
    supervisor = subprocess.Popen(
        [str(ROOT / "scripts" / "worker.sh")],
        env=shared.env() | {"BIN": str(Path(sys.executable).parent)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        first = wait_for_worker(supervisor)
        os.kill(first, signal.SIGKILL)
        second = wait_for_worker(supervisor, other_than=first)
        assert second != first
    finally:
        supervisor.terminate()
        out, err = supervisor.communicate(timeout=60)
    assert supervisor.returncode == 0
    assert f"db_worker stopped (exit {128 + signal.SIGKILL}); restarting in 1 s" in err
    assert out.count("interrupted import runs recovered") == 2  # before each start


class RecoveredMidRun(list):
    """Records whose second batch is read only after the run was recovered elsewhere (its
    lease expired while this worker was slow)."""

    def __init__(self, records: list, run: ImportRun) -> None:
        super().__init__(records)
        self.run = run

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        if isinstance(index, slice) and index.start == 10:
            later = timezone.now() + datetime.timedelta(hours=1)
            assert lifecycle.recover_stale_runs(now=later) == [self.run]
        return super().__getitem__(index)


@pytest.mark.django_db
@override_settings(IMPORT_BATCH_SIZE=10)
def test_a_slow_worker_that_lost_its_lease_writes_nothing_more_and_the_run_resumes(
    landlord,
) -> None:
    feed = openimmo(30)
    run = ImportRun.objects.create(
        provider=landlord, file_name="feed.xml", url="https://feeds.example/objekte.xml"
    )

    def parse(content: bytes, *, format: str, options):  # type: ignore[no-untyped-def]
        parsed = parse_feed(content, format=format, options=options)
        parsed.records = RecoveredMidRun(list(parsed.records), run)
        return parsed

    slow = run_import(run=run, content=feed, parser=parse)
    # its second batch was rolled back at the renewal of the lease it no longer held
    assert (slow.status, slow.processed, slow.created, slow.attempts) == (
        RunStatus.QUEUED,
        10,
        10,
        1,
    )
    assert Flat.objects.count() == 10
    resumed = run_import(run=ImportRun.objects.get(pk=run.pk), content=feed)
    assert (resumed.status, resumed.processed, resumed.created, resumed.attempts) == (
        RunStatus.SUCCEEDED,
        30,
        30,
        2,
    )
    assert Flat.objects.count() == 30


@pytest.mark.django_db
def test_a_run_is_not_resumed_with_another_file(landlord) -> None:
    run = ImportRun.objects.create(provider=landlord, url="https://feeds.example/objekte.xml")
    ImportRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING,
        attempts=1,
        processed=10,
        total=30,
        kind="flat",
        content_digest="0" * 64,
        worker="elsewhere:1",
        lease_expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    assert [r.pk for r in lifecycle.recover_stale_runs()] == [run.pk]
    resumed = run_import(run=ImportRun.objects.get(pk=run.pk), content=openimmo(30))
    assert resumed.status == RunStatus.FAILED
    assert resumed.issues.filter(code="changed").exists()
    assert Flat.objects.count() == 0


@pytest.mark.django_db
def test_a_live_worker_keeps_its_run(landlord) -> None:
    run = ImportRun.objects.create(provider=landlord, url="https://feeds.example/objekte.xml")
    assert lifecycle.claim(run)
    assert lifecycle.recover_stale_runs() == []  # lease valid, process alive
    assert not lifecycle.claim(ImportRun.objects.get(pk=run.pk))  # nobody takes it twice
