"""The engine's entry point: ``top_k(region, query) -> BundleResult``."""

from .inputs import BundleQuery, Region
from .outputs import BundleResult
from .prepare import prepare
from .relax import diagnose, relaxations
from .results import build_bundles
from .variety import shown


def top_k(region: Region, query: BundleQuery) -> BundleResult:
    """Exact top-k bundles (with ``query.variety``: the first k that pass its caps, in
    ranking order); with fewer than k, what removed how much; with none, the smallest
    verified relaxations (when ``query.relax``). The work has a ceiling that does not
    depend on the household (``budget``); ``exact`` and ``relaxations_complete`` say
    whether it cut anything short."""
    p = prepare(region, query)
    found, exact = shown(p, query)
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


def count_bundles(region: Region, query: BundleQuery) -> int:
    """How many bundles (at most ``query.k``) a query shows, without building them."""
    return len(shown(prepare(region, query), query)[0])
