"""Runs the whole pytest suite on SQLite, then on PostgreSQL.

The PostgreSQL pass runs when the server is reachable, or always when
``STADT360_REQUIRE_SERVICES=1`` (CI), where an unreachable server is an error.
Browser journeys run in the SQLite pass only: they test pages, not the database.
Tests run in random order (pytest-randomly, one seed for all xdist workers of a pass): each
pass prints ``Using --randomly-seed=N`` at its top, and ``PYTEST_ADDOPTS="-p randomly
--randomly-seed=N" make test`` repeats that order (``-p no:randomly``: file order).
pytest's exit code 5 ("no tests collected") counts as a failure: a suite that
runs nothing proves nothing.
"""

import argparse
import os
import socket
import subprocess
import sys
from urllib.parse import urlsplit

NO_TESTS_COLLECTED = 5


def reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 5432), timeout=2):
            return True
    except OSError:
        return False


def pytest(label: str, extra_env: dict[str, str], args: list[str]) -> int:
    print(f"\n=== pytest on {label} ===", flush=True)
    env = {**os.environ, **extra_env}
    code = subprocess.call([sys.executable, "-m", "pytest", *args], env=env)
    if code == NO_TESTS_COLLECTED:
        print(f"pytest on {label} collected no tests – treated as a failure.", file=sys.stderr)
        return 1
    return code


def recreate_database(url: str) -> None:
    """Creates the (empty) base database; pytest-django creates and drops test_<name> itself."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", default="2")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/stadt360")
    options, rest = parser.parse_known_args()
    required = os.environ.get("STADT360_REQUIRE_SERVICES") == "1"
    common = ["-n", options.workers, "--dist", "loadfile", *rest]

    failures = pytest("SQLite", {"DATABASE_URL": "", "REDIS_URL": ""}, common)
    if not reachable(options.pg_url):
        if required:
            print(f"PostgreSQL at {options.pg_url} is required but unreachable.", file=sys.stderr)
            return 1
        print(f"\nSkipping the PostgreSQL pass: {options.pg_url} is unreachable.")
        return failures
    recreate_database(options.pg_url)
    try:
        pg_env = {"DATABASE_URL": options.pg_url, "REDIS_URL": ""}
        failures |= pytest("PostgreSQL", pg_env, [*common, "-m", "not browser and not bench"])
    finally:
        drop_database(options.pg_url)
    return failures


if __name__ == "__main__":
    sys.exit(main())
