"""Concurrent registrations over HTTP: capacity kept exactly, latency against a plain GET.

Creates a throw-away database – PostgreSQL on 127.0.0.1:5432 when reachable (database
``stadt360_events_bench_<pid>``, dropped afterwards), else a SQLite file – with ``--dates``
dates (default 20) of published events, capacities 10–50 drawn from a fixed seed. Each date
gets its capacity plus an overbooking share of registrations, so every date ends full with
a waiting list (about 900 registrations at the defaults, at least 500).

The app runs in a child process on the threaded stdlib WSGI server of ``bench/pages.py``
(127.0.0.1, no extra dependency; the registration limit per address raised in that process
only, since every request comes from 127.0.0.1). ``--clients`` threads (default 50) fire
``POST /api/v1/events/{date_id}/registrations`` in shuffled order, all at once. The peer
is the same number of plain ``GET /api/v1/events/{event_id}`` (the detail read: same server,
middleware and framework, no write). The two phases alternate per round (A B, B A, …);
p50/p95 of each and the ratio of the p50s are printed. Every request has a timeout and
each phase a deadline.

Correctness, checked in the same run against the database: every request answered 201;
per date, confirmed == capacity exactly and waitlisted == the rest; the statuses answered
match the stored ones; the waiting positions answered are 1..n and equal each person's
place in the stored arrival order; nobody confirmed arrived after somebody waitlisted.
The last line is ``events: register_p95_ms=<n> confirmed_exact=true|false``.

    .venv/bin/python bench/events.py [--dates 20] [--clients 50] [--rounds 3] [--sqlite]
"""

import argparse
import datetime
import json
import math
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import pages  # bench/pages.py: the threaded WSGI server, ports and the start-up wait

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG_DSN = "host=127.0.0.1 port=5432 user=postgres"
PG_DATABASE = f"stadt360_events_bench_{os.getpid()}"
CAPACITY_RANGE = (10, 50)
REQUEST_TIMEOUT = 60
MAX_PHASE_SECONDS = 300
SEED = 20261207


@dataclass(frozen=True)
class Attempt:
    date_id: int
    email: str


@dataclass(frozen=True)
class Answer:
    attempt: Attempt | None
    seconds: float
    status: int
    body: dict


# --- the database -------------------------------------------------------------------------


def postgres_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            pass
        import psycopg

        with psycopg.connect(PG_DSN + " dbname=postgres", connect_timeout=3):
            return True
    except Exception:  # any failure means: use SQLite
        return False


def database_url(use_postgres: bool, var_dir: Path) -> str:
    if not use_postgres:
        return f"sqlite:///{var_dir / 'bench.sqlite3'}"
    import psycopg

    with psycopg.connect(PG_DSN + " dbname=postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        admin.execute(f"CREATE DATABASE {PG_DATABASE}")
    return f"postgres://postgres@127.0.0.1:5432/{PG_DATABASE}"


def drop_postgres() -> None:
    import psycopg

    with psycopg.connect(PG_DSN + " dbname=postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def create_dates(count: int, rng: random.Random) -> dict[int, tuple[int, int]]:
    """``count`` open dates over a few events: ``{date_id: (event_id, capacity)}``."""
    from django.utils import timezone

    from stadt360.events.models import Event, EventDate, EventStatus

    start = timezone.now() + datetime.timedelta(days=30)
    dates: dict[int, tuple[int, int]] = {}
    per_event = 4
    for index in range(count):
        if index % per_event == 0:
            event = Event.objects.create(
                slug=f"bench-{index // per_event}",
                title=f"Lastprobe {index // per_event}",
                status=EventStatus.PUBLISHED,
            )
        begins = start + datetime.timedelta(days=index)
        date = EventDate.objects.create(
            event=event,
            starts_at=begins,
            ends_at=begins + datetime.timedelta(hours=2),
            capacity=rng.randint(*CAPACITY_RANGE),
        )
        dates[date.pk] = (event.pk, date.capacity or 0)
    return dates


def attempts_for(
    dates: dict[int, tuple[int, int]], overbook: float, rng: random.Random
) -> list[Attempt]:
    """Capacity plus an overbooking share (at least one waiting) per date, shuffled."""
    attempts = [
        Attempt(date_id, f"p{date_id}-{n}@bench.example")
        for date_id, (_event, capacity) in dates.items()
        for n in range(capacity + max(1, math.ceil(capacity * overbook)))
    ]
    rng.shuffle(attempts)
    return attempts


# --- the server (child process) -------------------------------------------------------------


def serve(port: int) -> None:
    """bench/pages.py's server with the registration limit raised for loopback load."""
    from django.conf import settings

    settings.EVENT_REGISTRATION_RATE_LIMIT = 10**9
    pages.serve(port)


# --- the load generator ---------------------------------------------------------------------


def call(base: str, attempt: Attempt | None, event_id: int) -> Answer:
    """One registration (``attempt``) or, for the peer, one GET of the event's detail."""
    if attempt is None:
        request = urllib.request.Request(f"{base}/api/v1/events/{event_id}")
    else:
        body = {"name": "Bench Person", "email": attempt.email, "consent": True, "answers": {}}
        request = urllib.request.Request(
            f"{base}/api/v1/events/{attempt.date_id}/registrations",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    except OSError:
        return Answer(attempt, time.perf_counter() - started, 0, {})
    seconds = time.perf_counter() - started
    try:
        parsed = json.loads(raw) if raw else {}
    except ValueError:
        parsed = {}
    return Answer(attempt, seconds, status, parsed)


def phase(jobs: list[tuple[Attempt | None, int]], base: str, clients: int) -> list[Answer]:
    """All ``jobs`` at once through ``clients`` threads, bounded by MAX_PHASE_SECONDS."""
    with ThreadPoolExecutor(max_workers=clients) as pool:
        futures = [pool.submit(call, base, attempt, event_id) for attempt, event_id in jobs]
        done, not_done = wait(futures, timeout=MAX_PHASE_SECONDS)
        for future in not_done:
            future.cancel()
    answers = [future.result() for future in done]
    lost = len(futures) - len(answers)
    return answers + [Answer(None, MAX_PHASE_SECONDS, 0, {})] * lost


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def chunks[T](items: list[T], count: int) -> list[list[T]]:
    size = math.ceil(len(items) / count)
    return [items[start : start + size] for start in range(0, len(items), size)]


def measure(
    base: str, dates: dict[int, tuple[int, int]], attempts: list[Attempt], args: argparse.Namespace
) -> tuple[list[Answer], list[float]]:
    """Rounds of registrations (A) and peer GETs (B), alternating which goes first."""
    event_ids = sorted({event_id for event_id, _capacity in dates.values()})
    peer_warmup = [(None, event_ids[0])] * args.clients
    phase(peer_warmup, base, args.clients)  # connections, imports, templates
    registrations: list[Answer] = []
    peer: list[float] = []
    for round_, batch in enumerate(chunks(attempts, args.rounds)):
        reads = [(None, event_ids[n % len(event_ids)]) for n in range(len(batch))]
        writes = [(attempt, dates[attempt.date_id][0]) for attempt in batch]
        order = [("register", writes), ("peer", reads)]
        for name, jobs in order if round_ % 2 == 0 else order[::-1]:
            answers = phase(jobs, base, args.clients)
            ms = [answer.seconds * 1000 for answer in answers]
            print(
                f"round {round_ + 1} {name}: {len(answers)} requests,"
                f" p50 {statistics.median(ms):.1f} ms, p95 {percentile(ms, 0.95):.1f} ms,"
                f" failed {sum(answer.status not in (200, 201) for answer in answers)}",
                flush=True,
            )
            if name == "register":
                registrations += answers
            else:
                peer += ms
    return registrations, peer


# --- correctness ----------------------------------------------------------------------------


def check(dates: dict[int, tuple[int, int]], answers: list[Answer]) -> list[str]:
    """Every way the run could be wrong, as sentences; empty when exact."""
    from stadt360.events.models import Registration

    problems = [f"HTTP {a.status} {a.body}" for a in answers if a.status != 201][:5]
    answered = {a.attempt.email: a.body for a in answers if a.attempt and a.status == 201}
    stored = defaultdict(list)
    for row in Registration.objects.order_by("queued_at", "id").values(
        "date_id", "email", "status"
    ):
        stored[row["date_id"]].append(row)
    for date_id, (_event, capacity) in dates.items():
        problems += check_date(date_id, capacity, stored[date_id], answered)
    return problems


def check_date(
    date_id: int, capacity: int, rows: list[dict], answered: dict[str, dict]
) -> list[str]:
    statuses = Counter(row["status"] for row in rows)
    problems = []
    if statuses["confirmed"] != capacity:
        problems.append(f"date {date_id}: {statuses['confirmed']} confirmed, capacity {capacity}")
    if statuses["waitlisted"] != len(rows) - capacity:
        problems.append(f"date {date_id}: {statuses['waitlisted']} waitlisted of {len(rows)}")
    waiting = [row["email"] for row in rows if row["status"] == "waitlisted"]
    if any(row["status"] == "confirmed" for row in rows[capacity:]):
        problems.append(f"date {date_id}: confirmed after somebody waitlisted")
    for position, email in enumerate(waiting, 1):
        body = answered.get(email, {})
        if body.get("status") != "waitlisted" or body.get("position") != position:
            problems.append(f"date {date_id}: {email} stored at {position}, answered {body}")
            break
    for row in rows:
        if answered.get(row["email"], {}).get("status") != row["status"]:
            problems.append(f"date {date_id}: {row['email']} answered differently")
            break
    return problems


# --- the run ----------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> str:
    use_postgres = not args.sqlite and postgres_reachable()
    with tempfile.TemporaryDirectory(prefix="stadt360-events-bench-") as tmp:
        env = pages.bench_env(Path(tmp)) | {"DATABASE_URL": database_url(use_postgres, Path(tmp))}
        try:
            return run_on(env, args, "PostgreSQL" if use_postgres else "SQLite")
        finally:
            from django.db import connections

            connections.close_all()
            if use_postgres:
                drop_postgres()


def run_on(env: dict[str, str], args: argparse.Namespace, database: str) -> str:
    rng = random.Random(args.seed)
    setup_django(env)
    dates = create_dates(args.dates, rng)
    attempts = attempts_for(dates, args.overbook, rng)
    capacity = sum(capacity for _event, capacity in dates.values())
    print(
        f"{database}: {len(dates)} dates, {capacity} places, {len(attempts)} registrations,"
        f" {args.clients} concurrent clients, {args.rounds} rounds",
        flush=True,
    )
    port = pages.free_port()
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(port)], env=env, cwd=ROOT)
    try:
        base = f"http://127.0.0.1:{port}"
        pages.wait_until_up(base, server)
        answers, peer = measure(base, dates, attempts, args)
    finally:
        server.terminate()
        server.wait(timeout=30)
    problems = check(dates, answers)
    for problem in problems[:10]:
        print("MISMATCH", problem)
    ms = [answer.seconds * 1000 for answer in answers]
    register_p50, peer_p50 = statistics.median(ms), statistics.median(peer)
    print(
        f"register: p50 {register_p50:.1f} ms, p95 {percentile(ms, 0.95):.1f} ms;"
        f" peer GET /api/v1/events/{{id}}: p50 {peer_p50:.1f} ms,"
        f" p95 {percentile(peer, 0.95):.1f} ms; ratio of p50s {register_p50 / peer_p50:.2f}"
    )
    print(
        "peer = the same server reading one event's detail (framework, middleware, one read);"
        " a registration adds the locked write transaction and the mail task's row."
    )
    exact = "true" if not problems else "false"
    return f"events: register_p95_ms={percentile(ms, 0.95):.0f} confirmed_exact={exact}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    scale = float(os.environ.get("BENCH_SCALE", "1"))
    parser.add_argument("--dates", type=int, default=max(1, round(20 * scale)))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--overbook", type=float, default=0.5, help="extra registrations per place (share)"
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--sqlite", action="store_true", help="SQLite even if PostgreSQL is up")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return
    print(run(args))


if __name__ == "__main__":
    main()
