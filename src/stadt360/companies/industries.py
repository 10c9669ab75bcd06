"""Industries: WZ 2008 codes and titles from the ``wz-code`` package, and the supply matrix.

A code is stored as the classification writes it ("25.62", "46", "C"). Its *section* is the
letter above it, its *division* the first two digits. The supply matrix
(``data/wz_supply.json``) says which divisions or sections typically deliver to which.
Loaders are cached: the data is read-only reference data shipped with the package.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import get_language
from wz_code import WZ

DATA_DIR = Path(__file__).parent / "data"


@cache
def classification() -> WZ:
    return WZ(version="2008")


@cache
def supply_data() -> dict[str, Any]:
    with (DATA_DIR / "wz_supply.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def normalise_code(code: str) -> str:
    return code.strip().upper() if code.strip().isalpha() else code.strip()


def is_known(code: str) -> bool:
    return bool(code) and classification().exists(normalise_code(code))


def title(code: str) -> str:
    """The official German title, or "" for an unknown code."""
    return classification().get(normalise_code(code)).title if is_known(code) else ""


def division_of(code: str) -> str:
    """``"25.62"`` → ``"25"``; a section letter has no division (``""``)."""
    return code[:2] if code[:2].isdigit() else ""


def section_of(code: str) -> str:
    """``"25.62"`` → ``"C"``; ``"C"`` → ``"C"``; unknown → ``""``."""
    if not is_known(code):
        return ""
    node = classification().get(normalise_code(code))
    while node.parent is not None:
        node = node.parent
    return node.code


def keys_of(code: str) -> tuple[str, ...]:
    """The matrix keys a code falls under, most specific first: ``("25", "C")``."""
    return tuple(key for key in (division_of(code), section_of(code)) if key)


def short_label(key: str) -> str:
    """An everyday name of a section or division in the active language."""
    entry = supply_data()["labels"].get(key)
    if entry is None:
        return title(key)
    return entry.get((get_language() or "de")[:2], entry["de"])


def supplier_keys(buyer_code: str) -> dict[str, str]:
    """``{supplier_key: buyer_key}``: which keys supply this code, under which buyer key."""
    matrix = supply_data()["suppliers"]
    found: dict[str, str] = {}
    for buyer_key in keys_of(buyer_code):
        for supplier_key in matrix.get(buyer_key, []):
            found.setdefault(supplier_key, buyer_key)
    return found


def supply_relation(supplier_code: str, buyer_code: str) -> tuple[str, str] | None:
    """``(supplier_key, buyer_key)`` when the first code typically supplies the second."""
    suppliers = supplier_keys(buyer_code)
    for key in keys_of(supplier_code):
        if key in suppliers:
            return key, suppliers[key]
    return None


def sections() -> list[tuple[str, str]]:
    """``[(letter, title)]`` of all sections, for filter choices."""
    return [(node.code, node.title) for node in classification().get_top_level_codes()]
