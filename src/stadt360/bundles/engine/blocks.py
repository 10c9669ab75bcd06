"""Zone blocks: all jobs of one zone × all flats of one zone, bounded without opening them.

Why: offers in one zone share every travel time, so a block's best possible score needs
one look-up per mode instead of one per pair. Two bounds, cheap first:

- without travel: the zone's best job part + the flat zone's best "flat part + cost"
  at the job zone's best pay (``envelope``, exact per pay level) + a perfect commute;
  candidate blocks are generated only where this reaches the bar (sorted look-ups);
- with travel: the same with the direct round trip, which no chain through care places
  can beat, and the commute limit on the direct morning trip (both plus the dwell every
  chain of the household surely has, ``Prepared.dwell_floor``).
"""

from dataclasses import dataclass

import numpy as np

from .prepare import Prepared
from .scoring import commute_score, cost_score, partial_sum, total_score

PAY_LEVELS = 16
# Bounds are computed with a different association of the same additions than exact scores;
# this margin absorbs the last-bit differences so no bound ever falls below its score.
SLACK = 1e-9


@dataclass(frozen=True, slots=True, eq=False)
class Groups:
    """Candidates sorted by zone: ``order[starts[z]:starts[z + 1]]`` lie in ``zones[z]``."""

    order: np.ndarray
    zones: np.ndarray
    starts: np.ndarray

    def sizes(self, which: np.ndarray) -> np.ndarray:
        return self.starts[which + 1] - self.starts[which]

    def reduce(self, values: np.ndarray, ufunc: np.ufunc) -> np.ndarray:
        return ufunc.reduceat(values[self.order], self.starts[:-1])


def group_by_zone(zone: np.ndarray) -> Groups:
    order = np.argsort(zone, kind="stable")
    zones, starts = np.unique(zone[order], return_index=True)
    return Groups(order, zones, np.append(starts, len(zone)))


@dataclass(frozen=True, slots=True, eq=False)
class Blocks:
    """Zone groups and the travel-free bound ingredients of every block."""

    jobs: Groups
    flats: Groups
    job_best: np.ndarray
    job_level: np.ndarray
    envelope: np.ndarray
    envelope_order: np.ndarray


def pay_envelope(p: Prepared, flats: Groups) -> tuple[np.ndarray, np.ndarray]:
    """Per flat zone and pay level: max over its flats of flat part + weighted cost.

    Level l stands for money ≤ levels[l]; cost rises with money, so the value at the
    level just above a job's money bounds that job.
    """
    levels = np.quantile(p.job_money, np.linspace(0, 1, PAY_LEVELS))
    levels[-1] = np.max(p.job_money)
    flat_rent = p.flat_rent[flats.order][:, None]
    value = partial_sum(
        0.0,
        p.flat_part[flats.order][:, None],
        cost_score(flat_rent, levels[None, :]),
        p.query.weights,
    )
    return np.maximum.reduceat(value, flats.starts[:-1], axis=0), levels


def build_blocks(p: Prepared) -> Blocks:
    jobs, flats = group_by_zone(p.job_zone), group_by_zone(p.flat_zone)
    envelope, levels = pay_envelope(p, flats)
    money = jobs.reduce(p.job_money, np.maximum)
    level = np.minimum(np.searchsorted(levels, money, side="left"), PAY_LEVELS - 1)
    order = np.argsort(-envelope, axis=0, kind="stable")
    return Blocks(jobs, flats, jobs.reduce(p.job_part, np.maximum), level, envelope, order)


def candidates(p: Prepared, b: Blocks, bar: float, ranks: tuple[int, int]) -> tuple:
    """(flat zone, job zone) index pairs whose travel-free bound reaches the bar, taking
    for each job zone its flat zones of rank ``ranks[0]`` up to ``ranks[1]`` (exclusive)
    in descending order of that bound."""
    n_flat = len(b.flats.zones)
    reach = np.full(len(b.jobs.zones), n_flat)
    w = p.query.weights
    if np.isfinite(bar) and w.total > 0:
        need = bar * w.total - w.commute - b.job_best - 1e-7
        for level in np.unique(b.job_level):
            at = np.flatnonzero(b.job_level == level)
            column = -b.envelope[b.envelope_order[:, level], level]
            reach[at] = np.searchsorted(column, -need[at], side="right")
    low = np.minimum(reach, ranks[0])
    counts = np.minimum(reach, ranks[1]) - low
    jz = np.repeat(np.arange(len(counts)), counts)
    rank = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) + low[jz]
    fz = b.envelope_order[rank, b.job_level[jz]]
    return fz, jz


def more_ranks(p: Prepared, b: Blocks, bar: float, done: int) -> bool:
    """Whether any job zone still has flat zones beyond rank ``done`` reaching the bar."""
    fz, _ = candidates(p, b, bar, (done, done + 1))
    return len(fz) > 0


def travel_upper(p: Prepared, b: Blocks, fz: np.ndarray, jz: np.ndarray) -> tuple:
    """(upper bound, chain lower bound) per block, -inf where the block is infeasible."""
    zf, zj = b.flats.zones[fz], b.jobs.zones[jz]
    low = p.mode_lower
    chain = low.round_trip[zf, zj] + 2 * p.dwell_floor
    partial = b.job_best[jz] + b.envelope[fz, b.job_level[jz]]
    upper = total_score(partial, commute_score(chain), p.query.weights) + SLACK
    if np.isfinite(p.max_commute):
        reach = low.path[zf, zj] + p.dwell_floor <= p.max_commute
        upper = np.where(reach, upper, -np.inf)
    return upper, chain


def block_pairs(b: Blocks, fz: np.ndarray, jz: np.ndarray) -> tuple:
    """Every (job, flat) pair inside the blocks: job and flat positions, block number."""
    nj, nf = b.jobs.sizes(jz), b.flats.sizes(fz)
    counts = nj * nf
    owner = np.repeat(np.arange(len(fz)), counts)
    local = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    job_local, flat_local = local // nf[owner], local % nf[owner]
    job = b.jobs.order[b.jobs.starts[jz][owner] + job_local]
    flat = b.flats.order[b.flats.starts[fz][owner] + flat_local]
    return job, flat, owner
