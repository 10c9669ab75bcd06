"""Lower bounds over a set of allowed modes: the per-pair minimum of the travel matrices.

Why cached: a query allows a few modes, and most bounds only need "the fastest allowed
mode could not do better than this". Taking that minimum per query would touch every
mode's matrix for every batch; instead it is taken once per (travel snapshot, mode set)
and kept next to the snapshot while it lives (a handful of mode sets is ever used).
With one mode the minimum is that mode's matrix itself, so nothing is copied.

All matrices are float32 like ``TravelTimes.path_lower``; a minimum of float32 values is
one of them, so every bound derived from these is ≤ the same bound of any allowed mode.
"""

import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from .inputs import TravelTimes

# Mode sets kept per snapshot (each costs three Z × Z float32 matrices when it has ≥ 2 modes).
CACHED_MODE_SETS = 4


@dataclass(frozen=True, slots=True, eq=False)
class ModeMinimum:
    """Per zone pair, the minimum over the allowed modes.

    ``round_trip[a, b]`` of ``round_trip_lower`` (symmetric); ``path[a, b]`` of
    ``path_lower`` and ``path_back[a, b] = path[b, a]`` (contiguous, for row gathers).
    """

    round_trip: np.ndarray
    path: np.ndarray
    path_back: np.ndarray


_CACHE: "weakref.WeakKeyDictionary[TravelTimes, OrderedDict]" = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def _compute(travel: TravelTimes, modes: tuple[int, ...]) -> ModeMinimum:
    if len(modes) == 1:
        m = modes[0]
        path = travel.path_lower[m]
        return ModeMinimum(travel.round_trip_lower[m], path, np.ascontiguousarray(path.T))
    index = list(modes)
    round_trip = np.min(travel.round_trip_lower[index], axis=0)
    path = np.min(travel.path_lower[index], axis=0)
    for matrix in (round_trip, path):
        matrix.setflags(write=False)
    back = np.ascontiguousarray(path.T)
    back.setflags(write=False)
    return ModeMinimum(round_trip, path, back)


def mode_minimum(travel: TravelTimes, modes: np.ndarray) -> ModeMinimum:
    """The (cached) minimum matrices of ``travel`` over the mode indices ``modes``."""
    key = tuple(int(m) for m in modes)
    with _LOCK:
        per_travel = _CACHE.setdefault(travel, OrderedDict())
        found = per_travel.get(key)
        if found is not None:
            per_travel.move_to_end(key)
            return found
    found = _compute(travel, key)
    with _LOCK:
        per_travel[key] = found
        while len(per_travel) > CACHED_MODE_SETS:
            per_travel.popitem(last=False)
    return found
