"""The daily trip chain: flat → care stops → work in the morning, the reverse at night.

Vectorised over many candidate rows at once (one row = flat zone, job zone, shift and one
care place per child). For every allowed mode and every order of the stops the chain is
priced; the chain a bundle gets is the feasible one with the fewest daily minutes (ties:
first mode in matrix order, then first order). Feasible means: the morning chain is at
most the commute limit, and every care place is open when the parent leaves it in the
morning and still open when the parent is back in the evening (± tolerance).

Stops are the children's places in a chosen order; two children at the same place are
one stop (the leg between them is 0 and such children must be adjacent in the order).
"""

from dataclasses import dataclass
from functools import cache
from itertools import permutations

import numpy as np


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


@dataclass(frozen=True, slots=True, eq=False)
class ChainBest:
    """Best feasible chain per row; ``daily`` is inf where nothing is feasible."""

    daily: np.ndarray
    morning: np.ndarray
    mode: np.ndarray
    order: np.ndarray


@cache
def orders(n: int) -> tuple[tuple[int, ...], ...]:
    """All visiting orders of n children, in itertools order (the tie-break order)."""
    return tuple(permutations(range(n)))


# Rows priced at once; bounds the temporary (modes × rows × stops²) leg arrays.
CHUNK_ROWS = 16_384


def _distinct_stops(key: np.ndarray) -> np.ndarray:
    """Number of distinct places per row."""
    if key.shape[1] == 0:
        return np.zeros(len(key), np.int64)
    ordered = np.sort(key, axis=1)
    return 1 + (ordered[:, 1:] != ordered[:, :-1]).sum(axis=1)


@cache
def _paths(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per order: the children in visiting order (orders × n), and the morning and evening
    node sequences (orders × (n + 2)); node 0 is the flat, 1 + i child i, n + 1 the job."""
    children = np.array(orders(n), np.int64).reshape(len(orders(n)), n)
    count = len(children)
    morning = np.column_stack(
        [np.zeros(count, np.int64), children + 1, np.full(count, n + 1, np.int64)]
    )
    return children, morning, np.ascontiguousarray(morning[:, ::-1])


def _leg_table(minutes: np.ndarray, modes: np.ndarray, rows: ChainRows) -> np.ndarray:
    """(modes × rows × nodes × nodes) minutes between every two nodes of a row; 0 between
    children at the same place."""
    nodes = np.column_stack([rows.flat_zone, rows.zone, rows.job_zone])
    m = modes[:, None, None, None]
    table = minutes[m, nodes[None, :, :, None], nodes[None, :, None, :]]
    n = rows.zone.shape[1]
    if n > 1:
        same = rows.key[:, :, None] == rows.key[:, None, :]
        care = table[:, :, 1 : n + 1, 1 : n + 1]
        care[np.broadcast_to(same, care.shape)] = 0
    return table


def _hours_ok(
    rows: ChainRows, morning: np.ndarray, evening: np.ndarray, tolerance: float
) -> np.ndarray:
    """(modes × rows × orders): each stop open when the parent leaves it in the morning
    and still open when the parent is back in the evening."""
    children, _, _ = _paths(rows.zone.shape[1])
    to_work = np.cumsum(morning[..., :0:-1], axis=-1)[..., ::-1]
    from_work = np.cumsum(evening[..., :-1], axis=-1)[..., ::-1]
    start, end = rows.start[:, None, None], rows.end[:, None, None]
    ok = (rows.opens[:, children] <= start - to_work + tolerance).all(axis=-1)
    ok &= (rows.closes[:, children] >= end + from_work - tolerance).all(axis=-1)
    return ok


def _adjacent_duplicates(key: np.ndarray) -> np.ndarray:
    """(rows × orders): children sharing a place stand next to each other in the order."""
    children, _, _ = _paths(key.shape[1])
    k = key[:, children]
    together = (k[..., 1:] != k[..., :-1]).sum(axis=-1)
    return together == _distinct_stops(key)[:, None] - 1


def _price(
    minutes: np.ndarray, modes: np.ndarray, rows: ChainRows, max_commute: float, tolerance: float
) -> ChainBest:
    """Every (mode, order) of every row at once; the cheapest feasible one per row."""
    n, count = rows.zone.shape[1], len(rows.flat_zone)
    table = _leg_table(minutes, modes, rows)
    _, morning_nodes, evening_nodes = _paths(n)
    morning = table[:, :, morning_nodes[:, :-1], morning_nodes[:, 1:]]
    evening = table[:, :, evening_nodes[:, :-1], evening_nodes[:, 1:]]
    am = morning.sum(axis=-1)
    daily = am + evening.sum(axis=-1)
    ok = am <= max_commute
    if n:
        ok &= _hours_ok(rows, morning, evening, tolerance)
        if n > 1:
            ok &= _adjacent_duplicates(rows.key)[None]
    width = len(modes) * len(morning_nodes)
    cost = np.where(ok, daily, np.inf).transpose(1, 0, 2).reshape(count, width)
    pick = np.argmin(cost, axis=1)
    best = cost[np.arange(count), pick]
    found = np.isfinite(best)
    mode_at, order_at = np.divmod(pick, len(morning_nodes))
    am_best = am.transpose(1, 0, 2).reshape(count, width)[np.arange(count), pick]
    return ChainBest(
        best,
        np.where(found, am_best, 0).astype(np.int64),
        np.where(found, modes[mode_at], -1).astype(np.int64),
        np.where(found, order_at, -1).astype(np.int64),
    )


def best_chains(
    minutes: np.ndarray, modes: np.ndarray, rows: ChainRows, max_commute: float, tolerance: float
) -> ChainBest:
    """Cheapest feasible (mode, order) per row (ties: first mode in ``modes``, then first
    order in ``orders``)."""
    count = len(rows.flat_zone)
    if count == 0 or len(modes) == 0:
        return ChainBest(
            np.full(count, np.inf), *(np.full(count, v, np.int64) for v in (0, -1, -1))
        )
    if count <= CHUNK_ROWS:
        return _price(minutes, modes, rows, max_commute, tolerance)
    parts = []
    for low in range(0, count, CHUNK_ROWS):
        part = slice(low, low + CHUNK_ROWS)
        chunk = ChainRows(*(getattr(rows, name)[part] for name in ChainRows.__slots__))
        parts.append(_price(minutes, modes, chunk, max_commute, tolerance))
    return ChainBest(
        *(np.concatenate([getattr(b, name) for b in parts]) for name in ChainBest.__slots__)
    )
