"""The Django admin is no side door around the publish rule.

Verification goes through the city's audited review (``review_provider``, which also takes
a rejected organisation's offers off public view), and an offer's status and owner through
the write services (publish rule, audit, refresh). The admin change forms used to save
``verified``, ``status`` and ``provider`` straight to the database: a staff member could
publish an unverified organisation's offer, or verify an organisation, with no audit entry.
"""

import pytest
from django.test import Client

from stadt360.core.choices import OfferStatus
from stadt360.jobs.models import Job
from stadt360.providers.models import Provider
from tests.accounts.sessions import sign_in_with_second_factor
from tests.factories import JobFactory, ProviderFactory, UserFactory

pytestmark = pytest.mark.django_db


def admin_client() -> Client:
    user = UserFactory(is_staff=True, is_superuser=True)
    return sign_in_with_second_factor(Client(), user)


def test_admin_cannot_verify_an_organisation_past_the_review() -> None:
    provider = ProviderFactory(verified=False)
    client = admin_client()
    form = client.get(f"/admin/providers/provider/{provider.pk}/change/")
    assert form.status_code == 200
    assert 'name="verified"' not in form.content.decode()
    client.post(
        f"/admin/providers/provider/{provider.pk}/change/",
        {"name": provider.name, "slug": provider.slug, "kind": provider.kind, "verified": "on"},
    )
    assert Provider.objects.get(pk=provider.pk).verified is False


def test_admin_change_form_does_not_offer_status_or_owner_of_an_offer() -> None:
    job = JobFactory(provider__verified=False, status=OfferStatus.DRAFT)
    form = admin_client().get(f"/admin/jobs/job/{job.pk}/change/")
    assert form.status_code == 200
    html = form.content.decode()
    assert 'name="status"' not in html
    assert 'name="provider"' not in html
    assert Job.objects.get(pk=job.pk).status == OfferStatus.DRAFT
