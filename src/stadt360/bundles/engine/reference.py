"""Brute-force reference: enumerate every (job, flat, care place per child) bundle.

Why: the engine prunes; this module does not, so tests can check that pruning never
changes the answer. It shares only the candidate filters (``prepare``) and the score
formulas (``scoring``) with the engine; chains are priced here by plain loops over modes
and over orders of the *distinct* stops.
"""

from collections import Counter
from itertools import pairwise, permutations, product

import numpy as np

from .inputs import BundleQuery, Region
from .needs import CareKind
from .prepare import Prepared, prepare
from .scoring import commute_score, cost_score, partial_sum, total_score

RankedBundle = tuple[float, int, int, tuple[int, ...]]


def places_fit(p: Prepared, combo: tuple[int, ...]) -> bool:
    """No Kita age group gets more children than it has free places."""
    wanted = Counter(
        (int(p.care[c].kita[pos]), int(p.care[c].group[pos]))
        for c, pos in enumerate(combo)
        if p.care[c].need.kind is CareKind.KITA
    )
    free = p.region.kitas.free_places
    return all(free[kita, group] >= n for (kita, group), n in wanted.items())


def chain_minutes(
    p: Prepared, t: np.ndarray, fz: int, jz: int, stops: list, start: float, end: float
) -> tuple[int, int] | None:
    """(daily, morning) minutes for stops in this order, or None if hours do not fit.

    ``stops`` items are (zone, [(opens, closes) of each child at that place]).
    """
    zones = [fz, *[s[0] for s in stops], jz]
    morning = [int(t[a, b]) for a, b in pairwise(zones)]
    back = zones[::-1]
    evening = [int(t[a, b]) for a, b in pairwise(back)]
    for i, (_zone, windows) in enumerate(stops):
        leave = start - sum(morning[i + 1 :])
        arrive = end + sum(evening[: len(stops) - i])
        for opens, closes in windows:
            if opens > leave + p.tolerance or closes < arrive - p.tolerance:
                return None
    return sum(morning) + sum(evening), sum(morning)


def best_daily(p: Prepared, j: int, f: int, combo: tuple[int, ...]) -> float:
    """Fewest daily minutes over allowed modes and orders of distinct stops (inf if none)."""
    by_place: dict[int, tuple[int, list]] = {}
    for c, pos in enumerate(combo):
        options = p.care[c]
        key = int(options.key[pos])
        _zone, windows = by_place.setdefault(key, (int(options.zone[pos]), []))
        windows.append((float(options.opens[pos]), float(options.closes[pos])))
    best = np.inf
    for m in p.modes:
        t = p.region.travel.minutes[m]
        for stops in permutations(by_place.values()):
            got = chain_minutes(
                p,
                t,
                int(p.flat_zone[f]),
                int(p.job_zone[j]),
                list(stops),
                float(p.job_start[j]),
                float(p.job_end[j]),
            )
            if got is not None and got[1] <= p.max_commute:
                best = min(best, got[0])
    return best


def reference_top_k(region: Region, query: BundleQuery) -> list[RankedBundle]:
    """All bundles ranked by (total desc, job id, flat id, care ids); the first k."""
    p, w = prepare(region, query), query.weights
    ranked: list[RankedBundle] = []
    for j, f in product(range(len(p.job_index)), range(len(p.flat_index))):
        if p.flat_rent[f] > p.max_rent_share * p.job_money[j]:
            continue
        cost = cost_score(p.flat_rent[f], p.job_money[j])
        partial = partial_sum(p.job_part[j], p.flat_part[f], cost, w)
        for combo in product(*(range(len(o.source)) for o in p.care)):
            if not places_fit(p, combo):
                continue
            daily = best_daily(p, j, f, combo)
            if np.isfinite(daily):
                total = float(total_score(partial, commute_score(daily), w))
                care = tuple(int(p.care[c].ids[pos]) for c, pos in enumerate(combo))
                ranked.append(
                    (
                        total,
                        int(region.jobs.ids[p.job_index[j]]),
                        int(region.flats.ids[p.flat_index[f]]),
                        care,
                    )
                )
    ranked.sort(key=lambda b: (-b[0], b[1], b[2], b[3]))
    return ranked[: query.k]
