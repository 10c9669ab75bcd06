"""The company and cooperation pages of the portal are behind the same MFA gate as the portal."""

import pytest
from django.urls import reverse

from stadt360.providers.models import MemberRole
from tests.factories import ProviderFactory
from tests.portal.world import add_member, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name", ["companies_portal:company-profile", "cooperation_portal:post-list"]
)
def test_provider_member_without_authenticator_is_sent_to_mfa_setup(client, url_name) -> None:
    user = make_user("ohne-mfa@firma.example", mfa=False)
    add_member(user, ProviderFactory(), MemberRole.ADMIN)
    client.force_login(user)

    response = client.get(reverse(url_name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_index"))
