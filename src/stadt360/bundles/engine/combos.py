"""Care combinations for route groups: which places per child can still matter, and their
products (one place per child), respecting free places when siblings share a Kita.

Why a cap: the combinations of one group are the product of the children's places, which
grows without bound with the household; each group keeps at most ``budget.group_combos``
(nearest places first) and reports a lower bound of what it left out.

Why restrict first: a place far off the route cannot give a chain short enough to beat
the current k-th best bundle, and a place that closes before the parent can be back is
infeasible for that shift — both are decided from lower bounds alone, so nothing that
could rank is dropped. Dwell (minutes at every stop) enters only as far as it is certain:
a place is a stop itself (one dwell before work, one after), and a chain has at least
``p.dwell_floor / dwell`` distinct stops (a Kita and a school are never one stop).
"""

from dataclasses import dataclass

import numpy as np

from . import budget as limits
from .needs import CareKind
from .prepare import CareOptions, Prepared

# Warm start: candidates per group kept by the cheap bound, per place finally wanted.
QUICK_SPARE = 3


@dataclass(frozen=True, slots=True, eq=False)
class RouteGroups:
    """Pairs that share flat zone, job zone and shift: they share every care chain."""

    flat_zone: np.ndarray
    job_zone: np.ndarray
    start: np.ndarray
    end: np.ndarray
    max_daily: np.ndarray
    best: np.ndarray


def _candidates(
    p: Prepared, g: RouteGroups, options: CareOptions, quick: int | None = None
) -> tuple:
    """(group, option) pairs that pass every test with the fastest allowed mode's lower
    bounds: necessary for passing them with any one mode. Sorted by group, then option.
    ``quick``: only a few nearest per group (by that bound) — for the warm start, where
    any subset is valid."""
    low = p.mode_lower
    x = options.zone
    chain = low.round_trip[np.ix_(g.flat_zone, x)] + low.round_trip[np.ix_(g.job_zone, x)]
    chain += 2 * p.dwell_floor
    to_work = low.path_back[np.ix_(g.job_zone, x)] + p.dwell
    ok = chain <= g.max_daily[:, None]
    ok &= options.opens[None, :] <= g.start[:, None] - to_work + p.tolerance
    from_work = low.path[np.ix_(g.job_zone, x)] + p.dwell
    ok &= options.closes[None, :] >= g.end[:, None] + from_work - p.tolerance
    if np.isfinite(p.max_commute):
        reach = low.path[np.ix_(g.flat_zone, x)] + low.path_back[np.ix_(g.job_zone, x)]
        ok &= reach + p.dwell_floor <= p.max_commute
    group, option = np.nonzero(ok)
    if quick is not None and len(group):
        keep = _keep_nearest(group, chain[group, option], QUICK_SPARE * quick)
        group, option = group[keep], option[keep]
    return group, option


def _keep_nearest(group: np.ndarray, nearest: np.ndarray, quick: int) -> np.ndarray:
    """Per group, the ``quick`` smallest ``nearest`` (and ties with the last of them)."""
    order = np.lexsort([nearest, group])
    sorted_group = group[order]
    rank = np.arange(len(order)) - np.searchsorted(sorted_group, sorted_group, side="left")
    cut = np.full(int(group.max()) + 1 if len(group) else 0, np.inf)
    at = order[rank == quick - 1]
    cut[group[at]] = nearest[at]
    return nearest <= cut[group]


def useful_options(
    p: Prepared, g: RouteGroups, options: CareOptions, quick: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(group, option, nearest) triples, sorted by group then option: options whose
    best-case chain is short enough and whose hours can be met with the best-case travel
    time to and from work, with one mode (``quick``: of those, only the ``quick`` nearest
    per group). ``nearest`` is a lower bound of the daily minutes of any chain through
    the option."""
    group, option = _candidates(p, g, options, quick)
    travel = p.region.travel
    fz, jz, xz = g.flat_zone[group], g.job_zone[group], options.zone[option]
    ok = np.zeros(len(group), bool)
    nearest = np.full(len(group), np.inf)
    for m in p.modes:
        rt, low = travel.round_trip_lower[m], travel.path_lower[m]
        chain = rt[fz, xz] + rt[jz, xz] + 2 * p.dwell_floor
        to_work = low[xz, jz]
        mode_ok = chain <= g.max_daily[group]
        mode_ok &= options.opens[option] <= g.start[group] - to_work - p.dwell + p.tolerance
        from_work = low[jz, xz] + p.dwell
        mode_ok &= options.closes[option] >= g.end[group] + from_work - p.tolerance
        if np.isfinite(p.max_commute):
            mode_ok &= low[fz, xz] + to_work + p.dwell_floor <= p.max_commute
        ok |= mode_ok
        nearest = np.minimum(nearest, np.where(mode_ok, chain, np.inf))
    group, option, nearest = group[ok], option[ok], nearest[ok]
    if quick is not None and len(group):
        keep = _keep_nearest(group, nearest, quick)
        group, option, nearest = group[keep], option[keep], nearest[keep]
    return group, option, nearest


def cap_counts(counts: np.ndarray, limit: int) -> np.ndarray:
    """Places per (group, child) such that each group's product stays within ``limit``:
    the child with the most places is halved until it fits (groups × children)."""
    caps = counts.astype(np.float64)
    if caps.shape[1] == 0:
        return caps
    while True:
        over = (np.prod(caps, axis=1) > limit) & (caps.min(axis=1) > 0)
        if not over.any():
            return caps
        rows = np.flatnonzero(over)
        column = np.argmax(caps[rows], axis=1)
        caps[rows, column] = np.ceil(caps[rows, column] / 2)


def _nearest_first(
    group: np.ndarray, nearest: np.ndarray, cap: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """(kept mask: the ``cap[g]`` nearest options of each group g, ties by option order;
    per group the ``nearest`` of the first option left out, inf when none was)."""
    order = np.lexsort([nearest, group])
    sorted_group = group[order]
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order)) - np.searchsorted(sorted_group, sorted_group, "left")
    keep = rank < cap[group]
    cut = np.full(n, np.inf)
    first_out = rank == cap[group]
    cut[group[first_out]] = nearest[first_out]
    return keep, cut


@dataclass(frozen=True, slots=True, eq=False)
class ChildOptions:
    """Per child, the allowed (group, option) pairs sorted by group then option; per group
    the number of combinations and a lower bound of the daily minutes of any combination
    left out by the cap (inf when none was)."""

    group: tuple[np.ndarray, ...]
    option: tuple[np.ndarray, ...]
    count: np.ndarray
    left_out: np.ndarray


def child_options(p: Prepared, g: RouteGroups, quick: int | None = None) -> ChildOptions:
    """Useful places per child and route group, at most ``budget.group_combos``
    combinations per group (nearest places first)."""
    n = len(g.flat_zone)
    found = [useful_options(p, g, options, quick) for options in p.care]
    counts = (
        np.column_stack([np.bincount(f[0], minlength=n) for f in found])
        if found
        else (np.zeros((n, 0)))
    )
    caps = cap_counts(counts, limits.group_combos(len(p.care), len(p.modes)))
    left_out = np.full(n, np.inf)
    groups, options = [], []
    for i, (group, option, nearest) in enumerate(found):
        if np.all(caps[:, i] >= counts[:, i]):  # the usual case: the cap does not bite
            groups.append(group)
            options.append(option)
            continue
        keep, cut = _nearest_first(group, nearest, caps[:, i], n)
        left_out = np.minimum(left_out, cut)
        groups.append(group[keep])
        options.append(option[keep])
    return ChildOptions(tuple(groups), tuple(options), np.prod(caps, axis=1), left_out)


def expand(
    groups: np.ndarray, picks: np.ndarray, group_of: np.ndarray, option: np.ndarray, n: int
) -> tuple:
    """Extend each row (group, picks so far) by every allowed option of the next child;
    ``group_of``/``option`` list the allowed (group, option) pairs sorted by group."""
    starts = np.searchsorted(group_of, np.arange(n + 1))
    counts = (starts[1:] - starts[:-1])[groups]
    owner = np.repeat(np.arange(len(groups)), counts)
    local = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    chosen = option[starts[groups][owner] + local]
    return groups[owner], np.column_stack([picks[owner], chosen])


def fits_places(p: Prepared, picks: np.ndarray) -> np.ndarray:
    """Rows where no Kita age group receives more children than it has free places."""
    ok = np.ones(len(picks), bool)
    kita_children = [i for i, o in enumerate(p.care) if o.need.kind is CareKind.KITA]
    if len(kita_children) < 2:
        return ok
    kita = np.column_stack([p.care[i].kita[picks[:, i]] for i in kita_children])
    group = np.column_stack([p.care[i].group[picks[:, i]] for i in kita_children])
    free = p.region.kitas.free_places
    for a in range(len(kita_children)):
        same = (kita == kita[:, a : a + 1]) & (group == group[:, a : a + 1])
        ok &= same.sum(axis=1) <= free[kita[:, a], group[:, a]]
    return ok


def group_steps(count: np.ndarray) -> list[tuple[int, int]]:
    """Consecutive group ranges with at most ``MAX_ROWS`` combinations each (a group alone
    may reach ``MAX_GROUP_COMBOS`` ≤ ``MAX_ROWS``)."""
    total = np.concatenate([[0.0], np.cumsum(count)])
    steps, low = [], 0
    while low < len(count):
        high = int(np.searchsorted(total, total[low] + limits.MAX_ROWS, side="right")) - 1
        high = max(high, low + 1)
        steps.append((low, high))
        low = high
    return steps


def combinations(
    p: Prepared, c: ChildOptions, low: int, high: int
) -> tuple[np.ndarray, np.ndarray]:
    """The care combinations of groups ``low`` to ``high`` (exclusive): (group of each
    row, option position per child)."""
    n = high - low
    groups = np.arange(n)
    picks = np.zeros((n, 0), np.int64)
    for group_of, option in zip(c.group, c.option, strict=True):
        a, b = np.searchsorted(group_of, [low, high])
        groups, picks = expand(groups, picks, group_of[a:b] - low, option[a:b], n)
    if len(p.care) > 1:
        keep = fits_places(p, picks)
        groups, picks = groups[keep], picks[keep]
    return groups + low, picks
