"""Hard filters: turn a region snapshot and a query into the candidate arrays one search uses.

Why one place: the search and the relaxation search must see exactly the same
candidates, so filtering happens once, here, and both consume the result (the brute force
in tests/bundles/oracle.py filters again on its own, from docs/engine.md).
"""

from dataclasses import dataclass, field, fields, replace

import numpy as np

from stadt360.mobility.geometric import Mode

from . import money
from .budget import Budget
from .inputs import BundleQuery, Region
from .lower import ModeMinimum, mode_minimum
from .needs import (
    NO_WINDOW,
    PUPIL_MAX_MINUTES,
    CareKind,
    ChildNeed,
    accepted_school_types,
    child_need,
    min_rooms,
    school_window,
    travels_alone,
    working_day,
)

# Modes a pupil may use alone; when the travel matrices have none of them, all modes count.
PUPIL_MODES = (Mode.WALK, Mode.BIKE, Mode.TRANSIT)
# A part's start day when nothing is stated and there is no household start.
NO_DAY = -1


def part_day(stated: np.ndarray, start_day: int | None) -> np.ndarray:
    """The day each part can start: its stated day (0 = now / not stated), not before
    the household's start; without a start, the stated day or ``NO_DAY``."""
    if start_day is None:
        return np.where(stated > 0, stated, NO_DAY)
    return np.maximum(stated, start_day)


@dataclass(frozen=True, eq=False)
class CareOptions:
    """The places one child may take, as parallel arrays (one entry per place).

    ``child`` is the child's index in the household. ``key`` is unique across Kitas and
    schools (Kitas first), so two children share a stop exactly when their keys are equal;
    ``kita``/``group`` drive the free-place check. ``opens``/``closes`` are the window the
    chain must meet (wide open when stated care hours replace the shift rule: those are
    checked here, per place); ``place_opens``/``place_closes`` the place's own hours.
    ``from_day`` is the day the place can start (``part_day``; ``NO_DAY`` when nothing
    is known), ``gap_days`` how long after the household's start plus its window that is
    (0: no gap).
    """

    need: ChildNeed
    child: int
    source: np.ndarray
    key: np.ndarray
    ids: np.ndarray
    zone: np.ndarray
    opens: np.ndarray
    closes: np.ndarray
    place_opens: np.ndarray
    place_closes: np.ndarray
    kita: np.ndarray
    group: np.ndarray
    from_day: np.ndarray
    gap_days: np.ndarray

    def take(self, keep: np.ndarray) -> "CareOptions":
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        arrays = {k: v[keep] for k, v in values.items() if isinstance(v, np.ndarray)}
        return CareOptions(**(values | arrays))


@dataclass(frozen=True, eq=False)
class PupilSchools:
    """Where a pupil from grade 5 goes alone, per flat of the region: the index of the
    nearest accepted school (-1: none) and its minutes from the flat's zone (inf: none)."""

    need: ChildNeed
    child: int
    school: np.ndarray
    minutes: np.ndarray


@dataclass(frozen=True, eq=False)
class Prepared:
    """Filtered candidates with everything the search needs, per query.

    ``care`` holds the children that are stops of the chain, ``pupils`` those from grade 5
    who travel alone. ``dwell`` = minutes at every distinct stop, each way; ``dwell_floor``
    = the dwell every chain of this household surely has per direction (dwell × number of
    kinds of chain places: a Kita and a school are never one stop), for lower bounds.
    Per-job arrays are named ``job_*`` and per-flat arrays ``flat_*``: the variety walk
    narrows a ``Prepared`` by slicing them by name (``variety.narrowed``).
    """

    query: BundleQuery
    region: Region
    job_index: np.ndarray
    job_zone: np.ndarray
    job_part: np.ndarray
    job_money: np.ndarray
    job_net_pay: np.ndarray
    job_gross: np.ndarray
    job_gross_estimated: np.ndarray
    job_start: np.ndarray
    job_end: np.ndarray
    job_shift_assumed: np.ndarray
    job_shift: np.ndarray
    flat_index: np.ndarray
    flat_zone: np.ndarray
    flat_part: np.ndarray
    flat_rent: np.ndarray
    care: tuple[CareOptions, ...]
    pupils: tuple[PupilSchools, ...]
    modes: np.ndarray
    lower: ModeMinimum | None
    max_commute: float
    max_rent_share: float
    tolerance: float
    dwell: float
    dwell_floor: float
    n_children: int
    removed: dict[str, tuple[str, int, int]]
    budget: Budget = field(default_factory=Budget)
    # Care sets (rows of care positions, child order) the search leaves out: the variety
    # walk's sets whose cap is used up (``variety``); None = none.
    care_banned: np.ndarray | None = None

    @property
    def mode_lower(self) -> ModeMinimum:
        """``lower`` for the search steps that run only when some mode is allowed.

        Why a raise: ``lower`` is None only without modes, and then ``hopeless`` ends the
        search before any bound is taken; reaching this without modes is a bug.
        """
        if self.lower is None:
            raise ValueError("no mode is allowed, so there are no travel bounds")
        return self.lower


def job_mask(region: Region, query: BundleQuery) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Jobs meeting the minimum salary; returns (mask, gross, gross_is_estimate)."""
    jobs = region.jobs
    gross, estimated = money.estimated_gross(jobs.salary_min, jobs.salary_max, jobs.weekly_hours)
    limit = query.wishes.min_salary
    mask = np.ones(len(jobs), bool) if limit is None else gross >= limit
    return mask, gross, estimated


def flat_masks(
    region: Region, query: BundleQuery, pupils: tuple[PupilSchools, ...] = ()
) -> dict[str, np.ndarray]:
    """One mask per flat constraint, so each can be counted alone."""
    flats, wishes = region.flats, query.wishes
    everything = np.ones(len(flats), bool)
    rent = everything if wishes.max_warm_rent is None else flats.warm_rent <= wishes.max_warm_rent
    rooms = flats.rooms >= min_rooms(query.household, wishes)
    move_in = wishes.move_in_day
    moving = everything if move_in is None else flats.available_from <= move_in
    masks = {"max_warm_rent": rent, "min_rooms": rooms, "move_in_day": moving}
    if pupils:
        masks["pupil_school"] = np.logical_and.reduce(
            [pupil.minutes <= PUPIL_MAX_MINUTES for pupil in pupils]
        )
    return masks


def pupil_mode_indices(region: Region) -> np.ndarray:
    """Walk, bike and transit where the travel matrices have them; else every mode."""
    modes = region.travel.modes
    alone = [i for i, m in enumerate(modes) if m in PUPIL_MODES]
    return np.array(alone or range(len(modes)), np.int64)


def pupil_schools(region: Region, need: ChildNeed, child: int) -> PupilSchools:
    """Per flat: the accepted school with the fewest minutes from the flat's zone (minimum
    over the pupil's modes), ties to the lowest school id."""
    idx = accepted_schools(region, need)
    idx = idx[np.argsort(region.schools.ids[idx], kind="stable")]
    zones, inverse = np.unique(region.flats.zone, return_inverse=True)
    school = np.full(len(zones), -1, np.int64)
    minutes = np.full(len(zones), np.inf)
    if len(idx) and len(zones):
        m = pupil_mode_indices(region)[:, None, None]
        table = region.travel.minutes[m, zones[None, :, None], region.schools.zone[idx][None, None]]
        best = table.min(axis=0).astype(np.float64)
        nearest = np.argmin(best, axis=1)
        school, minutes = idx[nearest], best[np.arange(len(zones)), nearest]
    return PupilSchools(need, child, school[inverse.ravel()], minutes[inverse.ravel()])


@dataclass(frozen=True, eq=False)
class KitaFit:
    """Per Kita, for one child: its age group, whether it has a place (age range and a
    free place in the group), the day that place is free and the gap after the start."""

    group: int
    place: np.ndarray
    from_day: np.ndarray
    gap_days: np.ndarray


def kita_fit(region: Region, query: BundleQuery, age: int) -> KitaFit:
    """Age range, free place and dates of every Kita for a child of ``age`` months.

    The place starts on ``part_day(free_from, start_day)``; the gap is ``max(0,
    free_from - (start_day + start_window_days))``, 0 without a start day."""
    kitas, wishes = region.kitas, query.wishes
    group = int(np.searchsorted(kitas.age_group_edges, age, side="right") - 1)
    has_group = 0 <= group < kitas.free_places.shape[1]
    column = group if has_group else 0
    free = kitas.free_places[:, column] > 0 if has_group else np.zeros(len(kitas), bool)
    place = (kitas.min_age_months <= age) & (age < kitas.max_age_months) & free
    free_from = kitas.free_from[:, column]
    from_day = part_day(free_from, wishes.start_day)
    if wishes.start_day is None:
        return KitaFit(group, place, from_day, np.zeros(len(kitas), np.int64))
    ready = wishes.start_day + wishes.start_window_days
    return KitaFit(group, place, from_day, np.maximum(0, free_from - ready))


def date_ok(fit: KitaFit, query: BundleQuery) -> np.ndarray:
    """Kitas whose place is an option by date: all, unless the date is fixed and the
    place is free only after the start (plus its window)."""
    if not query.wishes.start_fixed:
        return np.ones(len(fit.place), bool)
    return fit.gap_days == 0


def kita_options(
    region: Region, query: BundleQuery, need: ChildNeed, base_key: int, child: int
) -> CareOptions:
    """Kitas whose age range fits the child, that have a free place in its age group and,
    when the start date is fixed, whose place is free by then."""
    kitas = region.kitas
    fit = kita_fit(region, query, need.age_months)
    idx = np.flatnonzero(fit.place & date_ok(fit, query))
    return CareOptions(
        need=need,
        child=child,
        source=idx,
        key=base_key + idx,
        ids=kitas.ids[idx],
        zone=kitas.zone[idx],
        opens=kitas.opens[idx],
        closes=kitas.closes[idx],
        place_opens=kitas.opens[idx],
        place_closes=kitas.closes[idx],
        kita=idx,
        group=np.full(len(idx), fit.group, np.int64),
        from_day=fit.from_day[idx],
        gap_days=fit.gap_days[idx],
    )


def accepted_schools(region: Region, need: ChildNeed) -> np.ndarray:
    """Indices of the schools of an accepted type that teach the child's grade."""
    schools = region.schools
    types = np.array(sorted(accepted_school_types(need.grade)), np.int64)
    ok = np.isin(schools.school_type, types)
    ok &= (schools.grade_min <= need.grade) & (need.grade <= schools.grade_max)
    return np.flatnonzero(ok)


def school_options(
    region: Region, query: BundleQuery, need: ChildNeed, base_key: int, child: int
) -> CareOptions:
    """Schools of an accepted type that teach the child's grade (grades 1–4: stops); a
    school place starts at the household's start: never a gap."""
    schools = region.schools
    idx = accepted_schools(region, need)
    opens, closes = school_window(need.grade, schools.all_day[idx])
    return CareOptions(
        need=need,
        child=child,
        source=idx,
        key=base_key + idx,
        ids=schools.ids[idx],
        zone=schools.zone[idx],
        opens=opens.astype(np.float64),
        closes=closes.astype(np.float64),
        place_opens=opens.astype(np.float64),
        place_closes=closes.astype(np.float64),
        kita=np.full(len(idx), -1, np.int64),
        group=np.full(len(idx), -1, np.int64),
        from_day=part_day(np.zeros(len(idx), np.int64), query.wishes.start_day),
        gap_days=np.zeros(len(idx), np.int64),
    )


def household_needs(query: BundleQuery) -> tuple[list[tuple[int, ChildNeed]], list]:
    """(children that are stops of the chain, pupils who travel alone), each as
    (household index, need); children past school age need no place."""
    stops, alone = [], []
    for child, age in enumerate(query.household.child_age_months):
        need = child_need(int(age))
        if travels_alone(need):
            alone.append((child, need))
        elif need.kind is not CareKind.NONE:
            stops.append((child, need))
    return stops, alone


def care_options(region: Region, query: BundleQuery) -> tuple[CareOptions, ...]:
    """Options per child that is a stop of the chain (Kita or school grades 1–4)."""
    school_base = len(region.kitas)
    out = []
    for child, need in household_needs(query)[0]:
        if need.kind is CareKind.KITA:
            out.append(kita_options(region, query, need, 0, child))
        else:
            out.append(school_options(region, query, need, school_base, child))
    return tuple(out)


def within_care_hours(options: CareOptions, hours: tuple[float, float], tolerance: float):
    """Places open over the stated care hours (± tolerance): the mask, and the options
    with those places only, their chain window wide open (the hours are checked here)."""
    ok = (options.place_opens <= hours[0] + tolerance) & (
        options.place_closes >= hours[1] - tolerance
    )
    kept = options.take(ok)
    count = len(kept.source)
    wide = replace(kept, opens=np.full(count, NO_WINDOW[0]), closes=np.full(count, NO_WINDOW[1]))
    return ok, wide


def care_and_pupils(
    region: Region, query: BundleQuery
) -> tuple[tuple[CareOptions, ...], tuple[PupilSchools, ...], dict[str, tuple[str, int, int]]]:
    """The chain's care options (stated care hours applied), the pupils' schools, and
    how many places each care rule removed (keys name the household's child index)."""
    removed: dict[str, tuple[str, int, int]] = {}
    care = []
    hours, tolerance = query.wishes.care_hours, float(query.wishes.hours_tolerance_min)
    for options in care_options(region, query):
        removed |= care_removed(region, query, options)
        if hours is not None:
            ok, options = within_care_hours(options, hours, tolerance)
            removed[f"care_hours_child_{options.child}"] = ("care", int((~ok).sum()), len(ok))
        care.append(options)
    pupils = tuple(pupil_schools(region, need, child) for child, need in household_needs(query)[1])
    return tuple(care), pupils, removed


def care_removed(
    region: Region, query: BundleQuery, options: CareOptions
) -> dict[str, tuple[str, int, int]]:
    """For one child: Kitas or schools without a place for it (age, free place, school
    type and grade), and — when the start date is fixed — Kitas whose place comes too late."""
    child = options.child
    if options.need.kind is CareKind.SCHOOL:
        total = len(region.schools)
        return {f"care_child_{child}": ("schools", total - len(options.source), total)}
    fit, total = kita_fit(region, query, options.need.age_months), len(region.kitas)
    late = int((fit.place & ~date_ok(fit, query)).sum())
    return {
        f"care_child_{child}": ("kitas", total - int(fit.place.sum()), total),
        f"care_start_child_{child}": ("kitas", late, total),
    }


def mode_indices(region: Region, query: BundleQuery) -> np.ndarray:
    """Indices (into the travel matrices) of the allowed modes, in matrix order."""
    allowed = set(query.wishes.modes)
    return np.array([i for i, m in enumerate(region.travel.modes) if m in allowed], np.int64)


def household_money(
    gross: np.ndarray, query: BundleQuery, n_children: int
) -> tuple[np.ndarray, np.ndarray]:
    """(net pay, household net money incl. other income and Kindergeld) per job.

    ``money.household_money`` is the one rule (the oracle calls it too); net pay is what
    it adds on top of the household's other money.
    """
    household = query.household
    total = money.household_money(gross, household, query.money_params)
    return total - (household.other_net_income + money.kindergeld(n_children)), total


def _count_removed(masks: dict[str, np.ndarray], kind: str) -> dict[str, tuple[str, int, int]]:
    return {name: (kind, int((~m).sum()), len(m)) for name, m in masks.items()}


def prepare(region: Region, query: BundleQuery, budget: Budget | None = None) -> Prepared:
    """Apply all candidate-level hard constraints and precompute per-candidate terms;
    ``budget`` is the work the search may spend (default: one search's ceiling)."""
    weights, wishes = query.weights, query.wishes
    n_children = len(query.household.child_age_months)
    jmask, gross, estimated = job_mask(region, query)
    care, pupils, care_counts = care_and_pupils(region, query)
    fmasks = flat_masks(region, query, pupils)
    fmask = np.logical_and.reduce(list(fmasks.values()))
    net, household = household_money(gross, query, n_children)
    start, end, assumed = working_day(
        region.jobs.shift_start, region.jobs.shift_end, region.jobs.weekly_hours
    )
    ji, fi = np.flatnonzero(jmask), np.flatnonzero(fmask)
    shifts = np.column_stack([start[ji], end[ji]])
    shift = np.unique(shifts, axis=0, return_inverse=True)[1].ravel() if len(ji) else ji
    modes = mode_indices(region, query)
    removed = _count_removed({"min_salary": jmask}, "jobs") | _count_removed(fmasks, "flats")
    removed |= care_counts
    dwell = float(wishes.dwell_min)
    return Prepared(
        query=query,
        region=region,
        job_index=ji,
        job_zone=region.jobs.zone[ji],
        job_part=weights.job_fit * region.jobs.fit[ji],
        job_money=household[ji],
        job_net_pay=net[ji],
        job_gross=gross[ji],
        job_gross_estimated=estimated[ji],
        job_start=start[ji],
        job_end=end[ji],
        job_shift_assumed=assumed[ji],
        job_shift=shift,
        flat_index=fi,
        flat_zone=region.flats.zone[fi],
        flat_part=weights.flat_fit * region.flats.fit[fi],
        flat_rent=region.flats.warm_rent[fi],
        care=care,
        pupils=pupils,
        modes=modes,
        lower=mode_minimum(region.travel, modes) if len(modes) else None,
        max_commute=np.inf if wishes.max_commute_min is None else float(wishes.max_commute_min),
        max_rent_share=np.inf if wishes.max_rent_share is None else float(wishes.max_rent_share),
        tolerance=float(wishes.hours_tolerance_min),
        dwell=dwell,
        dwell_floor=dwell * len({options.need.kind for options in care}),
        n_children=n_children,
        removed=removed,
        budget=Budget() if budget is None else budget,
    )
