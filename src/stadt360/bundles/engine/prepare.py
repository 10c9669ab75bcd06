"""Hard filters: turn a region snapshot and a query into the candidate arrays one search uses.

Why one place: the search and the relaxation search must see exactly the same
candidates, so filtering happens once, here, and both consume the result (the brute force
in tests/bundles/oracle.py filters again on its own, from docs/engine.md).
"""

from dataclasses import dataclass, field

import numpy as np

from . import money
from .budget import Budget
from .inputs import BundleQuery, Region
from .lower import ModeMinimum, mode_minimum
from .needs import (
    CareKind,
    ChildNeed,
    accepted_school_types,
    child_need,
    min_rooms,
    school_window,
    working_day,
)


@dataclass(frozen=True, eq=False)
class CareOptions:
    """The places one child may take, as parallel arrays (one entry per place).

    ``key`` is unique across Kitas and schools (Kitas first), so two children share a
    stop exactly when their keys are equal; ``kita``/``group`` drive the free-place check.
    """

    need: ChildNeed
    source: np.ndarray
    key: np.ndarray
    ids: np.ndarray
    zone: np.ndarray
    opens: np.ndarray
    closes: np.ndarray
    kita: np.ndarray
    group: np.ndarray


@dataclass(frozen=True, eq=False)
class Prepared:
    """Filtered candidates with everything the search needs, per query."""

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
    modes: np.ndarray
    lower: ModeMinimum | None
    max_commute: float
    max_rent_share: float
    tolerance: float
    n_children: int
    removed: dict[str, tuple[str, int, int]]
    budget: Budget = field(default_factory=Budget)

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


def flat_masks(region: Region, query: BundleQuery) -> dict[str, np.ndarray]:
    """One mask per flat constraint, so each can be counted alone."""
    flats, wishes = region.flats, query.wishes
    everything = np.ones(len(flats), bool)
    rent = everything if wishes.max_warm_rent is None else flats.warm_rent <= wishes.max_warm_rent
    rooms = flats.rooms >= min_rooms(query.household, wishes)
    start = wishes.start_day
    moving = everything if start is None else flats.available_from <= start
    return {"max_warm_rent": rent, "min_rooms": rooms, "start_day": moving}


def kita_options(region: Region, need: ChildNeed, base_key: int) -> CareOptions:
    """Kitas whose age range fits the child and that have a free place in its age group."""
    kitas, age = region.kitas, need.age_months
    group = int(np.searchsorted(kitas.age_group_edges, age, side="right") - 1)
    n_groups = kitas.free_places.shape[1]
    has_group = 0 <= group < n_groups
    free = kitas.free_places[:, group] > 0 if has_group else np.zeros(len(kitas), bool)
    ok = (kitas.min_age_months <= age) & (age < kitas.max_age_months) & free
    idx = np.flatnonzero(ok)
    return CareOptions(
        need=need,
        source=idx,
        key=base_key + idx,
        ids=kitas.ids[idx],
        zone=kitas.zone[idx],
        opens=kitas.opens[idx],
        closes=kitas.closes[idx],
        kita=idx,
        group=np.full(len(idx), group, np.int64),
    )


def school_options(region: Region, need: ChildNeed, base_key: int) -> CareOptions:
    """Schools of an accepted type that teach the child's grade."""
    schools = region.schools
    types = np.array(sorted(accepted_school_types(need.grade)), np.int64)
    ok = np.isin(schools.school_type, types)
    ok &= (schools.grade_min <= need.grade) & (need.grade <= schools.grade_max)
    idx = np.flatnonzero(ok)
    opens, closes = school_window(need.grade, schools.all_day[idx])
    return CareOptions(
        need=need,
        source=idx,
        key=base_key + idx,
        ids=schools.ids[idx],
        zone=schools.zone[idx],
        opens=opens.astype(np.float64),
        closes=closes.astype(np.float64),
        kita=np.full(len(idx), -1, np.int64),
        group=np.full(len(idx), -1, np.int64),
    )


def care_options(region: Region, query: BundleQuery) -> tuple[CareOptions, ...]:
    """Options per child that needs a place (children past school age need none)."""
    school_base = len(region.kitas)
    out = []
    for age in query.household.child_age_months:
        need = child_need(int(age))
        if need.kind is CareKind.KITA:
            out.append(kita_options(region, need, 0))
        elif need.kind is CareKind.SCHOOL:
            out.append(school_options(region, need, school_base))
    return tuple(out)


def mode_indices(region: Region, query: BundleQuery) -> np.ndarray:
    """Indices (into the travel matrices) of the allowed modes, in matrix order."""
    allowed = set(query.wishes.modes)
    return np.array([i for i, m in enumerate(region.travel.modes) if m in allowed], np.int64)


def household_money(
    gross: np.ndarray, query: BundleQuery, n_children: int
) -> tuple[np.ndarray, np.ndarray]:
    """(net pay, household net money incl. other income and Kindergeld) per job."""
    household = query.household
    tax_class = household.tax_class or money.tax_class_for(
        household.adults, n_children, household.other_net_income
    )
    net = money.net_monthly(gross, tax_class, n_children)
    return net, net + household.other_net_income + money.kindergeld(n_children)


def _count_removed(masks: dict[str, np.ndarray], kind: str) -> dict[str, tuple[str, int, int]]:
    return {name: (kind, int((~m).sum()), len(m)) for name, m in masks.items()}


def prepare(region: Region, query: BundleQuery, budget: Budget | None = None) -> Prepared:
    """Apply all candidate-level hard constraints and precompute per-candidate terms;
    ``budget`` is the work the search may spend (default: one search's ceiling)."""
    weights, wishes = query.weights, query.wishes
    n_children = len(query.household.child_age_months)
    jmask, gross, estimated = job_mask(region, query)
    fmasks = flat_masks(region, query)
    fmask = np.logical_and.reduce(list(fmasks.values()))
    net, household = household_money(gross, query, n_children)
    start, end, assumed = working_day(
        region.jobs.shift_start, region.jobs.shift_end, region.jobs.weekly_hours
    )
    ji, fi = np.flatnonzero(jmask), np.flatnonzero(fmask)
    shifts = np.column_stack([start[ji], end[ji]])
    shift = np.unique(shifts, axis=0, return_inverse=True)[1].ravel() if len(ji) else ji
    care = care_options(region, query)
    modes = mode_indices(region, query)
    removed = _count_removed({"min_salary": jmask}, "jobs") | _count_removed(fmasks, "flats")
    for i, options in enumerate(care):
        kind = "kitas" if options.need.kind is CareKind.KITA else "schools"
        total = len(region.kitas) if kind == "kitas" else len(region.schools)
        removed[f"care_child_{i}"] = (kind, total - len(options.source), total)
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
        modes=modes,
        lower=mode_minimum(region.travel, modes) if len(modes) else None,
        max_commute=np.inf if wishes.max_commute_min is None else float(wishes.max_commute_min),
        max_rent_share=np.inf if wishes.max_rent_share is None else float(wishes.max_rent_share),
        tolerance=float(wishes.hours_tolerance_min),
        n_children=n_children,
        removed=removed,
        budget=Budget() if budget is None else budget,
    )
