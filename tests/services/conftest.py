from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from stadt360.core.models import Region


@pytest.fixture
def gera(db: None) -> Region:
    call_command("load_gera", stdout=StringIO())
    return Region.objects.get(slug="gera")


@pytest.fixture
def clerk(db: None):
    return get_user_model().objects.create_user(
        "clerk", email="clerk@example.org", password="x-very-long-1"
    )
