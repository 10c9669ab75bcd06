"""The daily trip chain: flat → care stops → work in the morning, the reverse at night.

Vectorised over many candidate rows at once (one row = flat zone, job zone, shift and one
care place per child). Children at the same place are one stop; for every allowed mode
and every order of the distinct stops the chain is priced, and the chain a bundle gets is
the feasible one with the fewest daily minutes (ties: first mode in matrix order, then
first stop order). Feasible means: the morning chain is at most the commute limit, and
every care place is open when the parent arrives there in the morning and still open when
the parent leaves it in the evening (± tolerance). The parent spends ``dwell`` minutes at
every distinct stop, in the morning and again in the evening: with d stops, a chain's
minutes per direction are its legs plus dwell·d, and the stop at visiting position s
(0-based) is reached dwell·(d − s) earlier in the morning (and left that much later in
the evening) than the legs alone say.

Why a ceiling on orders: d stops have d! orders. Up to ``budget.EXACT_STOPS`` distinct
stops every order is priced (exact); beyond, a few natural orders per row (along the way
to work, nearest to home first, farthest from work first) — real, feasible chains, but
not necessarily the shortest, so the search reports its answer as not exact.
"""

from dataclasses import dataclass
from functools import cache
from itertools import permutations

import numpy as np

from . import budget as limits


@dataclass(frozen=True, slots=True, eq=False)
class ChainRows:
    """Inputs per row; care arrays have shape (rows, children)."""

    flat_zone: np.ndarray
    job_zone: np.ndarray
    start: np.ndarray
    end: np.ndarray
    zone: np.ndarray
    key: np.ndarray
    opens: np.ndarray
    closes: np.ndarray

    def take(self, index: np.ndarray) -> "ChainRows":
        return ChainRows(*(getattr(self, name)[index] for name in self.__slots__))


@dataclass(frozen=True, slots=True, eq=False)
class ChainBest:
    """Best feasible chain per row; ``daily`` is inf where nothing is feasible. ``order``
    lists the children in visiting order (rows × children); ``work`` counts the chain
    evaluations (row × order × mode) spent; ``approximate`` is True when some row had
    more than ``EXACT_STOPS`` stops and only a few orders were priced."""

    daily: np.ndarray
    morning: np.ndarray
    mode: np.ndarray
    order: np.ndarray
    work: float = 0.0
    approximate: bool = False


@cache
def stop_orders(d: int) -> np.ndarray:
    """All orders of d stops, in itertools order (the tie-break order): (orders × d)."""
    return np.array(list(permutations(range(d))), np.int64).reshape(-1 if d else 1, d)


def stop_layout(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(stop number of each child, numbered by first appearance; distinct stops per row)."""
    n = key.shape[1]
    if n <= 1:
        return np.zeros(key.shape, np.int64), np.full(len(key), n, np.int64)
    same = key[:, :, None] == key[:, None, :]
    first = np.argmax(same, axis=2)
    is_first = first == np.arange(n)[None, :]
    number = np.cumsum(is_first, axis=1) - 1
    return np.take_along_axis(number, first, axis=1), is_first.sum(axis=1)


def _stops(rows: ChainRows, stop_of: np.ndarray, d: int) -> tuple:
    """Per row and stop: zone, latest opening and earliest closing of its children."""
    count = len(rows.flat_zone)
    zone = np.zeros((count, d), np.int64)
    opens = np.full((count, d), -np.inf)
    closes = np.full((count, d), np.inf)
    for s in range(d):
        at = stop_of == s
        zone[:, s] = np.take_along_axis(rows.zone, np.argmax(at, axis=1)[:, None], 1)[:, 0]
        opens[:, s] = np.where(at, rows.opens, -np.inf).max(axis=1)
        closes[:, s] = np.where(at, rows.closes, np.inf).min(axis=1)
    return zone, opens, closes


def _natural_orders(minutes: np.ndarray, modes: np.ndarray, rows: ChainRows, zone) -> np.ndarray:
    """A few orders per row for many stops: along the way (home minus work distance), nearest
    to home first, farthest from work first, and the reverse of the first (rows × 4 × d)."""
    m = modes[:, None, None]
    home = minutes[m, rows.flat_zone[None, :, None], zone[None]].mean(axis=0)
    work = minutes[m, zone[None], rows.job_zone[None, :, None]].mean(axis=0)
    along = np.argsort(home - work, axis=1, kind="stable")
    return np.stack(
        [
            along,
            np.argsort(home, axis=1, kind="stable"),
            np.argsort(-work, axis=1, kind="stable"),
            along[:, ::-1],
        ],
        axis=1,
    )


def _node_paths(perm: np.ndarray, d: int) -> np.ndarray:
    """Morning node sequences (flat, stops in order, job) for stop orders (… × d)."""
    shape = (*perm.shape[:-1], 1)
    return np.concatenate(
        [np.zeros(shape, np.int64), perm + 1, np.full(shape, d + 1, np.int64)], axis=-1
    )


def _price(
    minutes: np.ndarray,
    modes: np.ndarray,
    rows: ChainRows,
    max_commute: float,
    hold: tuple[float, float],
    stop_of: np.ndarray,
    d: int,
) -> ChainBest:
    """Every (mode, stop order) of every row (all with d stops); the cheapest feasible.
    ``hold`` = (hours tolerance, dwell minutes per stop)."""
    tolerance, dwell = hold
    count = len(rows.flat_zone)
    zone, opens, closes = _stops(rows, stop_of, d)
    nodes = np.column_stack([rows.flat_zone, zone, rows.job_zone])
    m = modes[:, None, None, None]
    # minutes between every two nodes of a row (flat 0, stops 1..d, job d + 1)
    table = minutes[m, nodes[None, :, :, None], nodes[None, :, None, :]]
    if d <= limits.EXACT_STOPS:
        perm = stop_orders(d)
        path = _node_paths(perm, d)
        back = path[:, ::-1]
        morning = table[:, :, path[:, :-1], path[:, 1:]]
        evening = table[:, :, back[:, :-1], back[:, 1:]]
        stop_opens, stop_closes = opens[:, perm], closes[:, perm]
        perm = np.broadcast_to(perm[None], (count, *perm.shape))
    else:
        perm = _natural_orders(minutes, modes, rows, zone)
        path = _node_paths(perm, d)
        back = path[..., ::-1]
        r = np.arange(count)[:, None, None]
        morning = table[:, r, path[..., :-1], path[..., 1:]]
        evening = table[:, r, back[..., :-1], back[..., 1:]]
        stop_opens = np.take_along_axis(opens[:, None, :], perm, axis=2)
        stop_closes = np.take_along_axis(closes[:, None, :], perm, axis=2)
    n_orders = perm.shape[1]
    am = morning.sum(axis=-1) + dwell * d
    daily = am + evening.sum(axis=-1) + dwell * d
    ok = am <= max_commute
    if d:
        # morning leg i leaves stop i - 1 (in visiting order); evening leg i arrives at it
        to_work = np.cumsum(morning[..., :0:-1], axis=-1)[..., ::-1]
        from_work = np.cumsum(evening[..., :-1], axis=-1)[..., ::-1]
        # dwell at this stop and every later one of the morning (earlier of the evening)
        held = dwell * (d - np.arange(d))
        start, end = rows.start[:, None, None], rows.end[:, None, None]
        ok &= (stop_opens <= start - to_work - held + tolerance).all(axis=-1)
        ok &= (stop_closes >= end + from_work + held - tolerance).all(axis=-1)
    width = len(modes) * n_orders
    cost = np.where(ok, daily, np.inf).transpose(1, 0, 2).reshape(count, width)
    pick = np.argmin(cost, axis=1)
    best = cost[np.arange(count), pick]
    found = np.isfinite(best)
    mode_at, order_at = np.divmod(pick, n_orders)
    am_best = am.transpose(1, 0, 2).reshape(count, width)[np.arange(count), pick]
    chosen = perm[np.arange(count), order_at]
    return ChainBest(
        best,
        np.where(found, am_best, 0).astype(np.int64),
        np.where(found, modes[mode_at], -1).astype(np.int64),
        _children_order(chosen, stop_of),
        float(count * width),
        d > limits.EXACT_STOPS,
    )


def _children_order(stop_perm: np.ndarray, stop_of: np.ndarray) -> np.ndarray:
    """Children in visiting order: by their stop's position, then by child number."""
    n = stop_of.shape[1]
    if n == 0:
        return np.zeros((len(stop_of), 0), np.int64)
    position = np.argsort(stop_perm, axis=1)
    at = np.take_along_axis(position, stop_of, axis=1)
    return np.argsort(at * n + np.arange(n)[None, :], axis=1)


def _rows_per_step(n_modes: int, d: int) -> int:
    orders = len(stop_orders(d)) if d <= limits.EXACT_STOPS else 4
    return max(1, limits.CHAIN_ELEMENTS // max(1, n_modes * orders * (d + 1)))


def best_chains(
    minutes: np.ndarray,
    modes: np.ndarray,
    rows: ChainRows,
    max_commute: float,
    tolerance: float,
    dwell: float = 0.0,
) -> ChainBest:
    """Cheapest feasible (mode, stop order) per row (ties: first mode in ``modes``, then
    first order), priced in steps of at most ``CHAIN_ELEMENTS`` cells; ``dwell`` minutes
    at every distinct stop, each way."""
    count, n = len(rows.flat_zone), rows.zone.shape[1]
    daily = np.full(count, np.inf)
    morning = np.zeros(count, np.int64)
    mode = np.full(count, -1, np.int64)
    order = np.tile(np.arange(n, dtype=np.int64), (count, 1))
    if count == 0 or len(modes) == 0:
        return ChainBest(daily, morning, mode, order)
    stop_of, distinct = stop_layout(rows.key)
    work, approximate = 0.0, False
    for d in np.unique(distinct):
        at = np.flatnonzero(distinct == d)
        step = _rows_per_step(len(modes), int(d))
        for low in range(0, len(at), step):
            part = at[low : low + step]
            got = _price(
                minutes,
                modes,
                rows.take(part),
                max_commute,
                (tolerance, dwell),
                stop_of[part],
                int(d),
            )
            daily[part], morning[part], mode[part], order[part] = (
                got.daily, got.morning, got.mode, got.order,
            )  # fmt: skip
            work += got.work
            approximate |= got.approximate
    return ChainBest(daily, morning, mode, order, work, approximate)
