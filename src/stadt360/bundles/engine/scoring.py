"""The soft terms and the total score — one definition shared by the engine and the SQL peer.

Every term lies in [0, 1], higher is better; the total is the weighted mean. The order
of floating-point operations is fixed here (and in docs/engine.md) so that the engine, the
independent brute force (tests/bundles/oracle.py, which writes the formula out again)
and the benchmark's SQL produce bit-identical scores (ties then break the same way).
"""

import numpy as np

from .inputs import Weights

# A working day of 240 minutes on the road (both ways, all stops) scores 0.
COMMUTE_ZERO_MINUTES = 240.0
# A warm rent of 60 % of the household's net money scores 0 on cost.
RENT_SHARE_ZERO = 0.6


def commute_score(daily_minutes: np.ndarray | float) -> np.ndarray:
    """1 − daily minutes / 240, floored at 0."""
    return np.maximum(0.0, 1.0 - np.asarray(daily_minutes, dtype=np.float64) / COMMUTE_ZERO_MINUTES)


def max_daily_minutes(min_commute_score: float) -> float:
    """Largest daily minutes whose commute score still reaches ``min_commute_score``."""
    if min_commute_score <= 0.0:
        return np.inf
    return (1.0 - min_commute_score) * COMMUTE_ZERO_MINUTES


def cost_score(warm_rent: np.ndarray | float, money: np.ndarray | float) -> np.ndarray:
    """1 − rent share / 0.6, floored at 0; the share is rent over household net money."""
    return np.maximum(0.0, 1.0 - np.asarray(warm_rent, np.float64) / (money * RENT_SHARE_ZERO))


def partial_sum(
    job_part: np.ndarray | float, flat_part: np.ndarray, cost: np.ndarray, weights: Weights
) -> np.ndarray:
    """Weighted job fit + flat fit + cost (``job_part`` = w·job fit, ``flat_part`` = w·flat fit)."""
    return (job_part + flat_part) + weights.cost * cost


def total_score(partial: np.ndarray, commute: np.ndarray, weights: Weights) -> np.ndarray:
    """The weighted mean of all four terms (0 when all weights are 0)."""
    denominator = weights.total
    raw = partial + weights.commute * commute
    return raw / denominator if denominator > 0 else raw * 0.0
