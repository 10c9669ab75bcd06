"""Results page under concurrent users, against Django's own floor, in the same run.

Builds a throw-away SQLite database with ``demo_data --scale S --seed 1``, starts the app in
a child process on a threaded stdlib WSGI server (127.0.0.1, no extra dependency), and drives
it with a bounded thread-pool load generator: ``--users`` concurrent users, ``--requests``
per phase, phases alternating results page (A) and a minimal Django view (B, the floor; it
exists only in this file's URLconf). Each results response is checked (HTTP 200 and bundle
cards present). The last line is ``pages: results_rps=… floor_rps=… ratio=… p95_ms=…``.

    .venv/bin/python bench/pages.py [--users 20] [--requests 200] [--rounds 3] [--scale 1]
"""

import argparse
import datetime
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
FLOOR_PATH = "/__bench_floor__/"
MAX_PHASE_SECONDS = 120


def family_path() -> str:
    """Two adults, children aged 1 and 4, a nursing job: the family profile of the issue."""
    today = datetime.date.today()
    baby, kid = today.replace(year=today.year - 1), today.replace(year=today.year - 4)
    return (
        f"/lebenslagen/neu-in-gera/ergebnisse/?adults=2&child={baby}&child={kid}&q=Pflege"
        "&hours=any&min_rooms=&mode=transit&mode=bike&mode=walk&mode=car&max_minutes=60"
        "&w_commute=1&w_cost=1&w_job=1&w_flat=1"
    )


def bench_env(var_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "STADT360_VAR_DIR": str(var_dir),
        "DATABASE_URL": f"sqlite:///{var_dir / 'bench.sqlite3'}",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-not-secret",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "stadt360.config.settings",
        "PYTHONWARNINGS": "ignore",
    }


def manage(env: dict[str, str], *args: str) -> None:
    command = [PYTHON, "-m", "stadt360.manage", *args]
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)


def prepare_database(env: dict[str, str], scale: str) -> None:
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "load_gera")
    manage(env, "load_situations")
    manage(env, "demo_data", "--scale", scale, "--seed", "1")


# --- the server (child process) -------------------------------------------------------------


def serve(port: int) -> None:
    """The app plus the floor view, on a threaded stdlib WSGI server."""
    from socketserver import ThreadingMixIn
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    import django
    from django.conf import settings

    settings.ROOT_URLCONF = __name__  # this module's urlpatterns: the app + the floor view
    # Plain static storage: the bench measures views, not a collectstatic manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    django.setup()
    install_urlpatterns()

    from django.core.wsgi import get_wsgi_application

    class Server(ThreadingMixIn, WSGIServer):
        daemon_threads = True
        request_queue_size = 128

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return

    server = make_server(
        "127.0.0.1", port, get_wsgi_application(), server_class=Server, handler_class=QuietHandler
    )
    server.serve_forever()


def install_urlpatterns() -> None:
    from importlib import import_module

    from django.http import HttpRequest, HttpResponse
    from django.urls import path

    # The product's URLconf; overridable only to bench a branch before its URLs are wired.
    urls = import_module(os.environ.get("BENCH_BASE_URLCONF", "stadt360.config.urls"))

    def floor(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok", content_type="text/plain")

    module = sys.modules[__name__]
    patterns = [path(FLOOR_PATH.strip("/") + "/", floor), *urls.urlpatterns]
    module.urlpatterns = patterns  # type: ignore[attr-defined]


# --- the load generator ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[float, bool]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            body = response.read()
            ok = response.status == 200
    except OSError:
        return time.perf_counter() - started, False
    if "ergebnisse" in url:  # a real results page, not an error or a redirect to a step
        ok = ok and b'id="results-heading"' in body
    return time.perf_counter() - started, ok


def phase(url: str, users: int, requests: int) -> dict[str, float]:
    """``requests`` GETs from ``users`` threads; bounded by count and by MAX_PHASE_SECONDS."""
    deadline = time.monotonic() + MAX_PHASE_SECONDS
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as pool:
        futures = [pool.submit(fetch, url) for _ in range(requests)]
        outcomes = []
        for future in futures:
            timeout = max(deadline - time.monotonic(), 0.1)
            outcomes.append(future.result(timeout=timeout))
    wall = time.perf_counter() - started
    latencies = sorted(seconds for seconds, _ in outcomes)
    return {
        "rps": len(outcomes) / wall,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))] * 1000,
        "failed": sum(not ok for _, ok in outcomes),
    }


def wait_until_up(base: str, process: subprocess.Popen) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise SystemExit("server exited during start-up")
        try:
            urllib.request.urlopen(base + FLOOR_PATH, timeout=2).read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def run(args: argparse.Namespace) -> str:
    with tempfile.TemporaryDirectory(prefix="stadt360-bench-") as tmp:
        env = bench_env(Path(tmp))
        prepare_database(env, args.scale)
        port = free_port()
        server = subprocess.Popen([PYTHON, __file__, "--serve", str(port)], env=env, cwd=ROOT)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base, server)
            return measure(base, args)
        finally:
            server.terminate()
            server.wait(timeout=30)


def measure(base: str, args: argparse.Namespace) -> str:
    results_url, floor_url = base + family_path(), base + FLOOR_PATH
    with urllib.request.urlopen(results_url, timeout=120) as response:
        cards = response.read().count(b'name="bundle" value="')
    print(f"family profile: {cards} bundle cards on the results page", flush=True)
    for url in (results_url, floor_url):  # warm up: snapshot, templates, connections
        phase(url, min(args.users, 4), max(args.users // 2, 2))
    rows: dict[str, list[dict[str, float]]] = {"results": [], "floor": []}
    for round_ in range(args.rounds):
        for name, url in (("results", results_url), ("floor", floor_url)):  # A B A B …
            stats = phase(url, args.users, args.requests)
            rows[name].append(stats)
            print(
                f"round {round_ + 1} {name}: {stats['rps']:.1f} req/s,"
                f" p50 {stats['p50_ms']:.0f} ms, p95 {stats['p95_ms']:.0f} ms,"
                f" failed {stats['failed']:.0f}",
                flush=True,
            )
    failed = sum(s["failed"] for stats in rows.values() for s in stats)
    results_rps = statistics.median(s["rps"] for s in rows["results"])
    floor_rps = statistics.median(s["rps"] for s in rows["floor"])
    p95 = statistics.median(s["p95_ms"] for s in rows["results"])
    print(f"users={args.users} per_phase={args.requests} rounds={args.rounds} failed={failed:.0f}")
    print("floor = the same server and middleware answering a minimal Django view")
    return (
        f"pages: results_rps={results_rps:.1f} floor_rps={floor_rps:.1f}"
        f" ratio={results_rps / floor_rps:.3f} p95_ms={p95:.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=200, help="requests per phase")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scale", default=os.environ.get("BENCH_SCALE", "1"))
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return
    print(run(args))


if __name__ == "__main__":
    main()
