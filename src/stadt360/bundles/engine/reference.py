"""Brute-force reference: enumerate every (job, flat, care place per child) bundle.

Why: the engine prunes; this module does not, so tests can check that pruning never
changes the answer. It shares only the candidate filters (``prepare``) and the score
formulas (``scoring``) with the engine; chains are priced here by plain loops over modes
and over orders of the *distinct* stops, with the dwell per stop, and the schools of
pupils who travel alone are chosen here by plain loops too.
"""

from collections import Counter
from itertools import pairwise, permutations, product

import numpy as np

from stadt360.mobility.geometric import Mode

from .inputs import BundleQuery, Region
from .needs import PUPIL_MAX_MINUTES, CareKind, accepted_school_types, child_need, travels_alone
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

    ``stops`` items are (zone, [(opens, closes) of each child at that place]). The parent
    spends ``dwell`` minutes at every stop, morning and evening.
    """
    zones = [fz, *[s[0] for s in stops], jz]
    morning = [int(t[a, b]) for a, b in pairwise(zones)]
    back = zones[::-1]
    evening = [int(t[a, b]) for a, b in pairwise(back)]
    n, dwell = len(stops), p.query.wishes.dwell_min
    for i, (_zone, windows) in enumerate(stops):
        arrive_morning = start - sum(morning[i + 1 :]) - dwell * (n - i)
        visited_before = n - 1 - i  # in the evening, the stops are visited in reverse
        arrive_evening = end + sum(evening[: n - i]) + dwell * visited_before
        for opens, closes in windows:
            if opens > arrive_morning + p.tolerance:
                return None
            if closes < arrive_evening + dwell - p.tolerance:
                return None
    am = sum(morning) + dwell * n
    return am + sum(evening) + dwell * n, am


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


def pupil_school(region: Region, grade: int, flat_zone: int) -> tuple[int, float]:
    """(school id, minutes) of the nearest school for a pupil who travels alone: fewest
    minutes from the flat's zone by walk, bike or transit (all modes if the matrices have
    none of them), ties to the lowest id; (-1, inf) when no school teaches the grade."""
    schools, travel = region.schools, region.travel
    alone = [
        m for m, mode in enumerate(travel.modes) if mode in (Mode.WALK, Mode.BIKE, Mode.TRANSIT)
    ]
    modes = alone or list(range(len(travel.modes)))
    best: tuple[float, int] = (np.inf, -1)
    for s in range(len(schools)):
        if int(schools.school_type[s]) not in accepted_school_types(grade):
            continue
        if not schools.grade_min[s] <= grade <= schools.grade_max[s]:
            continue
        minutes = min(float(travel.minutes[m, flat_zone, schools.zone[s]]) for m in modes)
        best = min(best, (minutes, int(schools.ids[s])))
    return best[1], best[0]


def pupils_of_flat(region: Region, query: BundleQuery, flat: int) -> dict[int, int] | None:
    """{child: school id} of the pupils who travel alone, or None if one has none in reach."""
    out = {}
    for child, age in enumerate(query.household.child_age_months):
        need = child_need(int(age))
        if travels_alone(need):
            school, minutes = pupil_school(region, need.grade, int(region.flats.zone[flat]))
            if minutes > PUPIL_MAX_MINUTES:
                return None
            out[child] = school
    return out


def reference_top_k(region: Region, query: BundleQuery) -> list[RankedBundle]:
    """All bundles ranked by (total desc, job id, flat id, care ids); the first k. Care ids
    list every child with a place in household order, pupils who travel alone included."""
    p, w = prepare(region, query), query.weights
    ranked: list[RankedBundle] = []
    for j, f in product(range(len(p.job_index)), range(len(p.flat_index))):
        if p.flat_rent[f] > p.max_rent_share * p.job_money[j]:
            continue
        pupils = pupils_of_flat(region, query, int(p.flat_index[f]))
        if pupils is None:
            continue
        cost = cost_score(p.flat_rent[f], p.job_money[j])
        partial = partial_sum(p.job_part[j], p.flat_part[f], cost, w)
        for combo in product(*(range(len(o.source)) for o in p.care)):
            if not places_fit(p, combo):
                continue
            daily = best_daily(p, j, f, combo)
            if np.isfinite(daily):
                total = float(total_score(partial, commute_score(daily), w))
                by_child = pupils | {p.care[c].child: int(p.care[c].ids[pos])
                                     for c, pos in enumerate(combo)}  # fmt: skip
                care = tuple(by_child[child] for child in sorted(by_child))
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
