"""Kita fees a family can expect when the Kita states none: per region, as data with sources.

Why ranges: in Gera every Kita is run by a free provider (the city runs none) and each
provider sets its own parental fee (Elternbeitrag, §§ 29, 30 ThürKigaG, staggered by
income and siblings); the city publishes no common fee table for Kitas. What is
published: the city's fee for child-minding (Kindertagespflege), which its minders
describe as in the middle of Gera's Krippe fees, and single providers' fees. So an
unknown fee becomes a range, never 0, and the bundle says where the figure comes from.
Fee-free years: § 30 Abs. 1 ThürKigaG (the last 24 months before school entry; the
engine applies it with ``free_months_before_school``). Meals are always extra.
"""

import datetime
from dataclasses import dataclass

import numpy as np

UNDER_THREE_MONTHS = 36


@dataclass(frozen=True)
class FeeSchedule:
    """Monthly fee ranges (min, max) in € for a full-day place, by age, and their sources."""

    region: str
    under_three: tuple[float, float]
    from_three: tuple[float, float]
    as_of: datetime.date
    certain: bool
    sources: tuple[str, ...]
    note: str
    free_months_before_school: int = 0
    free_law: str = ""


GERA = FeeSchedule(
    region="gera",
    under_three=(110.0, 230.0),
    from_three=(75.0, 200.0),
    as_of=datetime.date(2026, 12, 8),
    certain=False,
    sources=(
        "Stadt Gera, Richtlinie Kindertagespflege § 13: 154.55 € full day (2022), "
        "+1 % a year → 160.83 € in 2026 (kindertagespflege.gera.de)",
        "Gera's child-minders: this lies in the middle of Gera's Krippe fees "
        "(geras-plappermaeulchen.com/kosten)",
        "Landeswelle Thüringen: 170 € a month for a child from three is the upper end in Gera",
        "Stadt Gera (via JenaTV): all 39 Kitas are run by free providers; average fee "
        "888 € a year (older figure)",
    ),
    free_months_before_school=24,
    free_law="§ 30 Abs. 1 ThürKigaG: no parental fee in the last 24 months before school "
    "entry (since August 2020; a third free year is planned for 2027, not law yet)",
    note="Estimate, not a published table: each provider sets its own fee. "
    "The range spans the published reference points; low-income households often pay "
    "nothing (§ 90 Abs. 4 SGB VIII), which the range does not show.",
)

SCHEDULES = {GERA.region: GERA}


def schedule_for(region: str) -> FeeSchedule | None:
    return SCHEDULES.get(region)


def group_ranges(schedule: FeeSchedule | None, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(min, max) per engine age group (lower edge < 36 months → under three); NaN
    without a schedule."""
    groups = len(edges) - 1
    if schedule is None:
        return np.full(groups, np.nan), np.full(groups, np.nan)
    young = np.asarray(edges[:-1]) < UNDER_THREE_MONTHS
    low = np.where(young, schedule.under_three[0], schedule.from_three[0])
    high = np.where(young, schedule.under_three[1], schedule.from_three[1])
    return low.astype(np.float64), high.astype(np.float64)
