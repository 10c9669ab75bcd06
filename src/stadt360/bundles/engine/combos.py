"""Care combinations for route groups: which places per child can still matter, and their
products (one place per child), respecting free places when siblings share a Kita.

Why restrict first: a place far off the route cannot give a chain short enough to beat
the current k-th best bundle, and a place that closes before the parent can be back is
infeasible for that shift — both are decided from lower bounds alone, so nothing that
could rank is dropped.
"""

from dataclasses import dataclass

import numpy as np

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


def _candidates(
    p: Prepared, g: RouteGroups, options: CareOptions, quick: int | None = None
) -> tuple:
    """(group, option) pairs that pass every test with the fastest allowed mode's lower
    bounds: necessary for passing them with any one mode. Sorted by group, then option.
    ``quick``: only a few nearest per group (by that bound) — for the warm start, where
    any subset is valid."""
    low = p.lower
    x = options.zone
    chain = low.round_trip[np.ix_(g.flat_zone, x)] + low.round_trip[np.ix_(g.job_zone, x)]
    to_work = low.path_back[np.ix_(g.job_zone, x)]
    ok = chain <= g.max_daily[:, None]
    ok &= options.opens[None, :] <= g.start[:, None] - to_work + p.tolerance
    from_work = low.path[np.ix_(g.job_zone, x)]
    ok &= options.closes[None, :] >= g.end[:, None] + from_work - p.tolerance
    if np.isfinite(p.max_commute):
        ok &= low.path[np.ix_(g.flat_zone, x)] + to_work <= p.max_commute
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
) -> tuple[np.ndarray, np.ndarray]:
    """(group, option) pairs, sorted by group then option: options whose best-case chain
    is short enough and whose hours can be met with the best-case travel time to and from
    work, with one mode (``quick``: of those, only the ``quick`` nearest per group)."""
    group, option = _candidates(p, g, options, quick)
    travel = p.region.travel
    fz, jz, xz = g.flat_zone[group], g.job_zone[group], options.zone[option]
    ok = np.zeros(len(group), bool)
    nearest = np.full(len(group), np.inf)
    for m in p.modes:
        rt, low = travel.round_trip_lower[m], travel.path_lower[m]
        chain = rt[fz, xz] + rt[jz, xz]
        to_work = low[xz, jz]
        mode_ok = chain <= g.max_daily[group]
        mode_ok &= options.opens[option] <= g.start[group] - to_work + p.tolerance
        mode_ok &= options.closes[option] >= g.end[group] + low[jz, xz] - p.tolerance
        if np.isfinite(p.max_commute):
            mode_ok &= low[fz, xz] + to_work <= p.max_commute
        ok |= mode_ok
        nearest = np.minimum(nearest, np.where(mode_ok, chain, np.inf))
    group, option, nearest = group[ok], option[ok], nearest[ok]
    if quick is not None and len(group):
        keep = _keep_nearest(group, nearest, quick)
        group, option = group[keep], option[keep]
    return group, option


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


def combinations(
    p: Prepared, g: RouteGroups, quick: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """All useful care combinations: (group of each row, option position per child)."""
    n = len(g.flat_zone)
    groups = np.arange(n)
    picks = np.zeros((n, 0), np.int64)
    for options in p.care:
        group_of, option = useful_options(p, g, options, quick)
        groups, picks = expand(groups, picks, group_of, option, n)
    if len(p.care) > 1:
        keep = fits_places(p, picks)
        groups, picks = groups[keep], picks[keep]
    return groups, picks
