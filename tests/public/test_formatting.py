"""Numbers, money and dates in the person's language (core/templatetags)."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from stadt360.core.templatetags.formatting import NBSP, format_date, format_money, format_number


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (1100, "de", f"1.100{NBSP}€"),
        (1100, "en", "€1,100"),
        (Decimal("1100.5"), "de", f"1.100,50{NBSP}€"),
        (Decimal("1100.5"), "en", "€1,100.50"),
        (0, "de", f"0{NBSP}€"),
        (-12, "en", "-€12"),
        (1234567, "de", f"1.234.567{NBSP}€"),
    ],
)
def test_money(value: int | Decimal, language: str, expected: str) -> None:
    assert format_money(value, language) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "language", "expected"),
    [
        (1234567.891, 2, "de", "1.234.567,89"),
        (1234567.891, 2, "en", "1,234,567.89"),
        (2.5, 0, "de", "3"),  # half up, not banker's rounding
        (999, 0, "en", "999"),
        (-1500, 0, "de", "-1.500"),
    ],
)
def test_number(value: float, decimals: int, language: str, expected: str) -> None:
    assert format_number(value, decimals, language) == expected


def test_dates_in_both_languages() -> None:
    day = datetime.date(2026, 11, 28)
    assert format_date(day, "de") == "28.11.2026"
    assert format_date(day, "en") == "28 Nov 2026"
    assert format_date(datetime.date(2026, 3, 5), "de") == "05.03.2026"


def test_aware_datetime_is_shown_as_the_day_in_gera() -> None:
    # 23:30 UTC on 27 November is already 28 November in Berlin.
    moment = datetime.datetime(2026, 11, 27, 23, 30, tzinfo=datetime.UTC)
    assert format_date(moment, "de") == "28.11.2026"
    assert timezone.is_aware(moment)


def render(source: str, language: str, **context: object) -> str:
    with translation.override(language):
        return Template("{% load ui %}" + source).render(Context(context))


def test_filters_follow_the_active_language() -> None:
    source = "{{ rent|money }}|{{ people|number }}|{{ day|local_date }}"
    values = {"rent": 1100, "people": 92800, "day": datetime.date(2026, 11, 28)}
    assert render(source, "de", **values) == f"1.100{NBSP}€|92.800|28.11.2026"
    assert render(source, "en", **values) == "€1,100|92,800|28 Nov 2026"


def test_filters_render_nothing_for_missing_values() -> None:
    assert (
        render(
            "[{{ none|money }}{{ text|number }}{{ text|local_date }}]", "de", none=None, text="abc"
        )
        == "[]"
    )


def test_demo_badge_is_labelled_in_both_languages() -> None:
    assert "Demodaten" in render("{% demo_badge %}", "de")
    assert "Demo data" in render("{% demo_badge %}", "en")
    assert "kern-badge" in render("{% demo_badge %}", "en")
