"""What the newsletter holds about a person: the subscription of an address (with the
consent given: time, text, version), its topics and which issues went to it. Matched by
the account's verified addresses; registered with ``accounts.privacy``.

Sign-ups never confirmed are deleted ``RETENTION_NEWSLETTER_PENDING_DAYS`` after the
consent; unsubscribed addresses ``RETENTION_NEWSLETTER_UNSUBSCRIBED_DAYS`` after
unsubscribing.
"""

from typing import Any

from stadt360.accounts.privacy import (
    Person,
    PersonalData,
    RetentionRule,
    by_address,
    deleting,
    register,
    register_retention,
    rows,
)

from .models import Delivery, Subscriber
from .services import delete_unsubscribed, expire_pending


def _subscriptions(person: Person) -> Any:
    return Subscriber.objects.filter(by_address("email", person))


def _newsletter(person: Person) -> dict[str, Any]:
    subscriptions = _subscriptions(person)
    return {
        "subscriptions": [
            {**row, "topics": sorted(topics)}
            for row, topics in zip(
                rows(
                    subscriptions,
                    [
                        "email",
                        "status",
                        "language",
                        "consent_text",
                        "consent_version",
                        "consented_at",
                        "confirmed_at",
                        "unsubscribed_at",
                    ],
                ),
                [
                    list(s.topics.values_list("slug", flat=True))
                    for s in subscriptions.order_by("pk")
                ],
                strict=True,
            )
        ],
        "issues_received": rows(
            Delivery.objects.filter(subscriber__in=subscriptions, status="sent"),
            ["issue__subject", "sent_at"],
        ),
    }


register(
    PersonalData(
        key="newsletter",
        models=("newsletter.Subscriber", "newsletter.Delivery"),
        export=_newsletter,
        erase=deleting(_subscriptions),
    )
)
register_retention(
    RetentionRule(
        key="newsletter_pending",
        setting="RETENTION_NEWSLETTER_PENDING_DAYS",
        apply=expire_pending,
    )
)
register_retention(
    RetentionRule(
        key="newsletter_unsubscribed",
        setting="RETENTION_NEWSLETTER_UNSUBSCRIBED_DAYS",
        apply=delete_unsubscribed,
    )
)
