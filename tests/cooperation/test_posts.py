import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from stadt360.cooperation.choices import PostStatus
from stadt360.cooperation.models import Post
from stadt360.cooperation.services import close_expired_posts, create_post
from stadt360.core.models import AuditEntry
from stadt360.providers.models import ProviderKind
from tests.factories import ProviderFactory

pytestmark = pytest.mark.django_db


def data(**extra):
    return {
        "post_type": "city_challenge",
        "direction": "need",
        "title": "Leerstand beleben",
        "text": "Ideen für leere Läden in der Innenstadt.",
        "valid_until": timezone.localdate() + datetime.timedelta(days=30),
        **extra,
    }


def test_only_city_offices_post_city_challenges(company_world):
    with pytest.raises(ValidationError):
        create_post(provider=company_world.companies["bakery"].provider, data=data(), by=None)
    city = ProviderFactory(kind=ProviderKind.CITY_OFFICE, name="Amt für Wirtschaftsförderung")
    post = create_post(provider=city, data=data(), by=None)
    assert post.company is None
    assert AuditEntry.objects.filter(
        action="cooperation_post.created", object_id=str(post.pk)
    ).exists()


def test_expired_posts_leave_the_board_and_are_closed(company_world, client):
    post = company_world.posts["oven_offer"]
    Post.objects.filter(pk=post.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert client.get(f"/kooperation/{post.pk}/").status_code == 404
    assert close_expired_posts() == 1
    post.refresh_from_db()
    assert post.status == PostStatus.CLOSED
    assert AuditEntry.objects.get(action="cooperation_post.closed").via == "expiry"


def test_board_filters_by_type(client, company_world):
    body = client.get("/kooperation/", {"post_type": "spare_capacity"}).content.decode()
    assert "Freie CNC-Kapazität" in body
    assert "Backofen frei" in body
    assert "Zulieferer für CNC-Zerspanung" not in body


def test_board_filters_by_industry_of_the_company(client, company_world):
    body = client.get("/kooperation/", {"industry": "C", "direction": "offer"}).content.decode()
    assert "Freie CNC-Kapazität" in body
    assert "Zulieferer für CNC-Zerspanung" not in body


def test_post_page_shows_matches_and_reasons(client, company_world):
    response = client.get(f"/kooperation/{company_world.posts['cnc_need'].pk}/")
    body = response.content.decode()
    assert 'id="match-post-' in body
    assert "s360-reason--text" in body
    assert "s360-reason--complementary" in body
