"""Why a company or post is suggested: one short, plain reason per signal.

Shared by "similar companies", "companies that could supply this one" and the
cooperation matching, so the person reads the same words everywhere.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from stadt360.core.templatetags.formatting import format_number

from . import industries


@dataclass(frozen=True, slots=True)
class Reason:
    code: str  # same_industry, related_industry, complementary, distance, text, size, complement
    text: str


def same_industry(code: str) -> Reason:
    label = industries.short_label(industries.division_of(code)) or industries.title(code)
    return Reason("same_industry", _("same industry: %(industry)s") % {"industry": label})


def related_industry(code: str) -> Reason:
    label = industries.short_label(industries.section_of(code))
    return Reason("related_industry", _("related industry: %(industry)s") % {"industry": label})


def complementary(supplier_key: str, buyer_key: str) -> Reason:
    text = _("complementary industry: %(supplier)s supplies %(buyer)s") % {
        "supplier": industries.short_label(supplier_key),
        "buyer": industries.short_label(buyer_key),
    }
    return Reason("complementary", text)


def distance(km: float) -> Reason:
    return Reason("distance", _("%(km)s km away") % {"km": format_number(round(km, 1), 1)})


def text(terms: Sequence[str]) -> Reason:
    return Reason("text", _("text matches: %(terms)s") % {"terms": ", ".join(terms)})


def size_fit() -> Reason:
    return Reason("size", _("similar company size"))


def offer_meets_need() -> Reason:
    return Reason("complement", _("a need meets a matching offer"))
