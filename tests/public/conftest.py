"""Fixtures for the public site and back office: offers of each kind, staff and citizens."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from stadt360.childcare.models import Kita
from stadt360.core.choices import OfferSource, OfferStatus
from stadt360.housing.models import Flat
from stadt360.jobs.models import EmploymentType, Job
from stadt360.providers.models import Provider, ProviderKind
from stadt360.schools.models import School, SchoolType

GERA = {"postcode": "07545", "city": "Gera", "latitude": 50.8786, "longitude": 12.0826}


@pytest.fixture
def provider(db: None) -> Provider:
    return Provider.objects.create(
        name="Stadtwerke Gera", slug="stadtwerke-gera", kind=ProviderKind.EMPLOYER, **GERA
    )


@pytest.fixture
def make_offer(provider: Provider) -> Callable[..., Any]:
    """Create a published offer of a kind with only the fields the search looks at."""
    required: dict[str, dict[str, Any]] = {
        "job": {"employment_type": EmploymentType.FULL_TIME, "weekly_hours": Decimal("40")},
        "flat": {"rooms": Decimal("3"), "living_space": Decimal("70"), "cold_rent": Decimal("480")},
        "kita": {"capacity": 60},
        "school": {"school_type": SchoolType.GRUNDSCHULE, "grade_from": 1, "grade_to": 4},
    }
    models = {
        "job": (Job, "title"),
        "flat": (Flat, "title"),
        "kita": (Kita, "name"),
        "school": (School, "name"),
    }

    def make(kind: str, name: str, **fields: Any) -> Any:
        model, name_field = models[kind]
        values = {"provider": provider, "status": OfferStatus.PUBLISHED, **GERA, **required[kind]}
        return model.objects.create(**{**values, name_field: name, **fields})

    return make


@pytest.fixture
def demo_offer(make_offer: Callable[..., Any]) -> Job:
    return make_offer("job", "Pflegefachkraft (Demo)", source=OfferSource.DEMO)
