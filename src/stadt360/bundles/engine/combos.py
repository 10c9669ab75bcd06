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


@dataclass(frozen=True, slots=True, eq=False)
class RouteGroups:
    """Pairs that share flat zone, job zone and shift: they share every care chain."""

    flat_zone: np.ndarray
    job_zone: np.ndarray
    start: np.ndarray
    end: np.ndarray
    max_daily: np.ndarray


def useful_options(
    p: Prepared, g: RouteGroups, options: CareOptions, quick: int | None = None
) -> np.ndarray:
    """(groups × options) mask: options whose best-case chain is short enough and whose
    hours can be met with the best-case travel time to and from work (``quick``: of
    those, only the ``quick`` nearest per group)."""
    travel = p.region.travel
    ok = np.zeros((len(g.flat_zone), len(options.zone)), bool)
    nearest = np.full(ok.shape, np.inf)
    x = options.zone
    for m in p.modes:
        rt, low = travel.round_trip_lower[m], travel.path_lower[m]
        chain = rt[np.ix_(g.flat_zone, x)] + rt[np.ix_(x, g.job_zone)].T
        to_work, from_work = low[np.ix_(x, g.job_zone)].T, low[np.ix_(g.job_zone, x)]
        mode_ok = chain <= g.max_daily[:, None]
        mode_ok &= options.opens[None, :] <= g.start[:, None] - to_work + p.tolerance
        mode_ok &= options.closes[None, :] >= g.end[:, None] + from_work - p.tolerance
        if np.isfinite(p.max_commute):
            mode_ok &= low[np.ix_(g.flat_zone, x)] + to_work <= p.max_commute
        ok |= mode_ok
        nearest = np.minimum(nearest, np.where(mode_ok, chain, np.inf))
    if quick is not None and quick < ok.shape[1]:
        cut = np.partition(nearest, quick - 1, axis=1)[:, quick - 1 : quick]
        ok &= nearest <= cut
    return ok


def expand(groups: np.ndarray, picks: np.ndarray, mask: np.ndarray) -> tuple:
    """Extend each row (group, picks so far) by every allowed option of the next child."""
    group_of, option = np.nonzero(mask)
    starts = np.searchsorted(group_of, np.arange(mask.shape[0] + 1))
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
    groups = np.arange(len(g.flat_zone))
    picks = np.zeros((len(groups), 0), np.int64)
    for options in p.care:
        groups, picks = expand(groups, picks, useful_options(p, g, options, quick))
    if len(p.care) > 1:
        keep = fits_places(p, picks)
        groups, picks = groups[keep], picks[keep]
    return groups, picks
