"""The import benchmark still runs and is exact at a tiny scale (no timing assertions)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.bench
def test_imports_benchmark_runs_and_is_exact_at_tiny_scale(tmp_path: Path) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)  # the benchmark migrates its own SQLite file
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "imports.py"), "--flats", "50", "--rounds", "1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.strip().splitlines()
    assert "exact=true" in lines
    assert re.fullmatch(r"imports: records_per_s=\d+ floor_per_s=\d+ ratio=\d+\.\d+", lines[-1]), (
        lines[-1]
    )
