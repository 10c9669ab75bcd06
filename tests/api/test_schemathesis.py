"""Schemathesis over the whole ``/api/v1/openapi.json``, in-process through WSGI.

Every operation gets a bounded, derandomized set of generated requests (valid and
invalid per the schema); none may answer 5xx. The write operations run with a valid
token carrying every scope, so they reach the services. Only ``not_a_server_error`` is
checked: the contract tests live in the per-kind test modules.
"""

import pytest

schemathesis = pytest.importorskip("schemathesis")  # dev dependency: schemathesis>=4.3,<5

import datetime  # noqa: E402
from collections.abc import Iterator  # noqa: E402

from django.core.cache import cache  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import close_old_connections  # noqa: E402
from django.utils import timezone  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from stadt360.api.main import api  # noqa: E402
from stadt360.events.models import Event, EventDate, EventStatus  # noqa: E402
from stadt360.providers.models import ApiScope  # noqa: E402
from stadt360.providers.tokens import create_token  # noqa: E402
from tests.factories import ProviderFactory  # noqa: E402

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()
schema.location = "/api/v1/openapi.json"


@pytest.fixture(autouse=True)
def _setup(settings) -> Iterator[None]:
    settings.ALLOWED_HOSTS = ["*"]
    settings.API_WRITE_RATE_LIMIT = 10_000
    settings.EVENT_REGISTRATION_RATE_LIMIT = 10_000
    cache.clear()
    # Called through WSGI (not Django's test client), each request would close the test's
    # database connection when it finishes; keep it open as the test client does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def secret(db) -> str:
    provider = ProviderFactory(verified=True)
    return create_token(provider=provider, name="schemathesis", scopes=ApiScope.values)[1]


@pytest.fixture
def open_date(db) -> None:
    """Event 1 with date 1 (the ids of the schema's examples), open for registration with a
    question, so generated registrations reach the service instead of stopping at a 404."""
    start = timezone.now() + datetime.timedelta(days=7)
    event = Event.objects.create(
        pk=1,
        slug="schemathesis",
        title="Offener Abend",
        status=EventStatus.PUBLISHED,
        questions=[{"key": "firma", "label": "Firma", "choices": ["A", "B"]}],
    )
    EventDate.objects.create(
        pk=1, event=event, starts_at=start, ends_at=start + datetime.timedelta(hours=2), capacity=3
    )


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_5xx(case, secret, open_date):
    headers = {"Authorization": f"Bearer {secret}"} if "/write/" in case.path else {}
    case.call_and_validate(headers=headers, checks=[not_a_server_error])
