"""The newsletter's mails: every one carries the one-click unsubscribe (RFC 8058).

``List-Unsubscribe`` names the personal unsubscribe URL; ``List-Unsubscribe-Post`` tells
mail programs that a POST to it unsubscribes without a further question. The same link
is visible in the body. Issue mails get a Message-ID made from the delivery, so a copy
that a crash between sending and recording sends twice is recognisable as the same mail.
"""

import re
from html import unescape
from typing import Any

import nh3
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from stadt360.core.ui.richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES

from .links import absolute, confirm_url, manage_url, unsubscribe_url
from .models import Delivery, Issue, Subscriber

ISSUE_TAGS = ALLOWED_TAGS | {"h2", "h3", "h4"}


def clean_issue_html(html: str) -> str:
    """The issue's rich text as safe HTML with absolute links (mail has no site around it)."""
    expanded = expand_db_html(html)

    def absolute_links(element: str, attribute: str, value: str) -> str | None:
        if element == "a" and attribute == "href" and value.startswith("/"):
            return absolute(value)
        return value

    return nh3.clean(
        expanded,
        tags=ISSUE_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=absolute_links,
    )


def plain_text(html: str) -> str:
    """The text part: blocks on their own lines, links with their address in brackets."""
    text = re.sub(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', r"\2 (\1)", html, flags=re.S)
    text = re.sub(r"</(p|h[2-4]|li|ul|ol)>|<br ?/?>", "\n", text)
    text = re.sub(r"<li>", "- ", text)
    lines = (line.strip() for line in unescape(strip_tags(text)).splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _message(
    subscriber: Subscriber, subject: str, template: str, context: dict[str, Any]
) -> EmailMultiAlternatives:
    unsubscribe = unsubscribe_url(subscriber)
    context = {
        **context,
        "unsubscribe_url": unsubscribe,
        "manage_url": manage_url(subscriber),
        "site_url": settings.SITE_URL,
    }
    message = EmailMultiAlternatives(
        subject=f"[Gera 360°] {subject}",
        body=render_to_string(f"newsletter/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string(f"newsletter/email/{template}.html", context), "text/html"
    )
    return message


def confirmation_message(subscriber: Subscriber) -> EmailMultiAlternatives:
    with translation.override(subscriber.language):
        return _message(
            subscriber,
            _("Please confirm your newsletter subscription"),
            "confirm",
            {"confirm_url": confirm_url(subscriber), "hours": settings.NEWSLETTER_CONFIRM_HOURS},
        )


def already_subscribed_message(subscriber: Subscriber) -> EmailMultiAlternatives:
    with translation.override(subscriber.language):
        return _message(subscriber, _("You already receive the newsletter"), "already", {})


def issue_message(issue: Issue, delivery: Delivery) -> EmailMultiAlternatives:
    subscriber = delivery.subscriber
    html = clean_issue_html(issue.content)
    with translation.override(subscriber.language):
        message = _message(
            subscriber,
            issue.subject,
            "issue",
            {"issue": issue, "content": html, "text": plain_text(html)},
        )
    domain = settings.SITE_URL.split("://")[-1].split("/")[0].split(":")[0] or "localhost"
    message.extra_headers["Message-ID"] = f"<newsletter-{issue.pk}-{delivery.pk}@{domain}>"
    return message
