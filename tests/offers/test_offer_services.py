"""The write services: validation, audit entries, follow-up tasks, upsert and withdrawal."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from stadt360.childcare.models import Kita
from stadt360.core.choices import OfferSource, OfferStatus
from stadt360.core.models import AuditEntry
from stadt360.housing.models import Flat
from stadt360.housing.tasks import refresh_flats_task
from stadt360.offers.services import (
    Outcome,
    archive_offer,
    create_offer,
    duplicate_offer,
    publish_offer,
    refresh_offers,
    update_offer,
    upsert_offer,
    withdraw_missing,
)
from stadt360.providers.models import ProviderKind
from stadt360.providers.services import create_provider
from tests.factories import FlatFactory, OccupationFactory, ProviderFactory

pytestmark = pytest.mark.django_db

FLAT = {
    "title": "2-Raum-Wohnung am Küchengarten",
    "rooms": "2",
    "living_space": "54.3",
    "cold_rent": "365.00",
    "service_costs": "110",
    "heating_costs": "65",
    "street": "Gagarinstraße 12",
    "postcode": "07545",
    "latitude": 50.8804,
    "longitude": 12.0817,
}


def actions(obj) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_id=str(obj.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_create_flat_validates_converts_and_audits(clerk) -> None:
    provider = ProviderFactory(kind=ProviderKind.HOUSING)
    flat = create_offer(kind="flat", provider=provider, data=FLAT, by=clerk)
    flat.refresh_from_db()
    assert flat.cold_rent == Decimal("365.00")
    assert flat.status == OfferStatus.DRAFT
    assert flat.source == OfferSource.MANUAL
    entry = AuditEntry.objects.get(object_id=str(flat.pk))
    assert (entry.action, entry.actor, entry.provider) == ("flat.created", clerk, provider)
    assert entry.changes["cold_rent"] == [None, "365.00"]


def test_bad_data_raises_field_errors_and_writes_nothing() -> None:
    provider = ProviderFactory(kind=ProviderKind.HOUSING)
    data = {**FLAT, "rooms": "0", "cold_rent": "viel", "colour": "blue"}
    with pytest.raises(ValidationError) as raised:
        create_offer(kind="flat", provider=provider, data=data)
    assert set(raised.value.message_dict) == {"cold_rent", "colour"}
    with pytest.raises(ValidationError) as raised:
        create_offer(kind="flat", provider=provider, data={**FLAT, "rooms": "0"})
    assert set(raised.value.message_dict) == {"rooms"}
    assert not Flat.objects.exists()
    assert not AuditEntry.objects.exists()


def test_protected_fields_cannot_be_set() -> None:
    provider = ProviderFactory(kind=ProviderKind.HOUSING)
    with pytest.raises(ValidationError) as raised:
        create_offer(
            kind="flat",
            provider=provider,
            data={**FLAT, "provider": ProviderFactory(), "source": "demo"},
        )
    assert set(raised.value.message_dict) == {"provider", "source"}


def test_update_audits_only_changed_fields_and_skips_no_ops(clerk) -> None:
    flat = FlatFactory(cold_rent=Decimal("420.00"))
    update_offer(offer=flat, data={"cold_rent": "445", "title": flat.title}, by=clerk)
    entry = AuditEntry.objects.get(object_id=str(flat.pk), action="flat.updated")
    assert entry.changes == {"cold_rent": ["420.00", "445"]}
    update_offer(offer=flat, data={"cold_rent": "445.00"}, by=clerk)
    assert actions(flat) == ["flat.updated"]


def test_publish_archive_duplicate(clerk) -> None:
    provider = ProviderFactory(kind=ProviderKind.HOUSING)
    flat = create_offer(kind="flat", provider=provider, data=FLAT, by=clerk)
    publish_offer(offer=flat, by=clerk)
    assert Flat.objects.published().filter(pk=flat.pk).exists()
    archive_offer(offer=flat, by=clerk)
    assert not Flat.objects.published().filter(pk=flat.pk).exists()
    copy = duplicate_offer(offer=flat, by=clerk)
    assert (copy.status, copy.external_id, copy.title) == (OfferStatus.DRAFT, "", flat.title)
    assert actions(flat) == ["flat.created", "flat.published", "flat.archived"]
    assert actions(copy) == ["flat.created", "flat.duplicated"]


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_tasks_are_enqueued_after_commit_and_place_the_district(
    gera, django_capture_on_commit_callbacks
) -> None:
    provider = ProviderFactory(kind=ProviderKind.HOUSING)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        flat = create_offer(kind="flat", provider=provider, data=FLAT)
    assert not DBTaskResult.objects.exists()  # nothing before commit
    for callback in callbacks:
        callback()
    queued = DBTaskResult.objects.get(task_path="stadt360.housing.tasks.refresh_flats_task")
    assert queued.args_kwargs["kwargs"] == {"ids": [flat.pk]}
    assert flat.district is None
    assert refresh_flats_task.call(ids=[flat.pk]) == 1
    flat.refresh_from_db()
    assert flat.district.postcode == "07545"


def test_refresh_leaves_offers_outside_the_region_alone(gera) -> None:
    provider = ProviderFactory(kind=ProviderKind.HOUSING)
    chemnitz = {**FLAT, "postcode": "09111", "latitude": 50.8322, "longitude": 12.9252}
    flat = create_offer(kind="flat", provider=provider, data=chemnitz)
    assert refresh_offers(kind="flat", ids=[flat.pk]) == 0


def test_job_with_occupation_code_and_salary_constraint() -> None:
    provider = ProviderFactory()
    occupation = OccupationFactory()
    data = {
        "title": "Pflegefachkraft",
        "employment_type": "full_time",
        "weekly_hours": "38,5",
        "postcode": "07545",
        "latitude": 50.88,
        "longitude": 12.08,
        "occupation": occupation.pk,
    }
    with pytest.raises(ValidationError) as raised:
        create_offer(kind="job", provider=provider, data=data)
    assert set(raised.value.message_dict) == {"weekly_hours"}
    data["weekly_hours"] = "38.5"
    with pytest.raises(ValidationError):
        create_offer(
            kind="job", provider=provider, data={**data, "salary_min": 4000, "salary_max": 3000}
        )
    job = create_offer(kind="job", provider=provider, data=data)
    assert job.occupation == occupation
    update_offer(offer=job, data={"salary_min": 3000, "salary_max": 3600})
    job.refresh_from_db()
    assert job.salary_max == 3600


KITA = {
    "name": "Kita Sonnenschein",
    "capacity": 60,
    "postcode": "07548",
    "latitude": 50.877,
    "longitude": 12.06,
    "opening_hours": [{"weekday": day, "opens": "06:30", "closes": "16:30"} for day in range(5)],
    "free_places": [
        {"min_age_months": 12, "max_age_months": 36, "available_from": "2026-08-01", "count": 2}
    ],
}


def test_kita_with_nested_rows(clerk) -> None:
    provider = ProviderFactory(kind=ProviderKind.CHILDCARE)
    kita = create_offer(kind="kita", provider=provider, data=KITA, by=clerk)
    assert kita.opening_hours.count() == 5
    assert kita.free_places.get().available_from == datetime.date(2026, 8, 1)

    hours = [{"weekday": day, "opens": "07:00", "closes": "16:30"} for day in range(5)]
    update_offer(offer=kita, data={"opening_hours": hours})
    assert {str(h.opens) for h in kita.opening_hours.all()} == {"07:00:00"}
    entry = AuditEntry.objects.get(object_id=str(kita.pk), action="kita.updated")
    assert set(entry.changes) == {"opening_hours"}

    update_offer(offer=kita, data={"opening_hours": hours, "free_places": KITA["free_places"]})
    assert AuditEntry.objects.filter(action="kita.updated").count() == 1

    copy = duplicate_offer(offer=kita)
    assert copy.opening_hours.count() == 5
    assert copy.free_places.count() == 1


def test_kita_nested_errors() -> None:
    provider = ProviderFactory(kind=ProviderKind.CHILDCARE)
    bad = {**KITA, "opening_hours": [{"weekday": 0, "opens": "17:00", "closes": "07:00"}] * 2}
    with pytest.raises(ValidationError) as raised:
        create_offer(kind="kita", provider=provider, data=bad)
    assert "opening_hours" in raised.value.message_dict
    assert not Kita.objects.exists()


def test_school_grades_must_be_ordered() -> None:
    provider = ProviderFactory(kind=ProviderKind.SCHOOL)
    data = {
        "name": "Grundschule Bieblach",
        "school_type": "grundschule",
        "grade_from": 4,
        "grade_to": 1,
        "postcode": "07546",
        "latitude": 50.9,
        "longitude": 12.07,
    }
    with pytest.raises(ValidationError):
        create_offer(kind="school", provider=provider, data=data)
    school = create_offer(
        kind="school", provider=provider, data={**data, "grade_from": 1, "grade_to": 4}
    )
    assert school.pk


def test_upsert_creates_updates_and_leaves_unchanged_alone() -> None:
    provider = ProviderFactory(kind=ProviderKind.HOUSING)
    flat, outcome = upsert_offer(kind="flat", provider=provider, external_id="W-1", data=FLAT)
    assert (outcome, flat.source) == (Outcome.CREATED, OfferSource.IMPORT)
    updated_at = Flat.objects.get().updated_at
    _, outcome = upsert_offer(kind="flat", provider=provider, external_id="W-1", data=FLAT)
    assert outcome == Outcome.UNCHANGED
    assert Flat.objects.get().updated_at == updated_at
    assert AuditEntry.objects.count() == 1
    _, outcome = upsert_offer(
        kind="flat", provider=provider, external_id="W-1", data={**FLAT, "cold_rent": "370"}
    )
    assert outcome == Outcome.UPDATED
    assert AuditEntry.objects.count() == 2


def test_withdraw_missing_archives_only_imported_offers_of_that_provider() -> None:
    provider = ProviderFactory(kind=ProviderKind.HOUSING)
    for external_id in ("A", "B", "C"):
        upsert_offer(
            kind="flat",
            provider=provider,
            external_id=external_id,
            data={**FLAT, "status": "published"},
        )
    manual = FlatFactory(provider=provider)
    other = FlatFactory(source=OfferSource.IMPORT, external_id="Z")
    count = withdraw_missing(
        kind="flat", provider=provider, seen_external_ids=["A"], via="import-run:1"
    )
    assert count == 2
    statuses = dict(Flat.objects.values_list("external_id", "status"))
    assert statuses["A"] == statuses[""] == OfferStatus.PUBLISHED
    assert statuses["B"] == statuses["C"] == OfferStatus.ARCHIVED
    assert Flat.objects.get(pk=manual.pk).status == OfferStatus.PUBLISHED
    assert Flat.objects.get(pk=other.pk).status == OfferStatus.PUBLISHED
    assert AuditEntry.objects.filter(action="flat.withdrawn", via="import-run:1").count() == 2
    assert withdraw_missing(kind="flat", provider=provider, seen_external_ids=["A"]) == 0


def test_create_provider_gives_unique_slugs() -> None:
    first = create_provider(name="Wohnungsbau Gera eG", kind="housing")
    second = create_provider(name="Wohnungsbau Gera eG", kind="housing")
    assert (first.slug, second.slug) == ("wohnungsbau-gera-eg", "wohnungsbau-gera-eg-2")
    assert second.verified is False
