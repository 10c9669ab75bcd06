"""The offer-kind registry: every kind is wired into portal, API and search from its own app.

Generic per-kind checks run for every registered kind; a throwaway kind registered at test
time shows that portal, read API and write API pick a kind up from the registry alone.
"""

from dataclasses import replace

import pytest
from django.urls import reverse

from stadt360.api.routers.offers import offer_router
from stadt360.offers.registry import registry
from stadt360.search.registry import registry as search_registry

pytestmark = pytest.mark.django_db
KEYS = [kind.key for kind in registry]


def test_the_four_kinds_register_themselves_from_their_apps():
    assert KEYS == ["job", "flat", "kita", "school"]
    apps = {kind.key: kind.model._meta.app_label for kind in registry}
    assert apps == {"job": "jobs", "flat": "housing", "kita": "childcare", "school": "schools"}


@pytest.mark.parametrize("key", KEYS)
def test_every_kind_has_read_api_write_api_portal_and_search(key, client):
    kind = registry.get(key)
    assert client.get(reverse(f"api:{key}-list")).status_code == 200
    assert client.get(reverse(f"public:{key}-list")).status_code == 200
    openapi = client.get("/api/v1/openapi.json").json()
    assert f"/api/v1/write/{kind.path}/{{external_id}}" in openapi["paths"]
    assert f"/api/v1/{kind.path}/{{{key}_id}}" in openapi["paths"]
    assert search_registry.get(key).model is kind.model
    assert kind.form._meta.model is kind.model
    assert kind.selector().model is kind.model


@pytest.mark.parametrize("key", KEYS)
def test_every_kind_has_its_portal_list(key, client_for):
    client = client_for("editor")
    assert client.get(reverse("portal:offer-list", args=[key])).status_code == 200


@pytest.fixture
def throwaway_kind():
    """A fifth kind ("Praktikum") registered at run time, on the job model."""
    kind = replace(
        registry.get("job"), key="internship", path="internships", api_label="internship"
    )
    registry.register(kind)
    yield kind
    registry.unregister("internship")


def test_a_new_kind_is_picked_up_from_the_registry_alone(throwaway_kind, client_for):

    router = offer_router(throwaway_kind)
    assert set(router.path_operations) == {"", "/{internship_id}"}
    names = {op.url_name for ops in router.path_operations.values() for op in ops.operations}
    assert names == {"internship-list", "internship-detail"}
    client = client_for("editor")
    page = client.get(reverse("portal:offer-list", args=["internship"]))
    assert page.status_code == 200
    assert client.get(reverse("portal:offer-list", args=["unknown"])).status_code == 404
