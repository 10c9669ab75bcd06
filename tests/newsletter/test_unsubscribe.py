"""One-click unsubscribe (RFC 8058) and the topics page, from the links in the mails."""

import re
from collections.abc import Callable
from email import message_from_bytes, policy

import pytest
from django.core import mail
from django.test import Client

from stadt360.newsletter.models import Subscriber, SubscriberStatus
from tests.newsletter.conftest import link_in

pytestmark = pytest.mark.django_db


def test_every_mail_carries_the_one_click_headers_and_a_visible_link(
    sign_up: Callable[..., object], settings
) -> None:
    sign_up("h@example.org")
    [message] = mail.outbox
    subscriber = Subscriber.objects.get()
    url = f"{settings.SITE_URL}/newsletter/abmelden/{subscriber.token}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body
    html = message.alternatives[0][0]
    assert f'href="{url}"' in html
    # The headers survive into the message as sent.
    sent = message_from_bytes(message.message().as_bytes(), policy=policy.default)
    assert sent["List-Unsubscribe"] == f"<{url}>"
    assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_one_click_post_unsubscribes_without_csrf_or_question(
    confirmed: Callable[..., Subscriber],
) -> None:
    subscriber = confirmed("c@example.org", ["wirtschaft"])
    mailer = Client(enforce_csrf_checks=True)  # a mail program: no cookie, no CSRF token
    response = mailer.post(
        f"/newsletter/abmelden/{subscriber.token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    assert subscriber.topics.count() == 0


def test_get_shows_a_button_and_changes_nothing(
    client: Client, confirmed: Callable[..., Subscriber]
) -> None:
    subscriber = confirmed("g@example.org")
    path = link_in(mail.outbox[0], "abmelden")
    page = client.get(path)
    html = page.content.decode()
    assert 'id="unsubscribe-button"' in html
    assert "g@example.org" in html
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    client.post(path)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert "Sie sind abgemeldet" in client.get(path).content.decode()


def test_unknown_token_is_not_found(client: Client) -> None:
    assert client.get("/newsletter/abmelden/nothing-here/").status_code == 404
    assert client.post("/newsletter/abmelden/nothing-here/").status_code == 404


def test_manage_topics_through_the_link(
    client: Client, confirmed: Callable[..., Subscriber]
) -> None:
    subscriber = confirmed("m@example.org", ["wirtschaft"])
    path = link_in(mail.outbox[0], "verwalten")
    page = client.get(path).content.decode()
    checked = re.findall(r'value="([\w-]+)" id="id_topics_\d+" checked', page)
    assert checked == ["wirtschaft"]
    response = client.post(path, {"topics": ["ki-daten", "foerderprogramme"]})
    assert "gespeichert" in response.content.decode()
    assert sorted(subscriber.topics.values_list("slug", flat=True)) == [
        "foerderprogramme",
        "ki-daten",
    ]
    bad = client.post(path, {"topics": ["astrologie"]})
    assert "Unbekanntes Thema" in bad.content.decode()
    empty = client.post(path, {})
    assert "mindestens ein Thema" in empty.content.decode()


def test_signing_up_after_unsubscribing_needs_a_new_confirmation(
    client: Client, sign_up: Callable[..., object], confirmed: Callable[..., Subscriber]
) -> None:
    subscriber = confirmed("back@example.org")
    old_token = subscriber.token
    client.post(f"/newsletter/abmelden/{old_token}/")
    sign_up("back@example.org")
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.token != old_token  # links of the old subscription stop working
    assert client.get(f"/newsletter/verwalten/{old_token}/").status_code == 404
    # The first confirmation link is dead too: it names the old token.
    assert client.post(link_in(mail.outbox[0], "bestaetigen")).status_code == 404
