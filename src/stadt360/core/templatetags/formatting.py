"""Locale-aware formatting of numbers, money and dates for people, not machines.

Django's ``localize`` depends on ``USE_THOUSAND_SEPARATOR`` and on format modules that
differ between releases; the site promises one exact style per language (German
``1.100 €`` and ``28.11.2026``, English ``€1,100`` and ``28 Nov 2026``), so the rules
live here, in one screen, and are tested directly.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import dateformat, timezone
from django.utils.translation import get_language, override

NBSP = "\u00a0"


@dataclass(frozen=True)
class NumberStyle:
    group: str
    decimal: str
    date_format: str


STYLES = {
    "de": NumberStyle(group=".", decimal=",", date_format="d.m.Y"),
    "en": NumberStyle(group=",", decimal=".", date_format="j M Y"),
}


def style_for(language: str | None) -> NumberStyle:
    """The style of a language code such as ``de`` or ``en-gb``; German when unknown."""
    base = (language or get_language() or "de").split("-")[0].lower()
    return STYLES.get(base, STYLES["de"])


def format_number(
    value: int | float | Decimal, decimals: int = 0, language: str | None = None
) -> str:
    """Group thousands and round half up (as people expect, not banker's rounding)."""
    style = style_for(language)
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", style.group)
    return f"{sign}{grouped}{style.decimal}{fraction}" if fraction else f"{sign}{grouped}"


def format_money(value: int | float | Decimal, language: str | None = None) -> str:
    """Euros without cents when whole (``1.100 €``), with two decimals otherwise."""
    amount = Decimal(str(value))
    decimals = 0 if amount == amount.to_integral_value() else 2
    number = format_number(amount, decimals, language)
    if style_for(language) is STYLES["en"]:
        sign, digits = ("-", number[1:]) if number.startswith("-") else ("", number)
        return f"{sign}€{digits}"
    # A non-breaking space keeps amount and currency on one line.
    return f"{number}{NBSP}€"


def format_date(value: datetime.date | datetime.datetime, language: str | None = None) -> str:
    """A calendar day as the reader writes it; datetimes are shown in the site's time zone."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    code = (language or get_language() or "de").split("-")[0]
    with override(code):
        return dateformat.format(value, style_for(code).date_format)
