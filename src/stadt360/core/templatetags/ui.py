"""Shared UI template tags: ``{% load ui %}`` for numbers, money, dates and badges.

Every presentation app (public, portal, backoffice) formats the same way, so the
person sees one style across the platform.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .formatting import format_date, format_money, format_number

register = template.Library()

Number = int | float | Decimal


def _as_number(value: object) -> Number | None:
    """Template values arrive as numbers or strings; anything else renders as empty."""
    if isinstance(value, bool) or value is None or value == "":
        return None
    if isinstance(value, int | float | Decimal):
        return value
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def number(value: object, decimals: int = 0) -> str:
    """``{{ 1100|number }}`` → ``1.100`` (de) / ``1,100`` (en)."""
    parsed = _as_number(value)
    return "" if parsed is None else format_number(parsed, int(decimals))


@register.filter
def money(value: object) -> str:
    """``{{ 1100|money }}`` → ``1.100 €`` (de) / ``€1,100`` (en)."""
    parsed = _as_number(value)
    return "" if parsed is None else format_money(parsed)


@register.filter
def local_date(value: object) -> str:
    """``{{ day|local_date }}`` → ``28.11.2026`` (de) / ``28 Nov 2026`` (en)."""
    if isinstance(value, datetime.date):
        return format_date(value)
    return ""


@register.simple_tag
def demo_badge() -> SafeString:
    """The "Demo data" label: demo content must never look like a real offer."""
    return format_html(
        '<span class="kern-badge kern-badge--warning">'
        '<span class="kern-icon kern-icon--warning" aria-hidden="true"></span>'
        '<span class="kern-label">{}</span></span>',
        _("Demo data"),
    )


@register.simple_tag(takes_context=True)
def url_in_language(context: template.Context, language: str) -> str:
    """The current page in another language: the language lives in the URL, not a cookie."""
    request: HttpRequest | None = context.get("request")
    if request is None:
        return "/"
    return translate_url(request.get_full_path(), language)
