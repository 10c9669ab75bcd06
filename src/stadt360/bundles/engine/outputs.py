"""Output shapes of the bundle engine: ranked bundles with reasons, and what to change
when nothing fits. Reason codes carry numbers only; ``bundles.sentences`` (Django side)
turns them into translated text."""

from dataclasses import dataclass, field
from typing import TypedDict

from stadt360.mobility.geometric import Mode

Reason = tuple[str, dict[str, object]]


class Starts(TypedDict):
    """When each part of a bundle can start (day numbers; None = not stated and no
    household start): job, flat, and care per household child (None without a place)."""

    job: int | None
    flat: int | None
    care: tuple[int | None, ...]


@dataclass(frozen=True, slots=True)
class CarePick:
    """The place one child gets: the child's index in ``Household.child_age_months``
    (children past school age have no pick, so this is not the position in ``care``),
    ``kind`` "kita" or "school", index into the region's Kitas/Schools, the place's id."""

    child: int
    kind: str
    index: int
    id: int


@dataclass(frozen=True, slots=True)
class Leg:
    """One trip of the daily chain. Places are "flat", "job", "kita:<id>", "school:<id>"."""

    origin: str
    destination: str
    minutes: int


@dataclass(frozen=True, slots=True)
class Bundle:
    """One ranked bundle. Indices point into the region snapshot's arrays.

    ``daily_minutes`` = the legs of both directions plus ``dwell_minutes`` at every care
    stop (``Leg``s are travel only) each way. ``care`` lists every child that has a place,
    in household order, including pupils who travel alone (not stops of the legs)."""

    rank: int
    job_index: int
    job_id: int
    flat_index: int
    flat_id: int
    care: tuple[CarePick, ...]
    score: float
    terms: dict[str, float]
    mode: Mode
    morning: tuple[Leg, ...]
    evening: tuple[Leg, ...]
    daily_minutes: int
    money: dict[str, float]
    reasons: tuple[Reason, ...]
    # One entry per child with a Kita place, in child order: (child, money.ChildFee).
    fees: tuple[tuple[int, tuple[float, float, str]], ...] = ()
    starts: Starts = field(default_factory=lambda: Starts(job=None, flat=None, care=()))
    dwell_minutes: int = 0


@dataclass(frozen=True, slots=True)
class Removal:
    """How many candidates of a kind one hard constraint removes on its own."""

    constraint: str
    kind: str
    removed: int
    of: int


@dataclass(frozen=True, slots=True)
class Relaxation:
    """A one-constraint change, verified by running the engine on the changed query."""

    constraint: str
    old: object
    new: object
    steps: int
    bundles: int
    patch: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BundleResult:
    """The answer to one query.

    ``exact`` is False when the search's work ceiling left something out that could have
    ranked: the bundles are real, but better ones may exist. ``relaxations_complete`` is
    False when the relaxation budget ran out: the list holds the best changes found.
    """

    bundles: tuple[Bundle, ...]
    removals: tuple[Removal, ...] = ()
    relaxations: tuple[Relaxation, ...] = ()
    candidates: dict[str, int] = field(default_factory=dict)
    exact: bool = True
    relaxations_complete: bool = True
