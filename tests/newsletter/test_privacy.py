"""The newsletter's data in the privacy registry: export, deletion, retention."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from stadt360.accounts.privacy import Person, data_kinds, retention_rules
from stadt360.accounts.services import apply_retention
from stadt360.newsletter.models import Subscriber, SubscriberStatus

pytestmark = pytest.mark.django_db


def newsletter_entry():
    return next(entry for entry in data_kinds() if entry.key == "newsletter")


def test_export_and_erase_cover_the_subscription(
    confirmed: Callable[..., Subscriber], django_user_model
) -> None:
    confirmed("Person@Example.org", ["wirtschaft"])
    confirmed("other@example.org")
    user = django_user_model.objects.create_user("p", "person@example.org", "pw-long-enough-1")
    person = Person(user=user, emails=frozenset({"person@example.org"}))
    exported = newsletter_entry().export(person)
    [subscription] = exported["subscriptions"]
    assert subscription["email"] == "person@example.org"
    assert subscription["status"] == "confirmed"
    assert subscription["topics"] == ["wirtschaft"]
    assert subscription["consent_version"]
    assert subscription["consent_text"].startswith("Ich möchte")
    newsletter_entry().erase(person)
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["other@example.org"]


def test_unconfirmed_sign_ups_and_old_unsubscriptions_expire(
    client: Client, sign_up: Callable[..., object], confirmed: Callable[..., Subscriber], settings
) -> None:
    keys = {rule.key for rule in retention_rules()}
    assert {"newsletter_pending", "newsletter_unsubscribed"} <= keys
    sign_up("old-pending@example.org")
    sign_up("new-pending@example.org")
    gone = confirmed("gone@example.org")
    client.post(f"/newsletter/abmelden/{gone.token}/")
    staying = confirmed("staying@example.org")
    long_ago = timezone.now() - timedelta(days=settings.RETENTION_NEWSLETTER_UNSUBSCRIBED_DAYS + 1)
    Subscriber.objects.filter(email="old-pending@example.org").update(consented_at=long_ago)
    Subscriber.objects.filter(email="gone@example.org").update(unsubscribed_at=long_ago)
    counts = apply_retention()
    assert counts["newsletter_pending"] == 1
    assert counts["newsletter_unsubscribed"] == 1
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "new-pending@example.org",
        "staying@example.org",
    ]
    assert Subscriber.objects.get(pk=staying.pk).status == SubscriberStatus.CONFIRMED
    assert mail.outbox  # (the sign-ups really went through the form)
