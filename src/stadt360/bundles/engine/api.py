"""The engine's entry point: ``top_k(region, query) -> BundleResult``."""

from .inputs import BundleQuery, Region
from .outputs import BundleResult
from .prepare import prepare
from .relax import diagnose, relaxations
from .results import build_bundles
from .search import search


def top_k(region: Region, query: BundleQuery) -> BundleResult:
    """Exact top-k bundles; with fewer than k, what removed how much; with none, the
    smallest verified relaxations (when ``query.relax``)."""
    p = prepare(region, query)
    bundles = build_bundles(p, search(p, query.k))
    candidates = {"jobs": len(p.job_index), "flats": len(p.flat_index)}
    candidates |= {f"care_child_{i}": len(o.source) for i, o in enumerate(p.care)}
    if len(bundles) >= query.k:
        return BundleResult(bundles=bundles, candidates=candidates)
    relaxed = relaxations(region, query) if not bundles and query.relax else ()
    return BundleResult(
        bundles=bundles, removals=diagnose(p), relaxations=relaxed, candidates=candidates
    )


def count_bundles(region: Region, query: BundleQuery) -> int:
    """How many bundles (at most ``query.k``) a query yields, without building them."""
    return len(search(prepare(region, query), query.k))
