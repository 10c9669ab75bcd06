"""bench/pages.py still runs: tiny scale, few requests, every request answered correctly."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAST_LINE = re.compile(
    r"^pages: results_rps=\d+(\.\d+)? floor_rps=\d+(\.\d+)? ratio=\d+(\.\d+)? p95_ms=\d+$"
)


@pytest.mark.bench
def test_the_pages_benchmark_runs_and_every_request_succeeds() -> None:
    command = [sys.executable, "bench/pages.py", "--users", "3", "--requests", "6", "--rounds", "1"]
    run = subprocess.run(
        [*command, "--scale", "0.1"], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.strip().splitlines()
    assert LAST_LINE.match(lines[-1]), lines[-1]
    assert "failed=0" in run.stdout
    assert re.search(r"round 1 results: .* failed 0", run.stdout)
    assert re.search(r"round 1 floor: .* failed 0", run.stdout)
