"""Variety: the first k bundles of the ranking that pass per-job, per-flat and per-care caps.

Definition (``inputs.Variety``, docs/engine.md "Variety"): walk ALL feasible bundles in
ranking order; accept one iff its job, its flat and its care set (care ids in child order;
the cap is ignored when there is none) have each been accepted fewer times than their cap.
Stop after k acceptances.

How it stays exact without enumerating everything:

- The walk's first k acceptances over an exact prefix of the ranking equal those over the
  full ranking, so each round asks the exact top-n search (``search.search``, variety off)
  for a prefix and walks it.
- A rejected bundle changes no count, so removing bundles that are sure to be rejected
  does not change the result. After a round every job, flat and care set whose cap is
  used up can only appear in rejected bundles from then on: the next round searches
  without them (``narrowed``; care sets via ``Prepared.care_banned``), and its ranking is
  the full ranking minus bundles that would be rejected. Bundles already walked are
  skipped by key (they are the first rows of the narrowed ranking, so the round asks for
  that many rows more). The first fresh row of a round always passes, so every round
  accepts at least one bundle: at most k rounds. Exception: when a pupil from grade 5
  travels alone, the care set includes the pupil's school, which depends on the flat, so
  used-up care sets are not removed from the search (only rejected by the walk); rounds
  may then accept nothing, and ``MAX_WALK_ROWS`` bounds them. Without care children the
  care set is the pupils' schools alone, a function of the flat: flats whose schools form
  a used-up care set are removed like used-up flats (``Walk.open_flats``).
- It stops when k are accepted, when a search returns fewer rows than asked (everything
  is enumerated, nothing is left to accept), or when every job or every flat is used up.

``exact`` is False when a search's work ceiling left out something that could rank before
the last bundle walked (as in ``search``), or when the rows asked reach ``MAX_WALK_ROWS``
or the shared budget runs out before k are accepted: every bundle returned is still real
and passed the caps.
"""

from dataclasses import dataclass, field, fields, replace

import numpy as np

from .budget import Budget
from .inputs import BundleQuery, Variety
from .prepare import Prepared
from .search import Found, empty_found, rank_order, search

# Fresh rows a round asks for per bundle still wanted (measured: 2 to 8 cost about the same;
# the number of rounds, each a search of its own, matters more than their size).
ROWS_PER_MISSING = 4
# Most fresh rows all rounds together may ask for: then the walk stops (exact = False).
MAX_WALK_ROWS = 4096

BundleKey = tuple[int, int, tuple[int, ...]]


@dataclass(slots=True)
class Walk:
    """Counts over accepted bundles (positions into the prepared job/flat/care arrays)."""

    caps: Variety
    k: int
    jobs: np.ndarray
    flats: np.ndarray
    # Per flat position: the school index of each pupil from grade 5 (who is no stop of
    # the chain but part of the care set), shape (flats, pupils).
    pupil_schools: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.int64))
    n_children: int = 0
    cares: dict[tuple[int, ...], int] = field(default_factory=dict)
    seen: set[BundleKey] = field(default_factory=set)
    accepted: list[Found] = field(default_factory=list)

    @property
    def full(self) -> bool:
        return len(self.accepted) >= self.k

    def admits(self, job: int, flat: int, care: tuple[int, ...]) -> bool:
        c = self.caps
        care_ok = not care or self.cares.get(care, 0) < c.max_per_care
        return self.jobs[job] < c.max_per_job and self.flats[flat] < c.max_per_flat and care_ok

    def take(self, found: Found) -> float:
        """Walk ``found`` (ranked) until k are accepted; the score of the last row walked
        (-inf when nothing was walked)."""
        last = -np.inf
        for i in range(len(found)):
            job, flat = int(found.job[i]), int(found.flat[i])
            care = tuple(int(c) for c in found.care[i])
            if self.pupil_schools.shape[1]:
                care += tuple(int(s) for s in self.pupil_schools[flat])
            key = (job, flat, care)
            if key in self.seen:
                continue
            self.seen.add(key)
            last = float(found.total[i])
            if self.admits(job, flat, care):
                self.accepted.append(found.take(np.array([i])))
                self.jobs[job] += 1
                self.flats[flat] += 1
                if care:
                    self.cares[care] = self.cares.get(care, 0) + 1
                if self.full:
                    break
        return last

    def open_jobs(self) -> np.ndarray:
        return np.flatnonzero(self.jobs < self.caps.max_per_job)

    def open_flats(self) -> np.ndarray:
        """Flats below their cap; without care children, also not those whose pupils'
        schools (then the whole care set) form a used-up care set."""
        is_open = self.flats < self.caps.max_per_flat
        if self.pupil_schools.shape[1] and not self.n_children:
            used = {care for care, n in self.cares.items() if n >= self.caps.max_per_care}
            if used:
                is_open &= [tuple(int(s) for s in row) not in used for row in self.pupil_schools]
        return np.flatnonzero(is_open)

    def used_up(self) -> bool:
        """No bundle can pass any more: every job or every flat is used up."""
        return not (len(self.open_jobs()) and len(self.open_flats()))

    def used_up_cares(self, n_children: int) -> np.ndarray:
        """Care sets whose cap is used up, one row of care positions each. None when a
        pupil travels alone: the pupil's school depends on the flat, so a chain's care
        picks alone do not name the care set (the walk still rejects, by its full key)."""
        if self.pupil_schools.shape[1]:
            return np.zeros((0, n_children), np.int64)
        used = [care for care, n in self.cares.items() if n >= self.caps.max_per_care]
        return np.array(used, np.int64).reshape(len(used), n_children)

    def walked_open(self) -> int:
        """How many bundles already walked the next round's search still ranks: those
        with no used-up job, flat or (when care sets are removed) care set."""
        if self.pupil_schools.shape[1]:
            jobs, flats = set(self.open_jobs().tolist()), set(self.open_flats().tolist())
            return sum(1 for job, flat, _care in self.seen if job in jobs and flat in flats)
        return sum(1 for job, flat, care in self.seen if self.admits(job, flat, care))


def narrowed(p: Prepared, walk: Walk, budget: Budget) -> tuple[Prepared, np.ndarray, np.ndarray]:
    """``p`` without the jobs, flats and care sets whose cap is used up (every per-job and
    per-flat array sliced), and the job and flat positions it keeps."""
    jobs, flats = walk.open_jobs(), walk.open_flats()
    n_jobs, n_flats = len(p.job_index), len(p.flat_index)
    banned = walk.used_up_cares(len(p.care))
    changes: dict[str, object] = {"budget": budget, "care_banned": banned}
    for f in fields(p):
        value = getattr(p, f.name)
        if not isinstance(value, np.ndarray) or value.ndim == 0:
            continue
        if f.name.startswith("job_") and len(value) == n_jobs:
            changes[f.name] = value[jobs]
        elif f.name.startswith("flat_") and len(value) == n_flats:
            changes[f.name] = value[flats]
    return replace(p, **changes), jobs, flats  # type: ignore[arg-type]


def shown(p: Prepared, query: BundleQuery) -> tuple[Found, bool]:
    """The bundles a query shows (with ``query.variety``: the walk, else the plain top-k)
    as the search's arrays, and whether they are exact."""
    caps = query.variety
    if caps is not None and not caps_never_bind(caps, query.k):
        return varied(p, query.k, caps)
    found = search(p, query.k)
    return found, p.budget.exact(float(found.total[-1]) if len(found) >= query.k else -np.inf)


def caps_never_bind(caps: Variety, k: int) -> bool:
    """With every cap at least k, the walk accepts the first k bundles: plain top-k."""
    return min(caps.max_per_job, caps.max_per_flat, caps.max_per_care) >= k


def varied(p: Prepared, k: int, caps: Variety) -> tuple[Found, bool]:
    """The walk's first k acceptances (ranked) and whether they are exact (module doc).
    All rounds share ``p.budget``."""
    if k <= 0:
        return empty_found(len(p.care)), True
    pupils = np.array([pupil.school[p.flat_index] for pupil in p.pupils], np.int64)
    walk = Walk(
        caps, k, np.zeros(len(p.job_index), np.int64), np.zeros(len(p.flat_index), np.int64),
        pupil_schools=pupils.T.reshape(len(p.flat_index), len(p.pupils)), n_children=len(p.care),
    )  # fmt: skip
    exact, rows = True, 0
    while True:
        fresh = ROWS_PER_MISSING * (k - len(walk.accepted))
        rows += fresh
        asked = walk.walked_open() + fresh
        budget = Budget(limit=max(0.0, p.budget.limit - p.budget.used))
        q, jobs, flats = narrowed(p, walk, budget)
        found = search(q, asked)
        p.budget.spend(budget.used)
        found = replace(found, job=jobs[found.job], flat=flats[found.flat])
        last = walk.take(found)
        complete = len(found) < asked and not walk.full
        exact &= budget.exact(-np.inf if complete else last)
        if walk.full or complete or walk.used_up():
            break
        if rows >= MAX_WALK_ROWS or p.budget.exhausted:
            exact = False
            break
    return _ranked(p, walk.accepted), exact


def _ranked(p: Prepared, parts: list[Found]) -> Found:
    if not parts:
        return empty_found(len(p.care))
    both = Found(*(np.concatenate([getattr(f, n) for f in parts]) for n in Found.__slots__))
    return both.take(rank_order(p, both))
