"""The back office navigation reaches the barrier reports for those who may read them."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.sessions import sign_in_with_second_factor
from tests.portal.world import make_world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("is_staff", [True, False])
def test_back_office_nav_links_barrier_reports_only_for_staff(
    client: Client, is_staff: bool
) -> None:
    moderator = make_world().users["moderator"]
    moderator.is_staff = is_staff
    moderator.save(update_fields=["is_staff"])
    sign_in_with_second_factor(client, moderator)
    html = client.get(reverse("moderation:provider-queue")).content.decode()
    url = reverse("backoffice:barrier-report-list")
    assert (f'href="{url}"' in html) is is_staff
    assert client.get(url).status_code == (200 if is_staff else 403)
