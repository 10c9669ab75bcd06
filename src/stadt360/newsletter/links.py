"""The personal links in newsletter mails: absolute, in the subscriber's language.

Mails are built by background tasks (no request), so the host comes from ``SITE_URL``.
The confirmation link carries the subscriber's token signed with a timestamp: it expires
after ``NEWSLETTER_CONFIRM_HOURS``; the unsubscribe and manage links carry the token
itself and stay valid as long as the subscription exists.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from .models import Subscriber

CONFIRM_SALT = "stadt360.newsletter.confirm"


def confirm_signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=CONFIRM_SALT)


def confirm_max_age() -> int:
    return int(settings.NEWSLETTER_CONFIRM_HOURS) * 3600


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _url(subscriber: Subscriber, name: str, **kwargs: str) -> str:
    with translation.override(subscriber.language):
        return absolute(reverse(f"public:{name}", kwargs=kwargs))


def confirm_url(subscriber: Subscriber) -> str:
    return _url(subscriber, "newsletter-confirm", signed=confirm_signer().sign(subscriber.token))


def unsubscribe_url(subscriber: Subscriber) -> str:
    return _url(subscriber, "newsletter-unsubscribe", token=subscriber.token)


def manage_url(subscriber: Subscriber) -> str:
    return _url(subscriber, "newsletter-manage", token=subscriber.token)
