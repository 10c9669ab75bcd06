"""Sign-up with double opt-in: the mail, the expiring link, no enumeration, bad input."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from stadt360.newsletter.consent import CONSENT_VERSION
from stadt360.newsletter.models import Subscriber, SubscriberStatus, Topic
from tests.newsletter.conftest import link_in

pytestmark = pytest.mark.django_db


def test_sign_up_confirm_end_to_end(
    client: Client, sign_up: Callable[..., object], topics: dict[str, Topic]
) -> None:
    page = client.get("/newsletter/").content.decode()
    assert "Ich möchte den Newsletter von Gera 360°" in page  # the consent text is shown
    assert "KI &amp; Daten" in page

    response = sign_up("Anna@Example.org", ["ki-daten", "wirtschaft"])
    assert response.status_code == 302
    assert response["Location"] == "/newsletter/danke/"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "anna@example.org"
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.consent_version == CONSENT_VERSION
    assert subscriber.consent_text.startswith("Ich möchte den Newsletter von Gera 360°")
    assert abs(subscriber.consented_at - timezone.now()) < timedelta(minutes=1)
    assert sorted(subscriber.topics.values_list("slug", flat=True)) == ["ki-daten", "wirtschaft"]

    [message] = mail.outbox
    assert message.to == ["anna@example.org"]
    assert "bestätigen" in message.subject
    confirm = link_in(message, "bestaetigen")
    # The link shows a button first: mail scanners that follow links confirm nothing.
    page = client.get(confirm)
    assert page.status_code == 200
    assert 'id="confirm-button"' in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING

    done = client.post(confirm)
    assert "Anmeldung bestätigt" in done.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.confirmed_at is not None


def test_english_sign_up_gets_english_mail_and_links(
    client: Client,
    topics: dict[str, Topic],
    immediate_tasks: None,
    django_capture_on_commit_callbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/newsletter/", {"email": "sam@example.org", "consent": "on"})
    [message] = mail.outbox
    assert message.subject == "[Gera 360°] Please confirm your newsletter subscription"
    assert link_in(message, "bestaetigen").startswith("/en/newsletter/")
    subscriber = Subscriber.objects.get()
    assert subscriber.language == "en"
    assert subscriber.topics.count() == len(topics)  # no choice: every topic


def test_expired_link_says_so_and_confirms_nothing(
    client: Client, sign_up: Callable[..., object], settings
) -> None:
    sign_up("late@example.org")
    confirm = link_in(mail.outbox[0], "bestaetigen")
    later = timezone.now() + timedelta(hours=settings.NEWSLETTER_CONFIRM_HOURS, minutes=1)
    with freeze_time(later):
        response = client.post(confirm)
    assert response.status_code == 410
    html = response.content.decode()
    assert "Link abgelaufen" in html
    assert f"{settings.NEWSLETTER_CONFIRM_HOURS} Stunden" in html
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_tampered_link_is_not_valid(client: Client, sign_up: Callable[..., object]) -> None:
    sign_up("x@example.org")
    confirm = link_in(mail.outbox[0], "bestaetigen")
    response = client.post(confirm.replace(":", "x", 1))
    assert response.status_code == 404
    assert "Link ungültig" in response.content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_signing_up_again_while_pending_resends_without_a_second_row(
    client: Client, sign_up: Callable[..., object]
) -> None:
    sign_up("twice@example.org", ["wirtschaft"])
    sign_up("TWICE@example.org", ["ki-daten"])
    assert Subscriber.objects.count() == 1
    assert len(mail.outbox) == 2
    subscriber = Subscriber.objects.get()
    assert list(subscriber.topics.values_list("slug", flat=True)) == ["ki-daten"]
    # Both links lead to the same subscription; the newer one confirms it.
    client.post(link_in(mail.outbox[1], "bestaetigen"))
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED


def test_known_and_unknown_addresses_get_the_same_answer(
    client: Client, sign_up: Callable[..., object], confirmed: Callable[..., Subscriber]
) -> None:
    confirmed("known@example.org", ["wirtschaft"])
    known = sign_up("known@example.org", ["ki-daten"])
    unknown = sign_up("new@example.org", ["ki-daten"])
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    # The confirmed subscription is unchanged; its owner is told by mail, nobody else.
    subscriber = Subscriber.objects.get(email="known@example.org")
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert list(subscriber.topics.values_list("slug", flat=True)) == ["wirtschaft"]
    notice = next(
        m for m in mail.outbox if m.to == ["known@example.org"] and "bereits" in m.subject
    )
    assert "/newsletter/verwalten/" in notice.body


def test_mails_to_one_address_are_limited_but_the_answer_is_not(
    client: Client, sign_up: Callable[..., object], settings
) -> None:
    settings.NEWSLETTER_SIGNUPS_PER_HOUR = 100
    answers = {sign_up("flood@example.org").status_code for _ in range(6)}
    assert answers == {302}
    assert len(mail.outbox) == 3
    assert Subscriber.objects.count() == 1


def test_sign_ups_are_limited_per_client_address(
    client: Client, sign_up: Callable[..., object], settings
) -> None:
    settings.NEWSLETTER_SIGNUPS_PER_HOUR = 2
    for number in range(2):
        assert sign_up(f"p{number}@example.org").status_code == 302
    response = sign_up("p3@example.org")
    assert response.status_code == 429
    assert "Zu viele Anmeldungen" in response.content.decode()
    assert not Subscriber.objects.filter(email="p3@example.org").exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "not-an-address", "consent": "on"}, "email", "gültige E-Mail-Adresse"),
        ({"email": "", "consent": "on"}, "email", "Bitte geben Sie Ihre E-Mail-Adresse ein."),
        ({"email": "a@example.org"}, "consent", "Bitte stimmen Sie dem Empfang"),
        (
            {"email": "a@example.org", "consent": "on", "topics": ["wirtschaft", "astrologie"]},
            "topics",
            "Unbekanntes Thema: astrologie",
        ),
    ],
    ids=["invalid-email", "missing-email", "missing-consent", "unknown-topic"],
)
def test_bad_input_gives_a_clear_error_and_stores_nothing(
    client: Client,
    topics: dict[str, Topic],
    immediate_tasks: None,
    data: dict[str, object],
    field: str,
    message: str,
) -> None:
    response = client.post("/newsletter/", data)
    assert response.status_code == 200  # the form again, with the errors
    html = response.content.decode()
    assert message in html
    assert 'id="error-summary"' in html
    assert f'href="#id_{field}' in html
    assert Subscriber.objects.count() == 0
    assert mail.outbox == []


def test_the_service_refuses_bad_input_on_its_own(topics: dict[str, Topic]) -> None:
    from django.core.exceptions import ValidationError

    from stadt360.newsletter.services import subscribe

    with pytest.raises(ValidationError) as refused:
        subscribe(
            email="nope", topics=["unknown"], consent=False, language="de", sender_ip="1.2.3.4"
        )
    assert set(refused.value.message_dict) == {"email", "consent", "topics"}
    assert Subscriber.objects.count() == 0


def test_start_page_has_the_compact_sign_up(client: Client, topics: dict[str, Topic]) -> None:
    """The start page asks for the address only and sends it by GET (no cookie for readers);
    the newsletter page has it filled in and asks for topics and consent."""
    html = client.get("/").content.decode()
    assert 'method="get" action="/newsletter/"' in html
    assert 'id="newsletter_email"' in html
    page = client.get("/newsletter/", {"email": "leser@example.org"}).content.decode()
    assert 'value="leser@example.org"' in page
    assert "Ich möchte den Newsletter" in page
