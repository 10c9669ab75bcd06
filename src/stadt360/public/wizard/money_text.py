"""Money in the person's terms: exact amounts or ranges, where a Kita fee comes from, and
which money cell may be called the best. An unknown fee is a range, never 0, and a range
that overlaps another is no win.

Pure functions over ``bundles.schemas``; no database, no request.
"""

from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stadt360.bundles.schemas import Bundle, CarePart
from stadt360.core.templatetags.formatting import format_money

INFINITE = float("inf")


def monthly_costs(bundle: Bundle) -> tuple[float, float]:
    """Warm rent and Kita fees per month as (min, max); max is infinite when a fee has no
    figure at all. Exact when both are equal."""
    money = bundle.money
    high = INFINITE if money.kita_fees_max is None else money.kita_fees_max
    return money.warm_rent + money.kita_fees_min, money.warm_rent + high


def remaining_range(bundle: Bundle) -> tuple[float, float]:
    """What remains per month as (min, max); min is −∞ when a fee has no figure at all."""
    money = bundle.money
    if money.remaining_max is None:  # an answer from before fee ranges existed
        return money.remaining, money.remaining
    low = -INFINITE if money.remaining_min is None else money.remaining_min
    return low, money.remaining_max


def money_range(low: float, high: float) -> str:
    """ "1.200 €", "1.200 € to 1.350 €" or "at least 1.200 €" / "at most 1.200 €"."""
    if low == high:
        return format_money(round(low))
    if high == INFINITE:
        return _("at least %(amount)s") % {"amount": format_money(round(low))}
    if low == -INFINITE:
        return _("at most %(amount)s") % {"amount": format_money(round(high))}
    return _("%(low)s to %(high)s") % {
        "low": format_money(round(low)),
        "high": format_money(round(high)),
    }


FEE_SOURCES = {
    "provider": gettext_lazy("stated by the Kita"),
    "free_by_law": gettext_lazy("free by law (the years before school)"),
    "schedule": gettext_lazy("not stated by the Kita; estimate from the city's published figures"),
    "unknown": gettext_lazy("fee unknown"),
}


def fee_text(part: CarePart) -> str:
    """One child's Kita fee in words: amount or range, and where it comes from."""
    fee = part.fee
    if fee is None:
        return ""
    high = INFINITE if fee.max is None else fee.max
    amount = "" if fee.source == "unknown" else money_range(fee.min, high) + " – "
    return amount + str(FEE_SOURCES.get(fee.source, fee.source))


def fees_amount(bundle: Bundle) -> str:
    """The month's Kita fees: "150 €", "110 € to 230 € (fee not stated, estimate)"."""
    low, high = monthly_costs(bundle)
    rent = bundle.money.warm_rent
    if bundle.money.kita_fees_known:
        return format_money(round(low - rent))
    return _("%(range)s (fee not stated, estimate)") % {
        "range": money_range(low - rent, high - rent)
    }


def fees_line(bundle: Bundle) -> str:
    """The money table's Kita line: "− 150 €", "− 110 € to 230 € (fee not stated, estimate)"."""
    return "− " + fees_amount(bundle)


def _inexact_kitas(bundle: Bundle) -> set[tuple[int, int]]:
    return {
        (part.child.index, part.kita.id)
        for part in bundle.care
        if part.kita and part.fee and part.fee.min != part.fee.max
    }


def euro_difference(bundle: Bundle, best: Bundle) -> int | None:
    """More (+) or less (−) left each month than the best bundle; None when an unknown
    fee decides it. A child at the same Kita with an unknown fee in both cancels out."""
    if _inexact_kitas(bundle) != _inexact_kitas(best):
        return None
    return round(bundle.money.remaining - best.money.remaining)


def best_columns(ranges: Sequence[tuple[float, float]], higher: bool) -> frozenset[int]:
    """Columns whose value beats or equals every other column for sure, and beats one.

    A range that overlaps another is no win: an unknown fee never earns "best value".
    """
    sign = 1.0 if higher else -1.0
    worst = [min(sign * low, sign * high) for low, high in ranges]
    top = [max(sign * low, sign * high) for low, high in ranges]
    out = set()
    for i in range(len(ranges)):
        others = [j for j in range(len(ranges)) if j != i]
        if all(worst[i] >= top[j] for j in others) and any(worst[i] > top[j] for j in others):
            out.add(i)
    return frozenset(out)


def rounded(pair: tuple[float, float]) -> tuple[float, float]:
    return tuple(v if abs(v) == INFINITE else round(v) for v in pair)  # type: ignore[return-value]
