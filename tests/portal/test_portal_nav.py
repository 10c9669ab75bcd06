"""The portal navigation reaches every area an organisation's member may use."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.sessions import sign_in_with_second_factor
from tests.portal.world import make_world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("member", ["editor", "admin"])
def test_portal_nav_links_the_cooperation_board_and_the_company_profile(
    client: Client, member: str
) -> None:
    world = make_world()
    sign_in_with_second_factor(client, world.users[member])
    html = client.get(reverse("portal:dashboard")).content.decode()
    nav = html[html.index('class="s360-portal-nav"') :]
    nav = nav[: nav.index("</nav>")]
    for name in ("cooperation_portal:post-list", "companies_portal:company-profile"):
        url = reverse(name)
        assert f'href="{url}"' in nav
        assert client.get(url).status_code == 200  # the link leads to a page they may use
