"""Suite-wide fixtures and the rule for external services.

Tests that need PostgreSQL, Redis or Chromium carry a marker (``postgres``, ``redis``,
``browser``). When the service is missing they skip with the reason – unless
``STADT360_REQUIRE_SERVICES=1`` (CI), where a missing service fails the test instead.

Every test starts from the same state (``_fresh_state``, ``_fast_settings``). The shared
fixtures for every folder are here: places (``gera``), people with a signed-in client per
role (``world``, ``client_for``, ``staff_client``, ``citizen_client``), companies
(``company_world``), offers (``family_world``) and ``immediate_tasks``.
"""

import os
import shutil
import socket
from collections.abc import Callable, Iterator
from functools import cache
from importlib import import_module
from io import StringIO
from typing import Any

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.test import Client
from django.urls import get_resolver
from django.utils import translation
from django.utils.module_loading import autodiscover_modules

from stadt360.accounts.roles import Role
from stadt360.core.models import Region
from tests.accounts.sessions import sign_in_with_second_factor
from tests.companies.world import CompanyWorld, add_people, make_company_world
from tests.factories import UserFactory, reset_factory_state
from tests.portal.world import World, make_world

# Chromium, the live server and axe for every folder's browser tests (one browser per session).
pytest_plugins = ["tests.browser_fixtures"]

# ``@task`` builds its Task with the class of the backend configured at import time. A tasks
# module first imported inside a test that switches TASKS to RQ (django-tasks-rq uses the
# django_tasks backport's Task) keeps those objects, and a later database-backend test
# refuses them ("does not point to a Task"). Import every app's tasks now, with the default.
autodiscover_modules("tasks")

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


@pytest.fixture(scope="session", autouse=True)
def _urlconf_loaded_with_the_real_clock() -> None:
    """The URLconf imports the API's pydantic schemas; built under a frozen clock (freezegun)
    their date fields would meet freezegun's fake ``date`` class and fail. Load it first."""
    get_resolver().url_patterns  # noqa: B018 - the import is the point


# The reference data our data migrations write (audiences, newsletter topics, role groups and
# their /cms/ permissions). A transactional test ends with a flush that empties every table,
# so later tests in the same process would miss it: it is written again when it is gone.
MIGRATION_SEEDS = (
    ("accounts", "0002_role_groups", "create_groups"),
    ("events", "0002_audiences", "seed"),
    ("newsletter", "0002_topics", "seed"),
    ("site", "0002_centre_roles", "create_roles"),
    ("newsletter", "0003_role_permissions", "grant"),
)


@pytest.fixture(autouse=True)
def _migration_seeds(request: pytest.FixtureRequest) -> None:
    if not {"db", "transactional_db"} & set(request.fixturenames) and not (
        request.node.get_closest_marker("django_db")
    ):
        return
    request.getfixturevalue("transactional_db" if _transactional(request) else "db")
    from django.apps import apps

    from stadt360.events.models import Audience

    if Audience.objects.exists():
        return
    for app_label, migration, function in MIGRATION_SEEDS:
        module = import_module(f"stadt360.{app_label}.migrations.{migration}")
        getattr(module, function)(apps, None)


def _transactional(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return "transactional_db" in request.fixturenames or bool(
        marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    )


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
    used TOTP codes; factory_boy holds iterator and sequence positions; the thread keeps
    the language a request to an /en/ page activated (``reverse()`` then builds /en/ URLs).
    (A shared Redis cache is left alone: CI and ``make test`` run with the in-process one.)
    The bundle snapshot needs nothing: it is rebuilt whenever the offers' fingerprint differs.
    """
    _clear_local_caches()
    reset_factory_state()
    translation.deactivate()
    yield
    translation.deactivate()
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


@pytest.fixture(autouse=True)
def _fast_settings(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Uploads into a temporary folder; a fast password hash (the real one costs seconds)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def immediate_tasks(settings) -> None:  # type: ignore[no-untyped-def]
    """Tasks run at once inside the caller (mails, refreshes) instead of waiting for a worker."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def gera(db: None) -> Region:
    """Gera's reference data as ``load_gera`` loads it (region, postcodes, districts, KldB)."""
    call_command("load_gera", stdout=StringIO())
    return Region.objects.get(slug="gera")


# --- People: one signed-in client per role ------------------------------------------


@pytest.fixture
def world(db: None) -> World:
    """Organisations A and B with an admin and editor, a resident and city staff (with TOTP)."""
    return make_world()


@pytest.fixture
def client_for(client: Client, world: World) -> Callable[[str], Client]:
    """``client_for(role)``: the test client signed in as that role of ``world``.

    Roles: anonymous (not signed in), resident, editor and admin (of organisation A),
    other_member (admin of B), moderator and city_admin; staff sign in with password and
    second factor, as the MFA gate requires.
    """

    def sign_in(role: str) -> Client:
        user = world.users.get(role)
        if user is not None and role != "resident":
            sign_in_with_second_factor(client, user)
        elif user is not None:
            client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def admin_client(client: Client, admin_user: Any) -> Client:
    """pytest-django's superuser client, signed in with the second factor the gate requires."""
    return sign_in_with_second_factor(client, admin_user)


@pytest.fixture
def staff_client(client: Client) -> Client:
    """Signed in as a Django staff user (``is_staff``: the barrier back office's rule today)."""
    sign_in_with_second_factor(client, UserFactory(email="staff@gera.example", is_staff=True))
    return client


@pytest.fixture
def citizen_client(client: Client) -> Client:
    """Signed in as a resident."""
    client.force_login(UserFactory(email="citizen@example.org", role=Role.RESIDENT))
    return client


@pytest.fixture
def company_world(db: None) -> CompanyWorld:
    """Five Gera companies with products, three cooperation posts and an admin each."""
    world = make_company_world()
    add_people(world)
    return world
