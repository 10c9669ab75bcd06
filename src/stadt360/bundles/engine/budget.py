"""A hard ceiling on the work of one search, independent of the household.

Why: the number of care combinations grows with the product of the children's places and
the number of visiting orders with the factorial of the stops, so without a ceiling a
household of eight children can run for minutes and take many gigabytes. Every search
therefore

- keeps at most ``MAX_GROUP_WORK`` chain evaluations (combinations × visiting orders ×
  modes) per route, and never more than ``MAX_GROUP_COMBOS`` combinations (nearest places
  first),
- prices every visiting order only up to ``EXACT_STOPS`` distinct stops (more stops: a few
  natural orders),
- prices at most ``SEARCH_WORK`` chain evaluations (rows × visiting orders × modes), and
- holds at most ``MAX_ROWS`` combinations and ``CHAIN_ELEMENTS`` chain cells in memory.

Whatever is left out is recorded with an upper bound of its score: when that bound stays
below the final k-th best score, the answer is still exact; otherwise the result says it
was cut short (``BundleResult.exact`` is False).
"""

from dataclasses import dataclass, field
from math import factorial

import numpy as np

# Care combinations kept per route group (places per child trimmed nearest first), and
# the chain evaluations they may cost.
MAX_GROUP_COMBOS = 4096
MAX_GROUP_WORK = 50_000
# Combinations expanded and priced at once (memory ceiling of one step).
MAX_ROWS = 65_536
# Cells of one chain-pricing step (modes × rows × orders × legs).
CHAIN_ELEMENTS = 4_000_000
# Distinct stops up to which every visiting order is priced (5! = 120 orders).
EXACT_STOPS = 5
# Chain evaluations (rows × orders × modes) one search may spend: about a second of one
# core (about 2 million evaluations per second), a 2-child search spends a few thousand.
SEARCH_WORK = 1_500_000
# Chain evaluations all relaxation checks of one query may spend together (a few seconds
# at most; a two-child household that nothing fits needs about 7 million on the full
# benchmark world).
RELAX_WORK = 8_000_000


@dataclass(slots=True)
class Budget:
    """Work left for one search, and what was left out.

    ``skipped`` is an upper bound of the score of every bundle that was not looked at;
    ``heuristic`` is set when some chain was priced with only a few visiting orders.
    """

    limit: float = field(default_factory=lambda: SEARCH_WORK)
    used: float = 0.0
    skipped: float = -np.inf
    heuristic: bool = False

    @property
    def exhausted(self) -> bool:
        return self.used >= self.limit

    def spend(self, units: float) -> None:
        self.used += units

    def skip(self, upper: float) -> None:
        """Record bundles left out whose scores are at most ``upper``."""
        self.skipped = max(self.skipped, float(upper))

    def exact(self, kth_best: float) -> bool:
        """Whether nothing left out could have reached the final k-th best score."""
        return not self.heuristic and (self.skipped == -np.inf or self.skipped < kth_best)


def orders_per_row(children: int) -> int:
    """Most visiting orders one combination of this many children is priced with."""
    return factorial(min(children, EXACT_STOPS))


def group_combos(children: int, modes: int) -> int:
    """Combinations one route group may keep."""
    per_row = max(1, orders_per_row(children) * modes)
    return max(1, min(MAX_GROUP_COMBOS, MAX_GROUP_WORK // per_row))
