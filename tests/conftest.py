"""Suite-wide fixtures and the rule for external services.

Tests that need PostgreSQL, Redis or Chromium carry a marker (``postgres``, ``redis``,
``browser``). When the service is missing they skip with the reason – unless
``STADT360_REQUIRE_SERVICES=1`` (CI), where a missing service fails the test instead.
"""

import os
import shutil
import socket
from collections.abc import Iterator
from functools import cache

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from tests.factories import reset_factory_state

# Chromium, the live server and axe for every folder's browser tests (one browser per session).
pytest_plugins = ["tests.browser_fixtures"]

REQUIRE_SERVICES = os.environ.get("STADT360_REQUIRE_SERVICES") == "1"
CHROMIUM = os.environ.get("STADT360_CHROMIUM", "/usr/bin/chromium")


@cache
def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def missing_service(marker: str) -> str | None:
    """Why a test with this marker cannot run here, or None when it can."""
    if marker == "postgres" and not reachable("127.0.0.1", 5432):
        return "PostgreSQL is not reachable on 127.0.0.1:5432"
    if marker == "redis" and not reachable("127.0.0.1", 6379):
        return "Redis is not reachable on 127.0.0.1:6379"
    if marker == "browser" and not shutil.which(CHROMIUM):
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(autouse=True)
def _require_services(request: pytest.FixtureRequest) -> None:
    for marker in ("postgres", "redis", "browser"):
        if request.node.get_closest_marker(marker) is None:
            continue
        reason = missing_service(marker)
        if reason and REQUIRE_SERVICES:
            pytest.fail(f"{reason} – required because STADT360_REQUIRE_SERVICES=1")
        if reason:
            pytest.skip(reason)


@pytest.fixture(autouse=True)
def _fresh_state() -> Iterator[None]:
    """Nothing a test leaves in this process reaches the next test on the same worker.

    The in-process cache holds rendered pages, bundle results, allauth's rate limits and
    used TOTP codes; factory_boy holds iterator and sequence positions. (A shared Redis
    cache is left alone: CI and ``make test`` run with the in-process one.) The bundle
    snapshot needs nothing: it is rebuilt whenever the offers' fingerprint differs.
    """
    _clear_local_caches()
    reset_factory_state()
    yield
    _clear_local_caches()


def _clear_local_caches() -> None:
    for backend in caches.all():
        if isinstance(backend, LocMemCache):
            backend.clear()


@pytest.fixture
def family_world(db) -> dict:
    """Nursing day jobs, flats, two Kitas with places and a school, in one Gera district."""
    from tests.bundles.worlds import make_family_world

    return make_family_world()
