"""The write API: tokens, scopes, upserts by the provider's own id, isolation, limits."""

import datetime
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from stadt360.childcare.models import Kita
from stadt360.core.choices import OfferSource, OfferStatus
from stadt360.core.models import AuditEntry
from stadt360.housing.models import Flat
from stadt360.jobs.models import Job
from stadt360.providers.models import ApiScope, ApiToken
from stadt360.providers.tokens import create_token, hash_secret, revoke_token
from tests.accounts.sessions import sign_in_with_second_factor
from tests.factories import OccupationFactory, ProviderFactory

pytestmark = pytest.mark.django_db

JOB = {
    "title": "Pflegefachkraft (m/w/d)",
    "employment_type": "full_time",
    "weekly_hours": "38.5",
    "salary_min": 3400,
    "salary_max": 4100,
    "postcode": "07548",
    "latitude": 50.8845,
    "longitude": 12.0698,
}
FLAT = {
    "title": "2-Raum-Wohnung mit Balkon",
    "rooms": "2",
    "living_space": "58.4",
    "cold_rent": "365.00",
    "service_costs": "95",
    "heating_costs": "70",
    "balcony": True,
    "postcode": "07545",
    "latitude": 50.88,
    "longitude": 12.07,
}
KITA = {
    "name": "Kita Sonnenschein",
    "capacity": 90,
    "age_from_months": 12,
    "age_to_months": 78,
    "concept": "situational",
    "postcode": "07545",
    "latitude": 50.878,
    "longitude": 12.082,
    "opening_hours": [{"weekday": d, "opens": "06:30", "closes": "16:30"} for d in range(5)],
    "free_places": [
        {"min_age_months": 12, "max_age_months": 36, "available_from": "2026-08-01", "count": 2}
    ],
}


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture
def provider():
    return ProviderFactory(name="Wohnen und Arbeiten Gera", verified=True)


@pytest.fixture
def other_provider():
    return ProviderFactory(name="Andere GmbH", verified=True)


def token_for(provider: Any, scopes: list[str] | None = None) -> tuple[ApiToken, str]:
    return create_token(provider=provider, name="ERP", scopes=scopes or list(ApiScope.values))


@pytest.fixture
def secret(provider) -> str:
    return token_for(provider)[1]


def call(method: str, path: str, secret: str | None, body: Any = None) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}
    return getattr(Client(), method)(
        f"/api/v1/write{path}", body, content_type="application/json", **headers
    )


def test_token_is_stored_hashed_with_a_display_prefix(provider):
    token, secret = token_for(provider, ["jobs:write"])
    assert secret.startswith("s360_")
    assert len(secret) > 40
    assert token.secret_hash == hash_secret(secret)
    assert secret not in token.secret_hash
    assert secret.startswith(token.prefix)
    assert len(token.prefix) == 12
    assert AuditEntry.objects.filter(action="api_token.created", provider=provider).count() == 1


def test_put_job_creates_then_updates_then_is_unchanged(provider, secret):
    OccupationFactory(code="81302", title="Pflege")
    response = call("put", "/jobs/PF-17", secret, JOB | {"occupation": "81302"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["outcome"] == "created"
    assert body["status"] == "draft"
    job = Job.objects.get(pk=body["id"])
    assert job.provider == provider
    assert job.external_id == "PF-17"
    assert job.source == OfferSource.IMPORT
    assert job.occupation.code == "81302"
    token = ApiToken.objects.get()
    assert token.last_used_at is not None
    entry = AuditEntry.objects.get(action="job.created")
    assert entry.via == f"api-token:{token.pk}"
    assert entry.actor is None

    response = call("put", "/jobs/PF-17", secret, JOB | {"salary_max": 4300})
    assert response.status_code == 200
    assert response.json()["outcome"] == "updated"
    job.refresh_from_db()
    assert job.salary_max == 4300
    assert job.occupation is not None

    response = call("put", "/jobs/PF-17", secret, JOB | {"salary_max": 4300})
    assert response.status_code == 200
    assert response.json()["outcome"] == "unchanged"
    assert AuditEntry.objects.filter(action="job.updated").count() == 1
    assert Job.objects.count() == 1


def test_same_put_twice_is_unchanged_with_one_audit_entry(secret):
    assert call("put", "/flats/W-1", secret, FLAT).status_code == 201
    second = call("put", "/flats/W-1", secret, FLAT)
    assert second.status_code == 200
    assert second.json()["outcome"] == "unchanged"
    assert Flat.objects.count() == 1
    assert AuditEntry.objects.filter(action__startswith="flat.").count() == 1


def test_flat_publish_and_withdraw(secret):
    call("put", "/flats/W-2", secret, FLAT)
    response = call("post", "/flats/W-2/publish", secret)
    assert response.status_code == 200
    assert response.json()["status"] == "published"
    assert Client().get(f"/api/v1/flats/{response.json()['id']}").status_code == 200
    assert call("post", "/flats/W-2/publish", secret).json()["outcome"] == "unchanged"
    assert call("delete", "/flats/W-2", secret).status_code == 204
    flat = Flat.objects.get()
    assert flat.status == OfferStatus.ARCHIVED
    assert AuditEntry.objects.filter(action="flat.withdrawn").count() == 1
    assert call("delete", "/flats/W-unknown", secret).status_code == 404
    assert call("post", "/flats/W-unknown/publish", secret).status_code == 404


def test_unverified_provider_may_write_but_not_publish():
    _token, secret = token_for(ProviderFactory(verified=False))
    assert call("put", "/flats/W-3", secret, FLAT).status_code == 201
    refused = call("post", "/flats/W-3/publish", secret)
    assert refused.status_code == 403
    assert "noch nicht geprüft" in refused.json()["detail"]


def test_unverified_provider_updating_a_public_offer_gets_a_draft(provider, secret):
    """The write service, not the router, holds the rule: a PUT cannot keep an offer public."""
    assert call("put", "/flats/W-4", secret, FLAT).status_code == 201
    assert call("post", "/flats/W-4/publish", secret).json()["status"] == "published"
    provider.verified = False
    provider.save()
    response = call("put", "/flats/W-4", secret, FLAT | {"title": "Neu"})
    assert response.json() | {"id": 0} == {
        "id": 0,
        "kind": "flats",
        "external_id": "W-4",
        "status": "draft",
        "outcome": "updated",
    }
    assert Flat.objects.get().status == OfferStatus.DRAFT


def test_kita_with_opening_hours_and_free_places(secret):
    response = call("put", "/kitas/K-1", secret, KITA)
    assert response.status_code == 201, response.content
    kita = Kita.objects.get()
    hours = sorted((h.weekday, h.opens, h.closes) for h in kita.opening_hours.all())
    assert hours == [(d, datetime.time(6, 30), datetime.time(16, 30)) for d in range(5)]
    assert kita.free_places.get().count == 2
    assert call("put", "/kitas/K-1", secret, KITA).json()["outcome"] == "unchanged"
    shorter = KITA | {"opening_hours": [{"weekday": 0, "opens": "07:00", "closes": "15:00"}]}
    assert call("put", "/kitas/K-1", secret, shorter).json()["outcome"] == "updated"
    assert kita.opening_hours.count() == 1


def test_providers_are_isolated(provider, other_provider, secret):
    _token, other_secret = token_for(other_provider)
    assert call("put", "/flats/SAME", other_secret, FLAT).status_code == 201
    theirs = Flat.objects.get(provider=other_provider)
    # A's token: B's external id is A's own namespace.
    assert call("delete", "/flats/SAME", secret).status_code == 404
    assert call("post", "/flats/SAME/publish", secret).status_code == 404
    created = call("put", "/flats/SAME", secret, FLAT | {"title": "A's flat"})
    assert created.status_code == 201
    assert created.json()["id"] != theirs.pk
    theirs.refresh_from_db()
    assert theirs.title == FLAT["title"]
    assert theirs.status == OfferStatus.DRAFT
    assert Flat.objects.get(provider=provider).title == "A's flat"


@pytest.mark.parametrize(
    "header",
    [None, "Bearer s360_not-a-token", "Bearer ", "Basic Zm9vOmJhcg==", "Bearer " + "x" * 5000],
)
def test_without_a_valid_token_401(header):
    headers = {"HTTP_AUTHORIZATION": header} if header else {}
    response = Client().put("/api/v1/write/jobs/X", JOB, content_type="application/json", **headers)
    assert response.status_code == 401
    assert Job.objects.count() == 0


def test_revoked_token_401(provider):
    token, secret = token_for(provider)
    assert call("put", "/jobs/A", secret, JOB).status_code == 201
    revoke_token(token=token)
    assert call("put", "/jobs/A", secret, JOB).status_code == 401
    assert call("delete", "/jobs/A", secret).status_code == 401


def test_missing_scope_403(provider):
    _token, secret = token_for(provider, ["jobs:write"])
    assert call("put", "/flats/W", secret, FLAT).status_code == 403
    assert call("delete", "/flats/W", secret).status_code == 403
    assert call("put", "/jobs/J", secret, JOB).status_code == 201
    assert Flat.objects.count() == 0


def test_rate_limit_429_with_retry_after(settings, secret):
    settings.API_WRITE_RATE_LIMIT = 2
    assert call("put", "/jobs/R", secret, JOB).status_code == 201
    assert call("put", "/jobs/R", secret, JOB).status_code == 200
    response = call("put", "/jobs/R", secret, JOB)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (JOB | {"weekly_hours": "viel"}, "weekly_hours"),
        (JOB | {"employment_type": "forever"}, "employment_type"),
        (JOB | {"salary_min": 5000, "salary_max": 100}, None),
        (JOB | {"unknown_field": 1}, "unknown_field"),
        (JOB | {"title": "x\x00y"}, "title"),
        (JOB | {"latitude": 1e308}, "latitude"),
        (JOB | {"shift_start": "06:00Z"}, "shift_start"),
        ({k: v for k, v in JOB.items() if k != "title"}, "title"),
        (JOB | {"occupation": "99999"}, "occupation"),
        ([1, 2], None),
    ],
)
def test_junk_is_422_never_500(secret, body, field):
    response = call("put", "/jobs/J-junk", secret, body)
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert isinstance(detail, list)
    assert detail
    if field:
        assert any(field in item["loc"] for item in detail), detail
    assert Job.objects.count() == 0


def test_unparseable_body_is_400(secret):
    response = Client().put(
        "/api/v1/write/jobs/J",
        "{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 400


def test_kita_nested_errors_are_422(secret):
    twice = KITA | {"opening_hours": [{"weekday": 0, "opens": "06:30", "closes": "16:30"}] * 2}
    response = call("put", "/kitas/K-2", secret, twice)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["opening_hours"]


def test_openapi_documents_the_write_operations(client):
    schema = client.get("/api/v1/openapi.json").json()
    put = schema["paths"]["/api/v1/write/kitas/{external_id}"]["put"]
    assert put["security"] == [{"TokenAuth": []}]
    assert put["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("KitaIn")
    assert schema["components"]["schemas"]["KitaIn"]["examples"][0]["opening_hours"]
    assert {"200", "201", "401", "403", "422", "429"} <= put["responses"].keys()


def test_portal_admin_creates_a_key_shown_once_and_revokes_it(client):
    from tests.portal.world import make_world

    world = make_world()
    sign_in_with_second_factor(client, world.users["admin"])
    page = client.get("/portal/api-schluessel/neu/")
    assert page.status_code == 200
    response = client.post(
        "/portal/api-schluessel/neu/", {"name": "ERP", "scopes": ["jobs:write", "flats:write"]}
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(provider=world.provider)
    secret = response.context["secret"]
    assert secret in response.content.decode()
    assert token.secret_hash == hash_secret(secret)
    assert token.scopes == ["flats:write", "jobs:write"]
    assert token.created_by == world.users["admin"]
    listing = client.get("/portal/api-schluessel/").content.decode()
    assert token.prefix in listing
    assert secret not in listing
    assert call("put", "/jobs/P-1", secret, JOB).status_code == 201
    assert client.post(f"/portal/api-schluessel/{token.pk}/widerrufen/").status_code == 302
    assert call("put", "/jobs/P-1", secret, JOB).status_code == 401
    bad = client.post("/portal/api-schluessel/neu/", {"name": "", "scopes": ["root"]})
    assert bad.status_code == 400
    assert ApiToken.objects.count() == 1


def test_a_body_over_the_upload_limit_is_a_json_413(provider, secret, settings):
    """A huge nested array is refused before parsing, in the API's JSON shape (not HTML)."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    rows = [{"min_age_months": 12, "max_age_months": 36, "count": 2}] * 5_000
    response = call("put", "/kitas/K-1", secret, KITA | {"free_places": rows})
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert set(response.json()) == {"detail"}
    assert not Kita.objects.exists()
