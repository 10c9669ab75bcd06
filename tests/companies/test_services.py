import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from stadt360.companies import industries
from stadt360.companies.models import Company
from stadt360.companies.services import (
    create_company,
    remind_stale_companies,
    save_product,
    update_company,
    verify_company,
)
from stadt360.core.models import AuditEntry
from tests.factories import ProviderFactory

pytestmark = pytest.mark.django_db


def test_industries_come_from_wz_2008():
    assert industries.section_of("25.62") == "C"
    assert industries.keys_of("46.69") == ("46", "G")
    assert industries.title("49.41") == "Güterbeförderung im Straßenverkehr"
    assert industries.supply_relation("46.69", "25.62") == ("46", "25")
    assert industries.supply_relation("10.71", "25.62") is None


def test_create_company_derives_label_section_and_apprenticeship_flag():
    provider = ProviderFactory()
    company = create_company(
        provider=provider,
        data={
            "wz_code": "25.62",
            "size_class": "small",
            "apprenticeships": ["Industriemechaniker/in"],
        },
        by=None,
    )
    assert (company.wz_label, company.wz_section) == ("Mechanik a. n. g.", "C")
    assert company.offers_apprenticeships
    entry = AuditEntry.objects.get(action="company.created")
    assert entry.provider == provider
    assert entry.changes["wz_code"] == [None, "25.62"]


def test_unknown_wz_code_is_refused():
    with pytest.raises(ValidationError) as error:
        create_company(
            provider=ProviderFactory(), data={"wz_code": "99.99", "size_class": "small"}, by=None
        )
    assert "wz_code" in error.value.message_dict
    assert not Company.objects.exists()


def test_update_records_changed_fields(company_world):
    company = company_world.companies["bakery"]
    update_company(company=company, data={"size_class": "small"}, by=company_world.users["bakery"])
    entry = AuditEntry.objects.filter(action="company.updated").get()
    assert entry.changes == {"size_class": ["micro", "small"]}
    assert entry.actor == company_world.users["bakery"]


def test_product_category_must_come_from_the_list(company_world):
    company = company_world.companies["bakery"]
    with pytest.raises(ValidationError):
        save_product(
            company=company, data={"kind": "product", "name": "X", "category": "nonsense"}, by=None
        )


def test_verify_keeps_the_company_date(company_world):
    company = company_world.companies["bakery"]
    before = Company.objects.get(pk=company.pk).updated_at
    verify_company(company=company, by=None)
    company.refresh_from_db()
    assert company.verified_by_city
    assert company.verified_at is not None
    assert company.updated_at == before


def test_reminder_after_six_months_once(
    company_world, mailoutbox, django_capture_on_commit_callbacks
):
    old = timezone.now() - datetime.timedelta(days=200)
    Company.objects.filter(pk=company_world.companies["bakery"].pk).update(updated_at=old)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_stale_companies() == 1
    assert mailoutbox[0].to == ["bakery@firma.example"]
    assert "Bäckerei Krause" in mailoutbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_stale_companies() == 0  # reminded since the last update
    assert len(mailoutbox) == 1


def test_remind_command(company_world, capsys):
    Company.objects.update(updated_at=timezone.now() - datetime.timedelta(days=200))
    call_command("remind_companies")
    assert "5 companies reminded" in capsys.readouterr().out
