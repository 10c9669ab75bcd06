"""Builders for the read-API tests on top of ``tests/factories.py``.

Each builder pins the fields the filter tests reason about (no salary, no skills, 40 hours,
district Untermhaus …), so a change of a factory default cannot silently change what a
filter test proves; a test overrides only what it is about.
"""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from stadt360.childcare.models import Kita
from stadt360.core.models import District
from stadt360.housing.models import Flat
from stadt360.jobs.models import EmploymentType, Job, Occupation
from stadt360.providers.models import Provider, ProviderKind
from stadt360.schools.models import School, SchoolType
from tests.factories import (
    DistrictFactory,
    FlatFactory,
    JobFactory,
    KitaFactory,
    OccupationFactory,
    ProviderFactory,
    SchoolFactory,
)


@pytest.fixture(autouse=True)
def _static_files_from_finders(settings: Any) -> None:
    """Serve static files from the apps, as in development: no collectstatic run is needed,
    and WhiteNoise does not warn (warnings are errors) about a missing STATIC_ROOT."""
    settings.WHITENOISE_AUTOREFRESH = True
    settings.WHITENOISE_USE_FINDERS = True


@pytest.fixture
def api(client: Client) -> Callable[..., Any]:
    """GET an API path with query parameters; returns the response."""

    def get(path: str, **params: Any) -> Any:
        return client.get(f"/api/v1{path}", params)

    return get


@pytest.fixture
def untermhaus(db: None) -> District:
    return DistrictFactory(name="Untermhaus", slug="untermhaus", postcode="07548")


@pytest.fixture
def lusan(db: None) -> District:
    return DistrictFactory(name="Lusan", slug="lusan", postcode="07551")


@pytest.fixture
def provider(untermhaus: District) -> Provider:
    return ProviderFactory(
        name="Gera Wohnen & Arbeiten", kind=ProviderKind.OTHER, verified=True, district=untermhaus
    )


def placed(provider: Provider, district: District) -> dict[str, Any]:
    return {"provider": provider, "district": district, "postcode": "07545", "valid_until": None}


@pytest.fixture
def nursing(db: None) -> Occupation:
    return OccupationFactory(code="81302", title="Gesundheits- und Krankenpflege")


@pytest.fixture
def make_job(provider: Provider, untermhaus: District) -> Callable[..., Job]:
    def make(**fields: Any) -> Job:
        baseline = placed(provider, untermhaus) | {
            "title": "Sachbearbeitung",
            "description": "",
            "occupation": None,
            "employment_type": EmploymentType.FULL_TIME,
            "weekly_hours": Decimal("40"),
            "shift_start": None,
            "shift_end": None,
            "salary_min": None,
            "salary_max": None,
            "skills": [],
        }
        return JobFactory(**(baseline | fields))

    return make


@pytest.fixture
def make_flat(provider: Provider, untermhaus: District) -> Callable[..., Flat]:
    def make(**fields: Any) -> Flat:
        baseline = placed(provider, untermhaus) | {
            "title": "2-Raum-Wohnung",
            "rooms": Decimal("2"),
            "living_space": Decimal("55"),
            "cold_rent": Decimal("350"),
            "service_costs": Decimal("90"),
            "heating_costs": Decimal("60"),
            "deposit": None,
            "floor": None,
            "available_from": None,
            "balcony": False,
        }
        return FlatFactory(**(baseline | fields))

    return make


@pytest.fixture
def make_kita(provider: Provider, untermhaus: District) -> Callable[..., Kita]:
    """A Kita open 7–17 on working days unless ``hours`` maps weekdays to (opens, closes)."""

    def make(hours: dict[int, tuple[str, str]] | None = None, **fields: Any) -> Kita:
        week = hours if hours is not None else dict.fromkeys(range(5), ("07:00", "17:00"))
        baseline = placed(provider, untermhaus) | {
            "name": "Kita Sonnenschein",
            "languages": [],
            "opening_hours": [
                (day, datetime.time.fromisoformat(opens), datetime.time.fromisoformat(closes))
                for day, (opens, closes) in week.items()
            ],
        }
        return KitaFactory(**(baseline | fields))

    return make


@pytest.fixture
def make_school(provider: Provider, untermhaus: District) -> Callable[..., School]:
    def make(**fields: Any) -> School:
        baseline = placed(provider, untermhaus) | {
            "name": "Grundschule Untermhaus",
            "school_type": SchoolType.GRUNDSCHULE,
            "grade_from": 1,
            "grade_to": 4,
            "all_day_care": False,
            "languages": [],
        }
        return SchoolFactory(**(baseline | fields))

    return make
