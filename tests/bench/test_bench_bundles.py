"""The bundle benchmark still runs and is exact at a tiny scale (no timing assertions)."""

import importlib.util
import os
import re
import socket
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bundles.py"


def postgres_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.bench
@pytest.mark.postgres
def test_bundles_benchmark_is_exact_at_tiny_scale(capsys: pytest.CaptureFixture[str]) -> None:
    if not postgres_up():
        if os.environ.get("STADT360_REQUIRE_SERVICES") == "1":
            pytest.fail("PostgreSQL on 127.0.0.1:5432 is required (STADT360_REQUIRE_SERVICES=1)")
        pytest.skip("PostgreSQL on 127.0.0.1:5432 is unreachable")
    spec = importlib.util.spec_from_file_location("bench_bundles", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    line = module.main(
        [
            "--scale",
            "0.01",
            "--profiles",
            "12",
            "--sql-profiles",
            "3",
            "--sql-timeout-s",
            "20",
            "--brute-profiles",
            "3",
            "--worst-profiles",
            "1",
        ]
    )
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == line
    assert re.fullmatch(
        r"bundles: p95_ms=[\d.]+ p95_3children_ms=([\d.]+|nan) p95_two_earners_ms=na "
        r"worst_ms=[\d.]+ ratio_vs_sql=\d+ exact=true",
        line,
    ), line
    assert line.endswith("exact=true")
    assert "finished" in "\n".join(out)
