"""Exact top-k bundles by branch and bound over zone blocks.

1. Bound every (flat zone, job zone) block (``blocks.block_bounds``) and open blocks best
   bound first, a few at a time.
2. Inside opened blocks, bound each (job, flat) pair with its exact job, flat and cost
   terms plus the block's chain bound, then (with children) a per-child detour bound.
3. Pairs that survive are grouped by route (flat zone, job zone, shift); care places
   that cannot help are dropped from lower bounds alone (``combos``), the rest are priced
   exactly (``chain``), and the k best bundles so far set the bar for everything after.

Every cut compares an upper bound ≥ the exact score with the k-th best score found, so the
result equals full enumeration (tests check this against the brute force in
``tests/bundles/oracle.py``). The work has a
ceiling (``budget``): what the ceiling leaves out is recorded in ``p.budget`` with an
upper bound of its score, so the caller knows whether the answer is still exact.
"""

from dataclasses import dataclass

import numpy as np

from .blocks import (
    SLACK,
    Blocks,
    block_pairs,
    build_blocks,
    candidates,
    more_ranks,
    travel_upper,
)
from .chain import ChainRows, best_chains
from .combos import RouteGroups, child_options, combinations, group_steps
from .inputs import Weights
from .prepare import Prepared
from .scoring import commute_score, cost_score, max_daily_minutes, partial_sum, total_score

SWEEP_BATCH = 64
MAX_BATCH = 4096
DETOUR_MIN_PAIRS = 64
WARM_FLAT_ZONES = 4
WARM_BLOCKS = 32
FIRST_RANKS = 16
# Places per child in the warm start: few enough that their combinations stay few.
QUICK_OPTIONS = (6, 3, 2)


@dataclass(frozen=True, slots=True, eq=False)
class Found:
    """Bundles as parallel arrays: positions into the prepared job/flat/care arrays."""

    job: np.ndarray
    flat: np.ndarray
    care: np.ndarray
    total: np.ndarray
    commute: np.ndarray
    cost: np.ndarray
    daily: np.ndarray
    morning: np.ndarray
    mode: np.ndarray
    order: np.ndarray

    def __len__(self) -> int:
        return len(self.job)

    def take(self, index: np.ndarray) -> "Found":
        return Found(*(getattr(self, name)[index] for name in self.__slots__))


def empty_found(n_children: int) -> Found:
    ints, floats = np.zeros(0, np.int64), np.zeros(0)
    return Found(
        ints,
        ints,
        np.zeros((0, n_children), np.int64),
        floats,
        floats,
        floats,
        floats,
        floats,
        ints,
        np.zeros((0, n_children), np.int64),
    )


def rank_order(p: Prepared, found: Found) -> np.ndarray:
    """Order by total descending, then job id, flat id, care ids (child order)."""
    care_ids = [p.care[i].ids[found.care[:, i]] for i in reversed(range(found.care.shape[1]))]
    keys = [
        *care_ids,
        p.region.flats.ids[p.flat_index[found.flat]],
        p.region.jobs.ids[p.job_index[found.job]],
        -found.total,
    ]
    return np.lexsort(keys)


def merge(p: Prepared, best: Found, new: Found, k: int) -> Found:
    """The k best of both, each bundle once (a block may be priced twice)."""
    both = Found(*(np.concatenate([getattr(best, n), getattr(new, n)]) for n in Found.__slots__))
    ranked = both.take(rank_order(p, both))
    keys = np.column_stack([ranked.job, ranked.flat, ranked.care])
    fresh = np.ones(len(ranked), bool)
    fresh[1:] = np.any(keys[1:] != keys[:-1], axis=1)
    return ranked.take(np.flatnonzero(fresh)[:k])


def threshold(best: Found, k: int) -> float:
    return float(best.total[k - 1]) if len(best) >= k else -np.inf


def pair_upper(p: Prepared, job: np.ndarray, flat: np.ndarray, chain_lower: np.ndarray):
    """(upper bound of total, partial sum, cost) per pair."""
    w = p.query.weights
    cost = cost_score(p.flat_rent[flat], p.job_money[job])
    partial = partial_sum(p.job_part[job], p.flat_part[flat], cost, w)
    return total_score(partial, commute_score(chain_lower), w) + SLACK, partial, cost


def detour_lower(p: Prepared, zf: np.ndarray, zj: np.ndarray) -> np.ndarray:
    """Per zone pair: a lower bound on the daily chain through one place of every child
    (with the dwell every chain surely has)."""
    rt = p.region.travel.round_trip_lower
    out = np.full(len(zf), np.inf)
    for m in p.modes:
        per_mode = np.zeros(len(zf))
        for options in p.care:
            x = np.unique(options.zone)
            via = (rt[m][np.ix_(zf, x)] + rt[m][np.ix_(x, zj)].T).min(axis=1)
            per_mode = np.maximum(per_mode, via)
        out = np.minimum(out, per_mode)
    return out + 2 * p.dwell_floor


def survivors(
    p: Prepared, b: Blocks, fz: np.ndarray, jz: np.ndarray, chain: np.ndarray, bar: float
) -> tuple:
    """Pairs of the blocks whose upper bound reaches the bar: (job, flat, block, partial,
    cost); ``block`` numbers the given blocks."""
    job, flat, block = block_pairs(b, fz, jz)
    keep = p.flat_rent[flat] <= p.max_rent_share * p.job_money[job]
    job, flat, block = job[keep], flat[keep], block[keep]
    upper, partial, cost = pair_upper(p, job, flat, chain[block])
    keep = upper >= bar
    job, flat, block, partial, cost = job[keep], flat[keep], block[keep], partial[keep], cost[keep]
    if p.care and len(job) > DETOUR_MIN_PAIRS and np.isfinite(bar):
        used, inverse = np.unique(block, return_inverse=True)
        detour = detour_lower(p, b.flats.zones[fz[used]], b.jobs.zones[jz[used]])
        lower = np.maximum(detour, chain[used])[inverse]
        keep = total_score(partial, commute_score(lower), p.query.weights) + SLACK >= bar
        job, flat, block, partial, cost = (a[keep] for a in (job, flat, block, partial, cost))
    return job, flat, block, partial, cost


def route_groups(
    p: Prepared, zf: np.ndarray, zj: np.ndarray, job: np.ndarray, partial: np.ndarray, bar: float
) -> tuple[RouteGroups, np.ndarray]:
    """Group pairs by (flat zone, job zone, shift); each group's chain budget comes from
    its best pair."""
    zones = p.region.travel.minutes.shape[1]
    shifts = int(p.job_shift.max()) + 1 if len(p.job_shift) else 1
    keys = (zf.astype(np.int64) * zones + zj) * shifts + p.job_shift[job]
    _, first, group = np.unique(keys, return_index=True, return_inverse=True)
    group = group.ravel()
    best = np.full(len(first), -np.inf)
    np.maximum.at(best, group, partial)
    w = p.query.weights
    if w.commute > 0 and np.isfinite(bar):
        # The rounding margin is taken off in score units, before dividing by the commute
        # weight: divided first, the rounding of ``bar * w.total - best`` grows with
        # 1 / w.commute (a weight of 1e-12 made it 1e-4) while a margin added afterwards
        # does not, and bundles that tie the bar in the last bit were cut.
        with np.errstate(over="ignore"):
            need = (bar * w.total - best - score_margin(w)) / w.commute
        budget = np.array([max_daily_minutes(v) for v in need]) + 1e-6
    else:
        budget = np.full(len(first), np.inf)
    routes = RouteGroups(
        zf[first].astype(np.int64),
        zj[first].astype(np.int64),
        p.job_start[job[first]],
        p.job_end[job[first]],
        budget,
        best,
    )
    return routes, group


def score_margin(weights: Weights) -> float:
    """Rounding margin of a weighted sum of terms in [0, 1] (before dividing by Σw)."""
    return SLACK * max(weights.total, 1.0)


def top_pairs(p: Prepared, group: np.ndarray, partial: np.ndarray, k: int) -> np.ndarray:
    """Pairs that can be among the k best of their route group: all pairs of a group share
    every care chain, so a pair whose partial sum is (beyond rounding) below the group's
    k-th best is beaten by k bundles with the same care places."""
    order = np.lexsort([-partial, group])
    sorted_group = group[order]
    first = np.searchsorted(sorted_group, sorted_group, side="left")
    rank = np.arange(len(order)) - first
    kth = np.full(int(group.max()) + 1 if len(group) else 0, -np.inf)
    at_k = order[rank == k - 1]
    kth[group[at_k]] = partial[at_k]
    return np.flatnonzero(partial >= kth[group] - score_margin(p.query.weights))


def chain_rows(p: Prepared, routes: RouteGroups, rows_group: np.ndarray, picks: np.ndarray):
    """Chain inputs for each (route group, care combination) row."""
    columns = range(len(p.care))

    def take(field: str, dtype: type) -> np.ndarray:
        cols = [getattr(p.care[i], field)[picks[:, i]] for i in columns]
        return np.column_stack(cols).astype(dtype) if cols else np.zeros((len(picks), 0), dtype)

    return ChainRows(
        routes.flat_zone[rows_group],
        routes.job_zone[rows_group],
        routes.start[rows_group],
        routes.end[rows_group],
        take("zone", np.int64),
        take("key", np.int64),
        take("opens", np.float64),
        take("closes", np.float64),
    )


def best_per_group(
    p: Prepared, groups: np.ndarray, picks: np.ndarray, commute: np.ndarray, k: int
) -> np.ndarray:
    """Row indices of the k best care combinations of every group: by weighted commute
    (with weight 0 every combination ties), then care ids.

    Near ties: added to a pair's partial sum, two weighted commutes closer than the
    rounding margin may round to the same total, and then the care ids decide. So when
    the combinations within the margin of the k-th one's weighted commute (the band) do
    not all have the same value, the whole band is kept (a commute weight of 1e-12 makes
    every combination of a route such a near tie); equal values give equal totals, and
    then the first k by care ids are already right."""
    weighted = p.query.weights.commute * commute
    care_ids = [p.care[i].ids[picks[:, i]] for i in reversed(range(picks.shape[1]))]
    order = np.lexsort([*care_ids, -weighted, groups])
    sorted_groups, value = groups[order], weighted[order]
    rank = np.arange(len(order)) - np.searchsorted(sorted_groups, sorted_groups, side="left")
    n = int(groups.max()) + 1 if len(groups) else 0
    kth = np.full(n, np.nan)
    kth[sorted_groups[rank == k - 1]] = value[rank == k - 1]
    band = np.abs(value - kth[sorted_groups]) <= score_margin(p.query.weights)
    low, high = np.full(n, np.inf), np.full(n, -np.inf)
    np.minimum.at(low, sorted_groups[band], value[band])
    np.maximum.at(high, sorted_groups[band], value[band])
    mixed = band & (high > low)[sorted_groups]
    return order[(rank < k) | mixed]


def care_allowed(p: Prepared, picks: np.ndarray) -> np.ndarray:
    """Per row: whether its care set is not one the search must leave out."""
    banned = p.care_banned
    if banned is None or len(banned) == 0 or picks.shape[1] == 0:
        return np.ones(len(picks), bool)
    out = np.ones(len(picks), bool)
    for row in banned:
        out &= ~np.all(picks == row, axis=1)
    return out


def _priced_rows(p: Prepared, routes: RouteGroups, k: int, quick: int | None) -> tuple:
    """(group, picks, chains) of the k best feasible care combinations of every group,
    expanded and priced in steps of at most ``MAX_ROWS`` combinations. Groups the budget
    no longer reaches, and combinations the per-group cap leaves out, are recorded in
    ``p.budget`` with an upper bound of their score (not for the warm start, whose
    blocks the sweep opens again)."""
    track = quick is None
    w = p.query.weights
    c = child_options(p, routes, quick)
    if track:
        cut = np.isfinite(c.left_out)
        if cut.any():
            upper = total_score(routes.best[cut], commute_score(c.left_out[cut]), w) + SLACK
            p.budget.skip(float(upper.max()))
    kept_group, kept_picks, kept_chains = [], [], []
    for low, high in group_steps(c.count):
        if track and p.budget.exhausted:
            rest = total_score(routes.best[low:], commute_score(0.0), w) + SLACK
            p.budget.skip(float(rest.max()))
            break
        rows_group, picks = combinations(p, c, low, high)
        chains = best_chains(
            p.region.travel.minutes,
            p.modes,
            chain_rows(p, routes, rows_group, picks),
            p.max_commute,
            p.tolerance,
            p.dwell,
        )
        p.budget.spend(chains.work)
        p.budget.heuristic |= chains.approximate and track
        rows = np.flatnonzero(np.isfinite(chains.daily))
        rows = rows[care_allowed(p, picks[rows])]
        commute = commute_score(chains.daily[rows])
        rows = rows[best_per_group(p, rows_group[rows], picks[rows], commute, k)]
        kept_group.append(rows_group[rows])
        kept_picks.append(picks[rows])
        kept_chains.append((chains.daily[rows], chains.morning[rows], chains.mode[rows],
                            chains.order[rows]))  # fmt: skip
    n = len(p.care)
    if not kept_group:
        ints = np.zeros(0, np.int64)
        return ints, np.zeros((0, n), np.int64), (np.zeros(0), ints, ints, np.zeros((0, n), int))
    parts = tuple(np.concatenate([part[i] for part in kept_chains]) for i in range(4))
    return np.concatenate(kept_group), np.concatenate(kept_picks), parts


def price(
    p: Prepared,
    routes: RouteGroups,
    group: np.ndarray,
    job: np.ndarray,
    flat: np.ndarray,
    partial: np.ndarray,
    cost: np.ndarray,
    k: int,
    quick: int | None = None,
) -> Found:
    """Exact bundles: every pair with the k best feasible care combinations of its group."""
    rows_group, picks, (daily, morning, mode, order) = _priced_rows(p, routes, k, quick)
    rows = np.argsort(rows_group, kind="stable")
    starts = np.searchsorted(rows_group[rows], np.arange(len(routes.start) + 1))
    counts = (starts[1:] - starts[:-1])[group]
    owner = np.repeat(np.arange(len(group)), counts)
    local = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    row = rows[starts[group][owner] + local]
    com = commute_score(daily[row])
    total = total_score(partial[owner], com, p.query.weights)
    return Found(
        job[owner],
        flat[owner],
        picks[row],
        total,
        com,
        cost[owner],
        daily[row],
        morning[row],
        mode[row],
        order[row],
    )


def open_blocks(
    p: Prepared,
    b: Blocks,
    fz: np.ndarray,
    jz: np.ndarray,
    chain: np.ndarray,
    bar: float,
    k: int,
    quick: int | None = None,
) -> Found:
    """Exact bundles of the blocks that can reach the bar (``quick``: only the nearest
    few places per child, to find a first bar cheaply — still exact scores)."""
    job, flat, block, partial, cost = survivors(p, b, fz, jz, chain, bar)
    if len(job) == 0:
        return empty_found(len(p.care))
    zf, zj = b.flats.zones[fz[block]], b.jobs.zones[jz[block]]
    routes, group = route_groups(p, zf, zj, job, partial, bar)
    keep = top_pairs(p, group, partial, k)
    job, flat, group, partial, cost = (a[keep] for a in (job, flat, group, partial, cost))
    found = price(p, routes, group, job, flat, partial, cost, k, quick)
    return found.take(np.flatnonzero(found.total >= bar))


def first_bar(p: Prepared, b: Blocks, k: int) -> Found:
    """A few promising blocks priced quickly: real bundles whose k-th score is the first bar."""
    fz, jz = candidates(p, b, -np.inf, (0, WARM_FLAT_ZONES))
    upper, chain = travel_upper(p, b, fz, jz)
    top = np.argsort(-upper, kind="stable")[:WARM_BLOCKS]
    top = top[np.isfinite(upper[top])]
    quick = QUICK_OPTIONS[min(len(p.care), len(QUICK_OPTIONS)) - 1] if p.care else None
    return open_blocks(p, b, fz[top], jz[top], chain[top], -np.inf, k, quick=quick)


def sweep(p: Prepared, b: Blocks, best: Found, k: int, ranks: tuple[int, int]) -> Found:
    """Open, best travel bound first, the blocks of these flat-zone ranks that can still
    reach the bar; the bar rises as bundles are found."""
    bar = threshold(best, k)
    fz, jz = candidates(p, b, bar, ranks)
    upper, chain = travel_upper(p, b, fz, jz)
    order = np.flatnonzero(upper >= bar)
    order = order[np.argsort(-upper[order], kind="stable")]
    batch, done = SWEEP_BATCH, 0
    while done < len(order) and upper[order[done]] >= bar:
        if p.budget.exhausted:
            p.budget.skip(float(upper[order[done]]))
            break
        chosen = order[done : done + batch]
        chosen = chosen[upper[chosen] >= bar]
        found = open_blocks(p, b, fz[chosen], jz[chosen], chain[chosen], bar, k)
        best = merge(p, best, found, k)
        bar, done, batch = threshold(best, k), done + batch, min(batch * 4, MAX_BATCH)
    return best


def hopeless(p: Prepared) -> bool:
    """True when some candidate set is empty, so no bundle can exist."""
    if len(p.job_index) == 0 or len(p.flat_index) == 0 or p.lower is None:
        return True
    return any(len(options.source) == 0 for options in p.care)


def exists(p: Prepared) -> bool | None:
    """Whether the query has at least one bundle: reachable blocks are opened best travel
    bound first, in growing batches, and the search stops at the first bundle found.
    None when the budget ran out (or a cap left combinations out) before an answer."""
    if hopeless(p):
        return False
    b = build_blocks(p)
    fz, jz = candidates(p, b, -np.inf, (0, len(b.flats.zones)))
    upper, chain = travel_upper(p, b, fz, jz)
    order = np.flatnonzero(np.isfinite(upper))
    order = order[np.argsort(-upper[order], kind="stable")]
    batch, done = SWEEP_BATCH, 0
    while done < len(order):
        if p.budget.exhausted:
            return None
        chosen = order[done : done + batch]
        if len(open_blocks(p, b, fz[chosen], jz[chosen], chain[chosen], -np.inf, 1)):
            return True
        done, batch = done + batch, min(batch * 4, MAX_BATCH)
    return False if p.budget.exact(-np.inf) else None


def search(p: Prepared, k: int) -> Found:
    """The exact top-k bundles (see module docstring)."""
    best = empty_found(len(p.care))
    if k <= 0 or hopeless(p):
        return best
    b = build_blocks(p)
    best = merge(p, best, first_bar(p, b, k), k)
    if np.isfinite(threshold(best, k)):
        return sweep(p, b, best, k, (0, len(b.flats.zones)))
    low, high = 0, FIRST_RANKS
    while True:
        best = sweep(p, b, best, k, (low, high))
        if not more_ranks(p, b, threshold(best, k), high):
            return best
        if p.budget.exhausted:
            _skip_ranks(p, b, threshold(best, k), high)
            return best
        low, high = high, high * 4


def _skip_ranks(p: Prepared, b: Blocks, bar: float, done: int) -> None:
    """Record the best travel bound of the blocks beyond flat-zone rank ``done``."""
    fz, jz = candidates(p, b, bar, (done, len(b.flats.zones)))
    upper, _ = travel_upper(p, b, fz, jz)
    if len(upper):
        p.budget.skip(float(upper.max()))
