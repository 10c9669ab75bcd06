"""Admin change lists render and keep their query count flat as rows grow (no N+1)."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.accounts.sessions import sign_in_with_second_factor
from tests.factories import (
    DistrictFactory,
    FlatFactory,
    FreePlaceFactory,
    JobFactory,
    KitaFactory,
    OccupationFactory,
    PostcodeAreaFactory,
    SchoolFactory,
)

CHANGELISTS = [
    ("core", "district", DistrictFactory),
    ("core", "postcodearea", PostcodeAreaFactory),
    ("jobs", "occupation", OccupationFactory),
    ("jobs", "job", JobFactory),
    ("housing", "flat", FlatFactory),
    ("childcare", "kita", KitaFactory),
    ("schools", "school", SchoolFactory),
]


@pytest.fixture
def admin_client(db: None) -> Client:
    user = get_user_model().objects.create_superuser(
        "admin", "admin@example.org", "pw-for-tests-only"
    )
    client = Client()
    sign_in_with_second_factor(client, user)
    return client


def changelist_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(("app", "model", "factory"), CHANGELISTS)
def test_changelist_query_count_does_not_grow_with_rows(
    admin_client: Client, app: str, model: str, factory: type
) -> None:
    url = reverse(f"admin:{app}_{model}_changelist")
    factory()
    few = changelist_queries(admin_client, url)
    factory.create_batch(4)

    assert changelist_queries(admin_client, url) == few


def test_kita_change_page_shows_opening_hours_and_free_places(admin_client: Client) -> None:
    kita = KitaFactory()
    FreePlaceFactory(kita=kita)

    response = admin_client.get(reverse("admin:childcare_kita_change", args=[kita.pk]))

    assert response.status_code == 200
    assert b'opening_hours-TOTAL_FORMS" value="5"' in response.content
    assert b'free_places-TOTAL_FORMS" value="1"' in response.content


def test_search_finds_a_job_by_occupation_code(admin_client: Client) -> None:
    job = JobFactory(title="Softwareentwickler/in", occupation=OccupationFactory(code="43413"))

    response = admin_client.get(reverse("admin:jobs_job_changelist"), {"q": "43413"})

    assert job.title.encode() in response.content
