"""Choices of the companies app: KMU size classes, product kinds, product categories (data)."""

import json
from functools import cache

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .industries import DATA_DIR


class SizeClass(models.TextChoices):
    """Employee classes of the EU SME definition (KMU)."""

    MICRO = "micro", _("1–9 employees")
    SMALL = "small", _("10–49 employees")
    MEDIUM = "medium", _("50–249 employees")
    LARGE = "large", _("250 or more employees")


SIZE_ORDER = {size: rank for rank, size in enumerate(SizeClass.values)}


class ProductKind(models.TextChoices):
    PRODUCT = "product", _("Product")
    SERVICE = "service", _("Service")


@cache
def _categories() -> tuple[dict[str, str], ...]:
    with (DATA_DIR / "product_categories.json").open(encoding="utf-8") as handle:
        return tuple(json.load(handle)["categories"])


def category_choices() -> list[tuple[str, str]]:
    """``[(key, label)]`` in the active language."""
    language = (get_language() or "de")[:2]
    return [(entry["key"], entry.get(language, entry["de"])) for entry in _categories()]


def category_label(key: str) -> str:
    return dict(category_choices()).get(key, key)
