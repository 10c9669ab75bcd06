"""bench/events.py still runs at a tiny scale and keeps every capacity exactly (no timings)."""

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAST_LINE = re.compile(r"^events: register_p95_ms=\d+ confirmed_exact=(true|false)$")


def run_bench(*extra: str) -> str:
    # Its own process: the benchmark configures Django for its own throw-away database.
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    command = [sys.executable, "bench/events.py", "--dates", "3", "--clients", "8", "--rounds", "2"]
    done = subprocess.run(
        [*command, *extra], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr[-3000:]
    last = done.stdout.strip().splitlines()[-1]
    assert LAST_LINE.match(last), done.stdout[-3000:]
    return done.stdout


@pytest.mark.bench
def test_the_events_benchmark_keeps_capacities_exactly_on_sqlite() -> None:
    output = run_bench("--sqlite")
    assert output.startswith("SQLite: 3 dates")
    assert output.strip().endswith("confirmed_exact=true"), output[-3000:]
    assert "MISMATCH" not in output


@pytest.mark.bench
@pytest.mark.postgres
def test_the_events_benchmark_keeps_capacities_exactly_on_postgresql() -> None:
    output = run_bench()
    assert output.startswith("PostgreSQL: 3 dates")
    assert output.strip().endswith("confirmed_exact=true"), output[-3000:]


def load_bench() -> ModuleType:
    """bench/events.py as a module (it imports its sibling bench/pages.py)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        spec = importlib.util.spec_from_file_location("bench_events", ROOT / "bench" / "events.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return module


def test_the_check_finds_an_exceeded_capacity_and_a_wrong_position() -> None:
    bench = load_bench()
    rows = [
        {"email": "a", "status": "confirmed"},
        {"email": "b", "status": "confirmed"},
        {"email": "c", "status": "waitlisted"},
    ]
    answered = {
        "a": {"status": "confirmed", "position": None},
        "b": {"status": "confirmed", "position": None},
        "c": {"status": "waitlisted", "position": 1},
    }
    assert bench.check_date(1, 2, rows, answered) == []
    assert bench.check_date(1, 1, rows, answered)  # one more confirmed than places
    answered["c"] = {"status": "waitlisted", "position": 2}
    assert bench.check_date(1, 2, rows, answered)
