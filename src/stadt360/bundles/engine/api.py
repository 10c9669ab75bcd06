"""The engine's entry point: ``top_k(region, query) -> BundleResult``."""

import numpy as np

from .inputs import BundleQuery, Region
from .outputs import BundleResult
from .prepare import Prepared, prepare
from .relax import diagnose, relaxations
from .results import build_bundles
from .search import Found, search
from .variety import caps_never_bind, varied


def top_k(region: Region, query: BundleQuery) -> BundleResult:
    """Exact top-k bundles (with ``query.variety``: the first k that pass its caps, in
    ranking order); with fewer than k, what removed how much; with none, the smallest
    verified relaxations (when ``query.relax``). The work has a ceiling that does not
    depend on the household (``budget``); ``exact`` and ``relaxations_complete`` say
    whether it cut anything short."""
    p = prepare(region, query)
    found, exact = ranked(p, query)
    bundles = build_bundles(p, found)
    candidates = {"jobs": len(p.job_index), "flats": len(p.flat_index)}
    candidates |= {f"care_child_{i}": len(o.source) for i, o in enumerate(p.care)}
    if len(bundles) >= query.k:
        return BundleResult(bundles=bundles, candidates=candidates, exact=exact)
    relaxed, complete = relaxations(region, query) if not bundles and query.relax else ((), True)
    return BundleResult(
        bundles=bundles, removals=diagnose(p), relaxations=relaxed, candidates=candidates,
        exact=exact, relaxations_complete=complete,
    )  # fmt: skip


def ranked(p: Prepared, query: BundleQuery) -> tuple[Found, bool]:
    """The bundles to show, as the search's arrays, and whether they are exact."""
    caps = query.variety
    if caps is not None and not caps_never_bind(caps, query.k):
        return varied(p, query.k, caps)
    found = search(p, query.k)
    return found, p.budget.exact(float(found.total[-1]) if len(found) >= query.k else -np.inf)


def count_bundles(region: Region, query: BundleQuery) -> int:
    """How many bundles (at most ``query.k``) a query yields, without building them; like
    the relaxation checks, without variety (the plain ranking)."""
    return len(search(prepare(region, query), query.k))
