from io import StringIO

import pytest
from django.core.management import call_command

from stadt360.core.models import Region


@pytest.fixture
def gera(db: None) -> Region:
    """Gera's reference data as ``load_gera`` loads it (region, postcodes, districts, KldB)."""
    call_command("load_gera", stdout=StringIO())
    return Region.objects.get(slug="gera")
