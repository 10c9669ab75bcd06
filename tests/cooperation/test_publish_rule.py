"""The publish rule on the cooperation board: unverified organisations draft and stay quiet.

An organisation the city has not verified may write a post, but it stays a draft (not on
the board, not matched) until it is verified and published; it cannot send expressions of
interest. The services refuse it, so every channel (portal, future API) obeys.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from stadt360.cooperation.choices import PostStatus
from stadt360.cooperation.models import Interest, Post
from stadt360.cooperation.services import (
    close_post,
    create_post,
    publish_post,
    send_interest,
    update_post,
)
from stadt360.core.models import AuditEntry
from stadt360.core.publishing import UnverifiedProvider
from tests.accounts.sessions import sign_in_with_second_factor

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.cooperation.urls")]


def post_data(**extra):
    return {
        "post_type": "spare_capacity",
        "direction": "offer",
        "title": "Lagerfläche frei",
        "text": "200 m² trockene Lagerfläche in Gera-Langenberg.",
        "valid_until": timezone.localdate() + datetime.timedelta(days=30),
        **extra,
    }


def unverify(provider) -> None:
    provider.verified = False
    provider.save(update_fields=["verified"])


def test_unverified_post_is_a_draft_off_the_board_until_verified(company_world, client):
    provider = company_world.companies["precision"].provider
    unverify(provider)
    post = create_post(provider=provider, data=post_data(), by=None)
    assert post.status == PostStatus.DRAFT
    assert not Post.objects.open().filter(pk=post.pk).exists()
    assert client.get(f"/kooperation/{post.pk}/").status_code == 404
    with pytest.raises(UnverifiedProvider):
        publish_post(post=post, by=None)
    provider.verified = True
    provider.save(update_fields=["verified"])
    publish_post(post=post, by=None)
    assert client.get(f"/kooperation/{post.pk}/").status_code == 200
    assert AuditEntry.objects.filter(action="cooperation_post.published").count() == 1


def test_editing_an_open_post_after_verification_was_withdrawn_takes_it_off_the_board(
    company_world,
):
    post = company_world.posts["cnc_offer"]
    unverify(post.provider)
    update_post(post=post, data={"title": "Freie CNC-Kapazität ab Mai"}, by=None)
    assert post.status == PostStatus.DRAFT
    assert not Post.objects.open().filter(pk=post.pk).exists()


def test_unverified_post_created_in_the_portal_is_announced_as_draft(company_world, client):
    provider = company_world.companies["precision"].provider
    unverify(provider)
    sign_in_with_second_factor(client, company_world.users["precision"])
    response = client.post("/portal/kooperation/neu/", post_data(), follow=True)
    post = Post.objects.get(title="Lagerfläche frei")
    assert post.status == PostStatus.DRAFT
    assert "noch nicht geprüft" in response.content.decode()
    refused = client.post(f"/portal/kooperation/{post.pk}/veroeffentlichen/", follow=True)
    post.refresh_from_db()
    assert post.status == PostStatus.DRAFT
    assert "noch nicht geprüft" in refused.content.decode()


def test_unverified_organisation_cannot_express_interest(company_world, client):
    world = company_world
    sender = world.companies["precision"].provider
    unverify(sender)
    with pytest.raises(UnverifiedProvider):
        send_interest(sender=sender, message="Hallo", by=None, posts=[world.posts["cnc_offer"]])
    sign_in_with_second_factor(client, world.users["precision"])
    post = world.posts["cnc_need"]
    response = client.post(
        f"/portal/kooperation/{post.pk}/treffer/",
        {"targets": [f"post:{world.posts['cnc_offer'].pk}"], "message": "Wir suchen Hilfe."},
    )
    assert response.status_code == 200
    assert "noch nicht geprüft" in response.content.decode()
    assert not Interest.objects.exists()


def test_interest_reaches_only_posts_on_the_board(company_world):
    """The service, not only the portal's match list, refuses drafts and closed posts: an
    unverified organisation's draft is not public and must not be contacted (nor mailed)."""
    world = company_world
    drafter = world.companies["wholesale"].provider
    unverify(drafter)
    draft = create_post(provider=drafter, data=post_data(), by=None)
    closed = world.posts["cnc_offer"]
    close_post(post=closed, by=None)
    sender = world.companies["precision"].provider
    for target in (draft, closed):
        with pytest.raises(ValidationError):
            send_interest(sender=sender, message="Hallo", by=None, posts=[target])
    assert not Interest.objects.exists()
