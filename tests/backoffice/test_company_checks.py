"""City staff confirm company profiles; a change after the check puts a profile back in the queue."""

import pytest
from django.urls import reverse

from stadt360.accounts.roles import Role
from stadt360.companies.models import Company
from stadt360.companies.services import verify_company
from stadt360.core.models import AuditEntry
from tests.accounts.sessions import sign_in_with_second_factor
from tests.companies.world import make_company
from tests.portal.world import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(client):
    user = make_user("moderator@stadt.example", role=Role.CITY_MODERATOR, mfa=True)
    sign_in_with_second_factor(client, user)
    return user


def test_moderator_checks_a_profile_and_it_leaves_the_queue(client, moderator) -> None:
    company = make_company("precision")
    queue = reverse("moderation:company-queue")
    assert company.provider.name in client.get(queue).content.decode()

    response = client.post(reverse("moderation:company-verify", args=[company.pk]))

    assert response.status_code == 302
    company.refresh_from_db()
    assert company.verified_by_city
    assert company.verified_by == moderator
    assert AuditEntry.objects.filter(action="company.verified", object_id=str(company.pk)).exists()
    verify_url = reverse("moderation:company-verify", args=[company.pk])
    assert verify_url not in client.get(queue).content.decode()


def test_a_profile_changed_after_the_check_is_checked_again(moderator) -> None:
    company = make_company("precision")
    verify_company(company=company, by=moderator)
    assert not Company.objects.awaiting_check().filter(pk=company.pk).exists()
    company.description = "Neu: auch Laserschneiden"
    company.save()
    assert Company.objects.awaiting_check().filter(pk=company.pk).exists()
