"""When too little fits: which hard constraint removes how many offers, and the smallest
one-constraint change that yields bundles — each verified by running the engine.

One relaxation per kind, each the smallest change of that kind that yields a bundle (the
step before yields none), in the kind's unit: warm rent +50 €, rent share +5 points,
commute +5 min, rooms −1, salary −100 €, modes + car, opening-hours tolerance +15 min.
They are ordered by how many bundles they open (counted up to k), most first; ties keep
the order of the kinds above — so the change that helps most comes first.

Why a budget: each step is a search of its own. All checks of one query share
``RELAX_WORK`` chain evaluations (each at most ``SEARCH_WORK``; each constraint an equal
part of what is left, so one costly constraint cannot starve the others); a check the
budget cannot finish counts as "does not help", and the answer says the list may be
incomplete.
"""

from dataclasses import replace

import numpy as np

from stadt360.mobility.geometric import Mode

from . import budget as limits
from .budget import Budget
from .inputs import BundleQuery, Region, Wishes
from .money import estimated_gross
from .needs import min_rooms, working_day
from .outputs import Relaxation, Removal
from .prepare import Prepared, household_money, prepare
from .search import exists
from .variety import shown

MAX_STEPS = 24


def _reach_removals(p: Prepared) -> list[Removal]:
    """Jobs (flats) that no flat (job) reaches within the commute limit, even by the
    lower bound of any chain — removed by the commute limit alone."""
    if not np.isfinite(p.max_commute) or len(p.modes) == 0:
        return []
    region = p.region
    jz, fz = np.unique(region.jobs.zone), np.unique(region.flats.zone)
    lower = np.min(region.travel.path_lower[p.modes][:, fz][:, :, jz], axis=0) <= p.max_commute
    job_ok = np.isin(region.jobs.zone, jz[lower.any(axis=0)])
    flat_ok = np.isin(region.flats.zone, fz[lower.any(axis=1)])
    return [
        Removal("max_commute_min", "jobs", int((~job_ok).sum()), len(job_ok)),
        Removal("max_commute_min", "flats", int((~flat_ok).sum()), len(flat_ok)),
    ]


def _share_removal(p: Prepared) -> list[Removal]:
    """Flats too dear for the rent share even with the best-paid job."""
    if not np.isfinite(p.max_rent_share) or len(p.region.jobs) == 0:
        return []
    jobs = p.region.jobs
    gross, _ = estimated_gross(jobs.salary_min, jobs.salary_max, jobs.weekly_hours)
    best = float(np.max(household_money(gross, p.query, p.n_children)[1]))
    dear = p.region.flats.warm_rent > p.max_rent_share * best
    return [Removal("max_rent_share", "flats", int(dear.sum()), len(dear))]


def _hours_removals(p: Prepared) -> list[Removal]:
    """Care places that cover no job's working hours even with zero travel (but the dwell
    at the place itself). Stated care hours are counted in ``prepare`` instead."""
    jobs = p.region.jobs
    if len(jobs) == 0 or p.query.wishes.care_hours is not None:
        return []
    start, end, _ = working_day(jobs.shift_start, jobs.shift_end, jobs.weekly_hours)
    out = []
    for options in p.care:
        late = options.opens > np.max(start) - p.dwell + p.tolerance
        early = options.closes < np.min(end) + p.dwell - p.tolerance
        removed = int((late | early).sum())
        out.append(Removal(f"care_hours_child_{options.child}", "care", removed, len(late)))
    return out


def diagnose(p: Prepared) -> tuple[Removal, ...]:
    """Per hard constraint: how many candidates it removes on its own."""
    out = [Removal(name, kind, removed, of) for name, (kind, removed, of) in p.removed.items()]
    out += _share_removal(p) + _reach_removals(p) + _hours_removals(p)
    return tuple(r for r in out if r.removed > 0)


class Checks:
    """Runs the engine on changed queries within one shared budget, and remembers whether
    every check since the last reset finished (``complete``)."""

    def __init__(self, region: Region, query: BundleQuery, limit: float | None = None) -> None:
        self.region, self.query = region, query
        self.shared = Budget(limit=limits.RELAX_WORK if limit is None else limit)
        self.allowance = self.shared.limit
        self.complete = True
        self.known: dict[Wishes, bool] = {}

    def share(self, parts: int) -> None:
        """Allow the next constraint an equal part of what is left (what it leaves unused
        goes to the ones after it): one costly constraint cannot starve the others."""
        left = max(0.0, self.shared.limit - self.shared.used)
        self.allowance = self.shared.used + left / max(parts, 1)

    def _prepared(self, wishes: Wishes) -> Prepared:
        left = max(0.0, min(self.shared.limit, self.allowance) - self.shared.used)
        budget = Budget(limit=min(limits.SEARCH_WORK, left))
        return prepare(self.region, replace(self.query, wishes=wishes, relax=False), budget)

    def _settle(self, p: Prepared, finished: bool) -> None:
        self.shared.spend(p.budget.used)
        self.complete &= finished

    def feasible(self, wishes: Wishes) -> bool:
        """Whether the changed query yields any bundle (stops at the first one); a check
        the budget cannot finish counts as no (and is tried again in a later round)."""
        if wishes in self.known:
            return self.known[wishes]
        p = self._prepared(wishes)
        answer = exists(p)
        self._settle(p, answer is not None)
        if answer is not None:
            self.known[wishes] = answer
        return bool(answer)

    def yields(self, wishes: Wishes) -> int:
        """How many bundles (at most k) the changed query shows (with the query's variety)."""
        p = self._prepared(wishes)
        found, exact = shown(p, p.query)
        self._settle(p, exact)
        return len(found)


def _steps(query: BundleQuery) -> list[tuple[str, object, object]]:
    """(field, current value, value after one more step as a function of n)."""
    w = query.wishes
    out: list[tuple[str, object, object]] = []
    if w.max_warm_rent is not None:
        out.append(("max_warm_rent", w.max_warm_rent, lambda n: w.max_warm_rent + 50.0 * n))
    if w.max_rent_share is not None:
        out.append(
            (
                "max_rent_share",
                w.max_rent_share,
                lambda n: round(min(1.0, w.max_rent_share + 0.05 * n), 4),
            )
        )
    if w.max_commute_min is not None:
        out.append(("max_commute_min", w.max_commute_min, lambda n: w.max_commute_min + 5.0 * n))
    rooms = min_rooms(query.household, w)
    if rooms > 1:
        out.append(("min_rooms", rooms, lambda n: max(1.0, rooms - n)))
    if w.min_salary:
        out.append(("min_salary", w.min_salary, lambda n: max(0.0, w.min_salary - 100.0 * n)))
    if Mode.CAR not in w.modes:
        out.append(("modes", w.modes, lambda n: (*w.modes, Mode.CAR)))
    if query.household.child_age_months:
        out.append(
            (
                "hours_tolerance_min",
                w.hours_tolerance_min,
                lambda n: w.hours_tolerance_min + 15.0 * n,
            )
        )
    return out


def _smallest_step(checks: Checks, name: str, value_at) -> int | None:
    """Fewest steps that yield a bundle: doubling, then bisection (yield is monotone)."""

    def ok(n: int) -> bool:
        return checks.feasible(replace(checks.query.wishes, **{name: value_at(n)}))

    high, limit = 1, 1 if name == "modes" else MAX_STEPS
    while not ok(high):
        if high >= limit or value_at(high) == value_at(high * 2):
            return None
        high = min(high * 2, limit)
    low = high // 2
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (low, mid) if ok(mid) else (mid, high)
    return high


def _relax_one(checks: Checks, name: str, old: object, value_at) -> Relaxation | None:
    """The smallest verified change of one constraint, or None."""
    steps = _smallest_step(checks, name, value_at)
    if steps is None:
        return None
    new = value_at(steps)
    count = checks.yields(replace(checks.query.wishes, **{name: new}))
    return Relaxation(name, old, new, steps, count, {"wishes": {name: new}})


def relaxations(
    region: Region, query: BundleQuery, limit: float | None = None
) -> tuple[tuple[Relaxation, ...], bool]:
    """The smallest relaxation of every kind that yields bundles, most bundles opened first
    (ties: kind order), and whether every check finished within the budget ``limit``
    (False: the best found so far).

    Each constraint gets an equal part of what is left; constraints whose checks did not
    finish get a second round with whatever the others left unused."""
    checks, constraints = Checks(region, query, limit), _steps(query)
    found: dict[str, Relaxation] = {}
    pending = constraints
    for _round in range(2):
        unfinished = []
        for i, (name, old, value_at) in enumerate(pending):
            checks.share(len(pending) - i)
            checks.complete = True
            relaxation = _relax_one(checks, name, old, value_at)
            if relaxation is not None:
                found[name] = relaxation
            if not checks.complete:
                unfinished.append((name, old, value_at))
        pending = unfinished
        if not pending:
            break
    ordered = [found[name] for name, _, _ in constraints if name in found]
    return tuple(sorted(ordered, key=lambda r: -r.bundles)), not pending
