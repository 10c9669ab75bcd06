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


def _distinct_stops(key: np.ndarray) -> np.ndarray:
    """Number of distinct places per row."""
    if key.shape[1] == 0:
        return np.zeros(len(key), np.int64)
    ordered = np.sort(key, axis=1)
    return 1 + (ordered[:, 1:] != ordered[:, :-1]).sum(axis=1)


def _legs(t: np.ndarray, rows: ChainRows, order: tuple[int, ...]) -> tuple[list, list]:
    """Morning and evening leg minutes (lists of row arrays) for one order."""
    z, key = rows.zone[:, order], rows.key[:, order]
    n = len(order)
    morning = [t[rows.flat_zone, z[:, 0]]]
    for i in range(1, n):
        morning.append(np.where(key[:, i] == key[:, i - 1], 0, t[z[:, i - 1], z[:, i]]))
    morning.append(t[z[:, -1], rows.job_zone])
    evening = [t[rows.job_zone, z[:, -1]]]
    for i in range(n - 1, 0, -1):
        evening.append(np.where(key[:, i] == key[:, i - 1], 0, t[z[:, i], z[:, i - 1]]))
    evening.append(t[z[:, 0], rows.flat_zone])
    return morning, evening


def _hours_ok(
    rows: ChainRows, order: tuple[int, ...], morning: list, evening: list, tolerance: float
) -> np.ndarray:
    """Each stop open when left in the morning and when reached in the evening."""
    n = len(order)
    ok = np.ones(len(rows.start), bool)
    to_work = np.zeros(len(rows.start), np.int64)
    for i in range(n - 1, -1, -1):
        to_work = to_work + morning[i + 1]
        ok &= rows.opens[:, order[i]] <= rows.start - to_work + tolerance
    from_work = np.zeros(len(rows.start), np.int64)
    for step, i in enumerate(range(n - 1, -1, -1)):
        from_work = from_work + evening[step]
        ok &= rows.closes[:, order[i]] >= rows.end + from_work - tolerance
    return ok


def _adjacent_duplicates(key: np.ndarray, order: tuple[int, ...], distinct: np.ndarray):
    """True where children sharing a place stand next to each other in the order."""
    if len(order) < 2:
        return np.ones(len(key), bool)
    k = key[:, order]
    return (k[:, 1:] != k[:, :-1]).sum(axis=1) == distinct - 1


def best_chains(
    minutes: np.ndarray, modes: np.ndarray, rows: ChainRows, max_commute: float, tolerance: float
) -> ChainBest:
    """Cheapest feasible (mode, order) per row."""
    count = len(rows.flat_zone)
    best = ChainBest(
        np.full(count, np.inf),
        np.zeros(count, np.int64),
        np.full(count, -1, np.int64),
        np.full(count, -1, np.int64),
    )
    n = rows.zone.shape[1]
    distinct = _distinct_stops(rows.key)
    for m in modes:
        t = minutes[m]
        for o_index, order in enumerate(orders(n)):
            if n == 0:
                morning = [t[rows.flat_zone, rows.job_zone]]
                evening = [t[rows.job_zone, rows.flat_zone]]
                ok = np.ones(count, bool)
            else:
                morning, evening = _legs(t, rows, order)
                ok = _hours_ok(rows, order, morning, evening, tolerance)
                ok &= _adjacent_duplicates(rows.key, order, distinct)
            am = np.sum(morning, axis=0)
            daily = am + np.sum(evening, axis=0)
            better = ok & (am <= max_commute) & (daily < best.daily)
            best.daily[better], best.morning[better] = daily[better], am[better]
            best.mode[better], best.order[better] = m, o_index
    return best
