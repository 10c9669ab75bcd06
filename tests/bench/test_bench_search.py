"""The search benchmark still runs at a tiny scale and prints its last line (no timing asserts)."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "search.py"


def postgres_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.bench
@pytest.mark.postgres
def test_search_benchmark_runs_at_tiny_scale() -> None:
    if not postgres_up():
        if os.environ.get("STADT360_REQUIRE_SERVICES") == "1":
            pytest.fail("PostgreSQL on 127.0.0.1:5432 is required (STADT360_REQUIRE_SERVICES=1)")
        pytest.skip("PostgreSQL on 127.0.0.1:5432 is unreachable")
    # Its own process: the benchmark configures Django for its own database.
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, str(BENCH), "--scale", "0.002", "--rounds", "1"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    last = done.stdout.strip().splitlines()[-1]
    assert last.startswith("search: p95_ms=")
    keys = [pair.split("=")[0] for pair in last.removeprefix("search: ").split()]
    assert keys == ["p95_ms", "tantivy_p95_ms", "pg_p95_ms", "ndcg", "tantivy_ndcg", "pg_ndcg"]
