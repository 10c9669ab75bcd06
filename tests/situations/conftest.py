"""Fixtures for the life-situation tests: the shipped catalogue loaded, and an API client.

The API is the project's own (api/main.py mounts the situations router at
/api/v1/situations), so the tests also cover that wiring.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from stadt360.situations.models import Situation
from stadt360.situations.services import load_catalogue


@pytest.fixture
def catalogue(db: None) -> Situation:
    """The shipped catalogue, loaded; returns "Neu in Gera"."""
    load_catalogue()
    return Situation.objects.with_catalogue().get(slug="neu-in-gera")


@pytest.fixture
def api_get(client: Client) -> Callable[..., Any]:
    """GET /api/v1/situations<suffix> with query params and an Accept-Language."""

    def get(suffix: str = "", params: Any = None, language: str = "de") -> Any:
        return client.get(
            f"/api/v1/situations{suffix}", params or {}, headers={"accept-language": language}
        )

    return get
