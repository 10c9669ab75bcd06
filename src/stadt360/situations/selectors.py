"""Reads that turn a catalogue situation into one household's needs and plan.

``needs_for`` expands each need's repetition rule (one Kita place per child under
school age …); ``plan_for`` picks the steps whose conditions hold, repeats
per-child steps once per child, orders them so prerequisites come first, and
computes each due date from the household's anchor dates.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from . import conditions
from .graph import topological_order
from .models import Direction, Need, Office, Per, Situation, Step

SCHOOL_ENTRY_CUTOFF = (8, 1)  # ThürSchulG § 18: six years old by 1 August → school that August
ADULT_AGE = 18


def school_entry_date(birth_date: datetime.date) -> datetime.date:
    """The 1 August on which a child born on ``birth_date`` starts school in Thuringia.

    A child who turns six on or before 1 August of a year starts school that
    August; one born later waits a year (ThürSchulG § 18; early or deferred entry
    are individual decisions and not modelled).
    """
    sixth = birth_date.year + 6
    born_by_cutoff = (birth_date.month, birth_date.day) <= SCHOOL_ENTRY_CUTOFF
    return datetime.date(sixth if born_by_cutoff else sixth + 1, *SCHOOL_ENTRY_CUTOFF)


def age_in_years(birth_date: datetime.date, on: datetime.date) -> int:
    """Whole years completed on ``on``; 0 for a child not yet born."""
    years = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    return max(years, 0)


@dataclass(frozen=True)
class Child:
    """One child of a household; ``number`` is its 1-based position as the household gave it."""

    number: int
    birth_date: datetime.date
    reference_date: datetime.date

    @property
    def school_entry(self) -> datetime.date:
        return school_entry_date(self.birth_date)

    @property
    def is_under_school_age(self) -> bool:
        return self.reference_date < self.school_entry

    @property
    def is_of_school_age(self) -> bool:
        """Past school entry and not yet 18: needs a school place (vocational years included)."""
        return (
            not self.is_under_school_age
            and age_in_years(self.birth_date, self.reference_date) < ADULT_AGE
        )

    def facts(self) -> dict[str, conditions.Fact]:
        return {
            "child_age_years": age_in_years(self.birth_date, self.reference_date),
            "child_days_until_school_entry": (self.school_entry - self.reference_date).days,
        }


@dataclass(frozen=True)
class Household:
    """Who asks: enough to decide which needs and steps apply, and when.

    ``reference_date`` is the day the household is judged on (usually the move-in
    day): it decides which children are under or of school age.
    ``seeking_work`` defaults to every adult; ``non_eu_citizens`` counts adults
    from outside the EU/EEA/Switzerland.
    """

    adults: int
    children: tuple[datetime.date, ...] = ()
    reference_date: datetime.date = field(default_factory=timezone.localdate)
    seeking_work: int | None = None
    non_eu_citizens: int = 0
    has_vehicle: bool = False

    @property
    def kids(self) -> list[Child]:
        return [
            Child(number=number, birth_date=birth, reference_date=self.reference_date)
            for number, birth in enumerate(self.children, start=1)
        ]

    def facts(self) -> dict[str, conditions.Fact]:
        kids = self.kids
        return {
            "adults": self.adults,
            "children": len(kids),
            "children_under_school_age": sum(kid.is_under_school_age for kid in kids),
            "children_of_school_age": sum(kid.is_of_school_age for kid in kids),
            "seeking_work": self.adults if self.seeking_work is None else self.seeking_work,
            "non_eu_citizens": self.non_eu_citizens,
            "has_vehicle": self.has_vehicle,
        }


@dataclass(frozen=True)
class Instance:
    """One repetition of a need or step: for the household, for adult n, or for child n."""

    ref_suffix: str = ""
    child: Child | None = None
    adult_number: int | None = None


def instances(*, per: str, household: Household) -> list[Instance]:
    """How often a ``Per`` rule repeats for this household (zero, once, or once per person)."""
    facts = household.facts()
    if per == Per.HOUSEHOLD:
        return [Instance()]
    if per in {Per.ADULT, Per.ADULT_SEEKING_WORK}:
        count = facts["adults"] if per == Per.ADULT else facts["seeking_work"]
        return [Instance(f":adult-{n}", adult_number=n) for n in range(1, int(count) + 1)]
    wanted = {
        Per.CHILD: lambda kid: True,
        Per.CHILD_UNDER_SCHOOL_AGE: lambda kid: kid.is_under_school_age,
        Per.CHILD_OF_SCHOOL_AGE: lambda kid: kid.is_of_school_age,
    }[Per(per)]
    return [Instance(f":child-{kid.number}", child=kid) for kid in household.kids if wanted(kid)]


def applicable_instances(
    *, per: str, condition: conditions.Rule, household: Household
) -> list[Instance]:
    base = household.facts()
    return [
        instance
        for instance in instances(per=per, household=household)
        if conditions.evaluate(condition, base | (instance.child.facts() if instance.child else {}))
    ]


@dataclass(frozen=True)
class ConcreteNeed:
    """One offer this household needs, e.g. "Kita place for child 2 (born 2022-03-15)"."""

    ref: str
    need: Need
    child: Child | None
    adult_number: int | None

    @property
    def kind(self) -> str:
        return self.need.kind


def needs_for(*, situation: Situation, household: Household) -> list[ConcreteNeed]:
    """The situation's needs, repeated per household member as their rule says."""
    return [
        ConcreteNeed(
            ref=need.key + inst.ref_suffix,
            need=need,
            child=inst.child,
            adult_number=inst.adult_number,
        )
        for need in sorted(situation.needs.all(), key=lambda need: (need.order, need.key))
        for inst in applicable_instances(
            per=need.per, condition=need.condition, household=household
        )
    ]


@dataclass(frozen=True)
class PlannedStep:
    """A step for this household: when it is due, where to go, what it waits for."""

    ref: str
    step: Step
    child: Child | None
    adult_number: int | None
    due_date: datetime.date | None
    waits_for: tuple[str, ...]

    @property
    def office(self) -> Office | None:
        return self.step.office


def due_date(
    *, step: Step, anchors: Mapping[str, datetime.date], child: Child | None
) -> datetime.date | None:
    """The deadline's day, or None without a deadline or without the anchor's date."""
    if step.deadline_anchor is None or step.deadline_days is None:
        return None
    key = step.deadline_anchor.key
    child_dates = (
        {"child_birth": child.birth_date, "school_entry": child.school_entry} if child else {}
    )
    anchor_date = child_dates.get(key) or anchors.get(key)
    if anchor_date is None:
        return None
    offset = datetime.timedelta(days=step.deadline_days)
    try:
        return (
            anchor_date + offset
            if step.deadline_direction == Direction.AFTER
            else anchor_date - offset
        )
    except OverflowError:
        return None


def plan_for(
    *, situation: Situation, household: Household, anchors: Mapping[str, datetime.date]
) -> list[PlannedStep]:
    """The applicable steps, prerequisites first, ties by catalogue order.

    ``anchors`` maps anchor keys (``move_in``, ``job_start`` …) to dates; a child's
    birth and school entry come from the household. A step whose prerequisite
    does not apply waits for that prerequisite's own prerequisites instead.
    """
    steps = {step.pk: step for step in situation.steps.all()}
    edges = {pk: {req.pk for req in step.requires.all()} for pk, step in steps.items()}
    order = topological_order(steps, edges, sort_key=lambda pk: (steps[pk].order, steps[pk].key))
    planned: dict[int, list[Instance]] = {
        pk: applicable_instances(
            per=steps[pk].per, condition=steps[pk].condition, household=household
        )
        for pk in order
    }
    result = []
    for pk in order:
        for inst in planned[pk]:
            waits = _waits_for(pk, inst, edges=edges, steps=steps, planned=planned)
            result.append(
                PlannedStep(
                    ref=steps[pk].key + inst.ref_suffix,
                    step=steps[pk],
                    child=inst.child,
                    adult_number=inst.adult_number,
                    due_date=due_date(step=steps[pk], anchors=anchors, child=inst.child),
                    waits_for=waits,
                )
            )
    return result


def _waits_for(
    pk: int,
    inst: Instance,
    *,
    edges: Mapping[int, set[int]],
    steps: Mapping[int, Step],
    planned: Mapping[int, list[Instance]],
) -> tuple[str, ...]:
    """Refs of the nearest applicable prerequisites; the same child's instance when there is one."""
    refs: list[str] = []
    pending = sorted(edges[pk], key=lambda req: (steps[req].order, steps[req].key))
    seen: set[int] = set()
    while pending:
        req = pending.pop(0)
        if req in seen:
            continue
        seen.add(req)
        if not planned[req]:
            pending.extend(sorted(edges[req], key=lambda r: (steps[r].order, steps[r].key)))
            continue
        same = [
            other
            for other in planned[req]
            if inst.ref_suffix and other.ref_suffix == inst.ref_suffix
        ]
        refs.extend(steps[req].key + other.ref_suffix for other in (same or planned[req]))
    return tuple(dict.fromkeys(refs))


def published_situations() -> QuerySet[Situation]:
    return Situation.objects.published().order_by("order", "slug")


def situation_with_catalogue(*, slug: str) -> Situation | None:
    """A published situation with its needs, steps, offices and requirements prefetched."""
    return Situation.objects.published().with_catalogue().filter(slug=slug).first()
