"""Concurrent PUTs of one new ``external_id``: one creates, the others update or stay unchanged.

The upsert looks for the provider's offer with ``select_for_update``; when it does not exist
yet there is no row to lock, so two requests at once both try to create it and the unique
constraint refuses the second. Idempotent means every caller gets an answer (201 once, 200
otherwise), never a 500, and exactly one offer exists afterwards. Needs real threads with
their own connections, so the test runs against the real database (``transactional_db``).
"""

import threading

import pytest
from django.core.cache import cache
from django.db import connection

from stadt360.jobs.models import Job
from tests.api.test_write_api import JOB, call, token_for
from tests.factories import ProviderFactory

THREADS = 6


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """The token's write limit starts empty (six writes at once must not hit it)."""
    cache.clear()


def put_at_once(secret: str, external_id: str) -> list[int]:
    barrier = threading.Barrier(THREADS)
    statuses: list[int] = []

    def put() -> None:
        try:
            barrier.wait()
            statuses.append(call("put", f"/jobs/{external_id}", secret, JOB).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=put) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises all writers")
def test_concurrent_puts_of_a_new_external_id_create_one_offer(transactional_db) -> None:
    provider = ProviderFactory(verified=True)
    _token, secret = token_for(provider)
    statuses = put_at_once(secret, "RACE-1")
    assert sorted(statuses) == [200] * (THREADS - 1) + [201]
    assert Job.objects.filter(provider=provider, external_id="RACE-1").count() == 1
