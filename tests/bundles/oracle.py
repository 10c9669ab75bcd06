"""Brute-force oracle of the bundle engine: every (job, flat, care place per child) bundle.

Written from docs/engine.md and the issue-10 contract, not from the engine's code: it
imports from the engine only the input dataclasses (``inputs``) and the money rules
(``money``, tested on its own against published tables), plus the travel-mode enum. Every
rule below is the documented one, spelled out again:

- jobs: estimated gross ≥ ``min_salary``; working day = stated shift, else 08:00 + weekly
  hours / 5 (+30 min break above six hours; no hours → 40); a shift ending before it
  starts ends the next day;
- flats: warm rent ≤ ``max_warm_rent``, rooms ≥ ``min_rooms`` (default: living room +
  couple's bedroom + further adults + one per child), availability (contract D: only
  against ``move_in_day``; before that field exists, against ``start_day``);
- rent share: warm rent ≤ share × household net money (net pay + other income + Kindergeld);
- care: Kita (age < 72 months; age range, free place in the age group, siblings share the
  free places; contract D: a place free only after the ready day is no option when the
  start is fixed); school grade (age − 72) // 12 + 1: grades 1–4 a Grundschule teaching
  it (window 06:00–17:00 with Hort, else 07:30–13:00), grades 5–12 a Regelschule,
  Gymnasium or Gemeinschaftsschule teaching it (no window); contract H: pupils from grade
  5 are no stop, their school is the nearest accepted one from the flat (≤ 60 minutes);
- chain: every order of the distinct stops and every allowed mode; morning flat → stops →
  job within the commute limit, hours rule per care-bound stop (shift-based with dwell, or
  the stated care hours), the feasible chain with the fewest daily minutes;
- score: ``((w_job·job_fit + w_flat·flat_fit) + w_cost·cost + w_commute·commute) / Σw``;
  ranking total desc, job id, flat id, care ids in child order; top-k, or the variety
  walk (contract V) over the whole ranked list.

New optional input fields of the contract are read with ``getattr`` and defaults, so the
oracle works before and after they exist.
"""

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise, permutations, product
from typing import NamedTuple

import numpy as np

from stadt360.bundles.engine import money
from stadt360.bundles.engine.inputs import BundleQuery, Household, Region, SchoolType, Wishes
from stadt360.mobility.geometric import MODES, Mode

# Contract D (dates) and H (hours) change rules, not only add fields: they apply once the
# engine's inputs carry their fields.
DATES_RULES = "move_in_day" in Wishes.__dataclass_fields__
HOURS_RULES = "dwell_min" in Wishes.__dataclass_fields__

SCHOOL_AGE = 72
PRIMARY_GRADES = 4
LAST_GRADE = 12
SECONDARY = (SchoolType.REGELSCHULE, SchoolType.GYMNASIUM, SchoolType.GEMEINSCHAFTSSCHULE)
ALL_DAY, HALF_DAY = (360.0, 1020.0), (450.0, 780.0)
PUPIL_MAX_MINUTES = 60
PUPIL_MODES = (Mode.WALK, Mode.BIKE, Mode.TRANSIT)


class Ranked(NamedTuple):
    """One feasible bundle: score and ids (care ids in child order, children with a place)."""

    score: float
    job_id: int
    flat_id: int
    care: tuple[int, ...]


@dataclass(frozen=True)
class Place:
    """One care option of one child. ``bound``: the hours rule applies to this stop."""

    kind: str
    index: int
    id: int
    zone: int
    opens: float
    closes: float
    bound: bool
    group: int = -1


# --- candidates -------------------------------------------------------------------------


def working_day(region: Region) -> tuple[np.ndarray, np.ndarray]:
    jobs = region.jobs
    hours = np.where(np.isnan(jobs.weekly_hours), 40.0, jobs.weekly_hours)
    length = hours / 5.0 * 60.0 + np.where(hours / 5.0 > 6.0, 30.0, 0.0)
    stated = ~np.isnan(jobs.shift_start) & ~np.isnan(jobs.shift_end)
    start = np.where(stated, jobs.shift_start, 480.0)
    end = np.where(stated, jobs.shift_end, 480.0 + length)
    return start, np.where(end < start, end + 1440.0, end)


def household_net(gross: np.ndarray, household: Household) -> np.ndarray:
    """Net pay + other income + Kindergeld per job (``money.household_money`` once it
    exists, contract M; before that the documented composition of ``money``'s parts)."""
    combined = getattr(money, "household_money", None)
    if combined is not None:
        return np.asarray(combined(gross, household), np.float64)
    children = len(household.child_age_months)
    tax_class = household.tax_class or money.tax_class_for(
        household.adults, children, household.other_net_income
    )
    net = money.net_monthly(gross, tax_class, children)
    return net + household.other_net_income + money.kindergeld(children)


def job_rows(region: Region, query: BundleQuery) -> tuple[np.ndarray, np.ndarray]:
    """Jobs that meet the salary limit, and every job's (estimated) gross."""
    jobs = region.jobs
    gross, _ = money.estimated_gross(jobs.salary_min, jobs.salary_max, jobs.weekly_hours)
    limit = query.wishes.min_salary
    return np.flatnonzero(gross >= (limit if limit is not None else -np.inf)), gross


def default_rooms(household: Household) -> float:
    adults = max(household.adults, 1)
    return float(1 + (adults >= 2) + max(adults - 2, 0) + len(household.child_age_months))


def flat_rows(region: Region, wishes: Wishes, household: Household) -> np.ndarray:
    flats = region.flats
    ok = flats.warm_rent <= (np.inf if wishes.max_warm_rent is None else wishes.max_warm_rent)
    rooms = default_rooms(household) if wishes.min_rooms is None else wishes.min_rooms
    ok &= flats.rooms >= rooms
    day = getattr(wishes, "move_in_day", None) if DATES_RULES else wishes.start_day
    if day is not None:
        ok &= flats.available_from <= day
    return np.flatnonzero(ok)


def kita_places(region: Region, wishes: Wishes, age: int) -> list[Place]:
    kitas, edges = region.kitas, list(region.kitas.age_group_edges)
    groups = [g for g in range(len(edges) - 1) if edges[g] <= age < edges[g + 1]]
    if not groups:
        return []
    g = groups[0]
    free_from = getattr(kitas, "free_from", None)
    out = []
    for k in range(len(kitas)):
        if not (kitas.min_age_months[k] <= age < kitas.max_age_months[k]):
            continue
        if kitas.free_places[k, g] <= 0:
            continue
        if DATES_RULES and wishes.start_day is not None and getattr(wishes, "start_fixed", False):
            ready = wishes.start_day + getattr(wishes, "start_window_days", 0)
            day = 0 if free_from is None else int(free_from[k, g])
            if day - ready > 0:
                continue
        place = Place("kita", k, int(kitas.ids[k]), int(kitas.zone[k]), float(kitas.opens[k]),
                      float(kitas.closes[k]), True, g)  # fmt: skip
        out.append(place)
    return out


def school_places(region: Region, grade: int) -> list[Place]:
    schools, out = region.schools, []
    for s in range(len(schools)):
        kind = int(schools.school_type[s])
        accepted = kind == SchoolType.GRUNDSCHULE if grade <= PRIMARY_GRADES else kind in SECONDARY
        if not accepted or not (schools.grade_min[s] <= grade <= schools.grade_max[s]):
            continue
        primary = grade <= PRIMARY_GRADES
        opens, closes = (ALL_DAY if schools.all_day[s] else HALF_DAY) if primary else (-1e9, 1e9)
        out.append(Place("school", s, int(schools.ids[s]), int(schools.zone[s]), opens, closes,
                         primary))  # fmt: skip
    return out


@dataclass(frozen=True)
class Children:
    """Per child with a place (child order): options, and whether the child is a pupil who
    travels alone (contract H; then the options are the accepted schools)."""

    options: list[list[Place]]
    alone: list[bool]


def children(region: Region, query: BundleQuery) -> Children:
    options, alone = [], []
    for age in query.household.child_age_months:
        if age < SCHOOL_AGE:
            options.append(kita_places(region, query.wishes, age))
            alone.append(False)
            continue
        grade = (age - SCHOOL_AGE) // 12 + 1
        if grade > LAST_GRADE:
            continue
        options.append(school_places(region, grade))
        alone.append(HOURS_RULES and grade > PRIMARY_GRADES)
    return Children(options, alone)


def pupil_schools(region: Region, places: list[Place], flat_zones: np.ndarray) -> np.ndarray:
    """Per flat zone: the id of the nearest accepted school (fewest minutes over walk, bike,
    transit; ties lowest id), −1 when that school is more than 60 minutes away."""
    travel = region.travel
    modes = [m for m in PUPIL_MODES if m in travel.modes] or list(travel.modes)
    rows = [travel.modes.index(m) for m in modes]
    out = np.full(len(flat_zones), -1, np.int64)
    for i, fz in enumerate(flat_zones):
        best = None
        for place in places:
            minutes = min(int(travel.minutes[m, fz, place.zone]) for m in rows)
            if best is None or (minutes, place.id) < best:
                best = (minutes, place.id)
        if best is not None and best[0] <= PUPIL_MAX_MINUTES:
            out[i] = best[1]
    return out


# --- chains ----------------------------------------------------------------------------


def allowed_modes(region: Region, wishes: Wishes) -> list[int]:
    """Rows of the travel matrices, in the tie order walk, bike, transit, car."""
    return [region.travel.modes.index(m) for m in MODES if m in wishes.modes and
            m in region.travel.modes]  # fmt: skip


def combo_stops(combo: tuple[Place, ...], wishes: Wishes) -> list[tuple[int, float, float]] | None:
    """Distinct stops (zone, latest opening, earliest closing) in first-appearance order;
    with stated care hours their rule is checked here (None: some stop fails it)."""
    stops: dict[tuple[str, int], list] = {}
    for place in combo:
        stop = stops.setdefault((place.kind, place.index), [place.zone, -np.inf, np.inf])
        if place.bound:
            stop[1], stop[2] = max(stop[1], place.opens), min(stop[2], place.closes)
    care_from, care_until = getattr(wishes, "care_from", None), getattr(wishes, "care_until", None)
    if care_from is None:
        return [tuple(s) for s in stops.values()]
    tol = wishes.hours_tolerance_min
    for _zone, opens, closes in stops.values():
        if opens > care_from + tol or closes < care_until - tol:
            return None
    return [(zone, -np.inf, np.inf) for zone, _o, _c in stops.values()]


def places_fit(region: Region, combo: tuple[Place, ...]) -> bool:
    """No Kita age group gets more children than it has free places."""
    wanted = Counter((p.index, p.group) for p in combo if p.kind == "kita")
    return all(region.kitas.free_places[k, g] >= n for (k, g), n in wanted.items())


@dataclass(frozen=True)
class Pairs:
    """Job × flat pairs (positions into the region's arrays) and their chain inputs."""

    job: np.ndarray
    flat: np.ndarray
    start: np.ndarray
    end: np.ndarray


def best_daily(region: Region, wishes: Wishes, pairs: Pairs, stops: np.ndarray) -> np.ndarray:
    """(pairs × combinations) fewest feasible daily minutes (inf: no feasible chain).

    ``stops`` (combinations × n × 3): zone, opens, closes of the n distinct stops.
    """
    t = region.travel.minutes.astype(np.float64)
    fz, jz = region.flats.zone[pairs.flat], region.jobs.zone[pairs.job]
    limit = np.inf if wishes.max_commute_min is None else float(wishes.max_commute_min)
    tol, dwell = float(wishes.hours_tolerance_min), float(getattr(wishes, "dwell_min", 0))
    n = stops.shape[1]
    best = np.full((len(fz), len(stops)), np.inf)
    for m in allowed_modes(region, wishes):
        tm = t[m]
        for order in permutations(range(n)):
            zones = [stops[:, i, 0].astype(np.int64) for i in order]
            # legs[i]: (pairs × combinations) minutes of morning leg i and of the evening
            # leg that comes back over the same two places.
            if n == 0:
                morning_legs = [tm[fz, jz][:, None]]
                evening_legs = [tm[jz, fz][:, None]]
            else:
                morning_legs = [tm[fz[:, None], zones[0][None, :]]]
                morning_legs += [tm[a, b][None, :] for a, b in pairwise(zones)]
                morning_legs.append(tm[zones[-1][None, :], jz[:, None]])
                evening_legs = [tm[zones[0][None, :], fz[:, None]]]
                evening_legs += [tm[b, a][None, :] for a, b in pairwise(zones)]
                evening_legs.append(tm[jz[:, None], zones[-1][None, :]])
            morning = sum(morning_legs) + dwell * n
            evening = sum(evening_legs) + dwell * n
            ok = morning <= limit
            for i, stop in enumerate(order):  # stop s_{i+1}
                after = sum(morning_legs[i + 1 :])  # legs from s_{i+1} to the job
                arrive = pairs.start[:, None] - after - dwell * (n - i)
                ok = ok & (stops[:, stop, 1][None, :] <= arrive + tol)
                back = sum(evening_legs[i + 1 :])  # legs from the job to s_{i+1}
                arrive_pm = pairs.end[:, None] + back + dwell * (n - i - 1)
                ok = ok & (stops[:, stop, 2][None, :] >= arrive_pm + dwell - tol)
            best = np.minimum(best, np.where(ok, morning + evening, np.inf))
    return best


# --- enumeration -----------------------------------------------------------------------


def score(query: BundleQuery, partial: np.ndarray, daily: np.ndarray) -> np.ndarray:
    w = query.weights
    commute = np.maximum(0.0, 1.0 - daily / 240.0)
    raw = partial + w.commute * commute
    return raw / w.total if w.total > 0 else raw * 0.0


def pairs_of(region: Region, query: BundleQuery) -> tuple[Pairs, np.ndarray]:
    """Every job × flat pair within the rent share, and its partial sum (fits and cost)."""
    wishes, w = query.wishes, query.weights
    jobs, gross = job_rows(region, query)
    flats = flat_rows(region, wishes, query.household)
    job, flat = (a.ravel() for a in np.meshgrid(jobs, flats, indexing="ij"))
    net = household_net(gross, query.household)[job]
    rent = region.flats.warm_rent[flat]
    share = np.inf if wishes.max_rent_share is None else wishes.max_rent_share
    keep = rent <= share * net
    job, flat, net, rent = job[keep], flat[keep], net[keep], rent[keep]
    cost = np.maximum(0.0, 1.0 - rent / (0.6 * net))
    fits = w.job_fit * region.jobs.fit[job] + w.flat_fit * region.flats.fit[flat]
    start, end = working_day(region)
    return Pairs(job, flat, start[job], end[job]), fits + w.cost * cost


def all_bundles(region: Region, query: BundleQuery) -> list[Ranked]:
    """Every feasible bundle, ranked (total desc, job id, flat id, care ids)."""
    kids = children(region, query)
    if any(not options for options in kids.options):
        return []
    pairs, partial = pairs_of(region, query)
    pupils = [i for i, alone in enumerate(kids.alone) if alone]
    alone_ids = np.zeros((len(pairs.flat), len(pupils)), np.int64)
    for col, child in enumerate(pupils):
        alone_ids[:, col] = pupil_schools(region, kids.options[child],
                                          region.flats.zone[pairs.flat])  # fmt: skip
    served = (alone_ids >= 0).all(axis=1)
    pairs = Pairs(*(a[served] for a in (pairs.job, pairs.flat, pairs.start, pairs.end)))
    partial, alone_ids = partial[served], alone_ids[served]
    chained = [i for i, alone in enumerate(kids.alone) if not alone]
    by_size: dict[int, list[tuple[tuple[Place, ...], list]]] = {}
    for combo in product(*(kids.options[i] for i in chained)):
        stops = combo_stops(combo, query.wishes) if places_fit(region, combo) else None
        if stops is not None:
            by_size.setdefault(len(stops), []).append((combo, stops))
    out: list[Ranked] = []
    for rows in by_size.values():
        stops = np.array([s for _, s in rows], np.float64).reshape(len(rows), -1, 3)
        daily = best_daily(region, query.wishes, pairs, stops)
        total = score(query, partial[:, None], daily)
        for p, c in zip(*np.nonzero(np.isfinite(daily)), strict=True):
            care = dict(zip(chained, (place.id for place in rows[c][0]), strict=True))
            care |= dict(zip(pupils, alone_ids[p].tolist(), strict=True))
            out.append(Ranked(float(total[p, c]), int(region.jobs.ids[pairs.job[p]]),
                              int(region.flats.ids[pairs.flat[p]]),
                              tuple(care[i] for i in range(len(kids.alone)))))  # fmt: skip
    out.sort(key=lambda b: (-b.score, b.job_id, b.flat_id, b.care))
    return out


def variety_walk(ranked: list[Ranked], variety: object, k: int) -> list[Ranked]:
    """Contract V: walk the ranked bundles, accept one while its job, flat and care set
    (care cap ignored for an empty set) have been accepted fewer times than the caps."""
    caps = (variety.max_per_job, variety.max_per_flat, variety.max_per_care)  # type: ignore[attr-defined]
    used: list[Counter] = [Counter(), Counter(), Counter()]
    out = []
    for bundle in ranked:
        if len(out) >= k:
            break
        keys = (bundle.job_id, bundle.flat_id, bundle.care)
        if any(used[i][keys[i]] >= caps[i] for i in range(2)):
            continue
        if bundle.care and used[2][bundle.care] >= caps[2]:
            continue
        for i in range(3):
            used[i][keys[i]] += 1
        out.append(bundle)
    return out


def oracle_top_k(region: Region, query: BundleQuery) -> list[Ranked]:
    """The engine's answer by definition: the first k, or the variety walk's k."""
    ranked = all_bundles(region, query)
    variety = getattr(query, "variety", None)
    return ranked[: query.k] if variety is None else variety_walk(ranked, variety, query.k)


def has_bundle(region: Region, query: BundleQuery) -> bool:
    return bool(all_bundles(region, query))


# --- comparison ------------------------------------------------------------------------


def engine_ranked(bundles: object) -> list[Ranked]:
    """The engine's bundles in the oracle's shape."""
    return [Ranked(b.score, b.job_id, b.flat_id, tuple(c.id for c in b.care))
            for b in bundles]  # type: ignore[attr-defined]  # fmt: skip


def same_ranking(got: list[Ranked], want: list[Ranked], everything: list[Ranked],
                 tol: float = 1e-9) -> bool:  # fmt: skip
    """``got`` equals the oracle's ``want`` up to ties within ``tol``: same length, scores
    within ``tol`` position by position, and each bundle of ``got`` is a real bundle (in
    ``everything``, its score within ``tol``) from the oracle's near-tie class at its
    position. ``tol`` 0: identical lists."""
    if tol == 0:
        return got == want
    if len(got) != len(want) or len(set(got)) != len(got):
        return False
    true = {(b.job_id, b.flat_id, b.care): b.score for b in everything}
    for mine, theirs in zip(got, want, strict=True):
        key = (mine.job_id, mine.flat_id, mine.care)
        if key not in true or abs(true[key] - mine.score) > tol:
            return False
        if abs(mine.score - theirs.score) > tol or abs(true[key] - theirs.score) > 2 * tol:
            return False
    return True
