"""Fixtures for the offer registry and the write services."""

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def clerk(db: None):
    return get_user_model().objects.create_user(
        "clerk", email="clerk@example.org", password="x-very-long-1"
    )
