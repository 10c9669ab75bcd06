"""Run ``big_household.py`` in a subprocess under a memory cap and a wall-clock limit.

Why a subprocess: the cap (RLIMIT_AS) must hold the search alone, and a search that runs
away must fail the test, not take the test runner (or the shared machine) with it.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "big_household.py"
# Address space of the whole child process (Django, NumPy, the snapshot, the search).
MEMORY_CAP = 2 * 1024**3
# Generous: the child builds its own database first; the search itself takes about a second.
WALL_SECONDS = 120


def run_capped(kind: str, children: int = 8) -> dict:
    """The JSON line the script prints; fails when it dies, overruns or is killed."""
    # The child sets RLIMIT_AS itself, first thing (no preexec_fn: forking a runner that
    # may have threads is unsafe).
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
           "STADT360_MEMORY_CAP": str(MEMORY_CAP)}  # fmt: skip
    done = subprocess.run(
        [sys.executable, str(SCRIPT), kind, str(children)],
        capture_output=True,
        text=True,
        timeout=WALL_SECONDS,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
