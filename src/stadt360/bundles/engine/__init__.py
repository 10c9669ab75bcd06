"""The 360° bundle engine: exact top-k (job, flat, care place per child) for a household.

Pure Python + NumPy; imports no Django and no other app except
``stadt360.mobility.geometric`` (travel modes). It returns codes and numbers only; the
Django side words them (``bundles.sentences``). The Django selector fills a ``Region``
snapshot and a ``BundleQuery`` and calls ``top_k``. See docs/engine.md.
"""

from .api import count_bundles, top_k
from .inputs import (
    BundleQuery,
    Flats,
    Household,
    Jobs,
    Kitas,
    MoneyParams,
    Region,
    Schools,
    SchoolType,
    TravelTimes,
    Variety,
    Weights,
    Wishes,
)
from .outputs import Bundle, BundleResult, CarePick, Leg, Reason, Relaxation, Removal

__all__ = [
    "Bundle",
    "BundleQuery",
    "BundleResult",
    "CarePick",
    "Flats",
    "Household",
    "Jobs",
    "Kitas",
    "Leg",
    "MoneyParams",
    "Reason",
    "Region",
    "Relaxation",
    "Removal",
    "SchoolType",
    "Schools",
    "TravelTimes",
    "Variety",
    "Weights",
    "Wishes",
    "count_bundles",
    "top_k",
]
