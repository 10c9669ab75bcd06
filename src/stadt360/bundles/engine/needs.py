"""What a household needs: rooms, a care place per child, and a working day per job.

Rules (documented in docs/engine.md, chosen to be explainable in one sentence each):

- Rooms: one living room, one bedroom for a couple (a single adult sleeps in the living
  room), one room per further adult, one room per child.
- Care: a child under 72 months needs a Kita place; from 72 months a school place with
  grade = (age − 72) // 12 + 1 (school entry at six; the real cut-off date shifts this by
  up to a year). Grades 1–4 need a Grundschule, grades 5–12 a Regelschule, Gymnasium
  or Gemeinschaftsschule teaching that grade; older children need no care place.
- Working day: stated shift times; else 08:00 plus weekly hours / 5, plus a 30-minute
  break when the day is longer than six hours (full time 40 h → 08:00–16:30).
- School care window: with all-day care (Hort) 06:00–17:00, without 07:30–13:00; only
  grades 1–4 are bound to it and are stops of the parent's chain.
- Pupils from grade 5 travel on their own: not a stop of the chain; their school is the
  accepted one nearest to the flat (``PUPIL_MAX_MINUTES`` at most, else the flat cannot
  serve the household).
"""

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from .inputs import Household, SchoolType, Wishes

SCHOOL_AGE_MONTHS = 72
LAST_GRADE = 12
LAST_PRIMARY_GRADE = 4
DEFAULT_SHIFT_START = 8 * 60
DEFAULT_WEEKLY_HOURS = 40.0
LONG_DAY_HOURS = 6.0
BREAK_MINUTES = 30.0
ALL_DAY_WINDOW = (6 * 60.0, 17 * 60.0)
HALF_DAY_WINDOW = (7 * 60.0 + 30, 13 * 60.0)
NO_WINDOW = (-1.0e6, 1.0e6)
# A pupil from grade 5 travels alone at most this long to school (minutes, one way).
PUPIL_MAX_MINUTES = 60.0
PRIMARY_TYPES = frozenset({SchoolType.GRUNDSCHULE})
SECONDARY_TYPES = frozenset(
    {SchoolType.REGELSCHULE, SchoolType.GYMNASIUM, SchoolType.GEMEINSCHAFTSSCHULE}
)


class CareKind(IntEnum):
    NONE = 0
    KITA = 1
    SCHOOL = 2


@dataclass(frozen=True, slots=True)
class ChildNeed:
    """The care place one child needs."""

    kind: CareKind
    age_months: int
    grade: int = 0


def child_need(age_months: int) -> ChildNeed:
    """Kita, school (with grade) or nothing, from the age at the start date."""
    if age_months < SCHOOL_AGE_MONTHS:
        return ChildNeed(CareKind.KITA, age_months)
    grade = (age_months - SCHOOL_AGE_MONTHS) // 12 + 1
    if grade > LAST_GRADE:
        return ChildNeed(CareKind.NONE, age_months)
    return ChildNeed(CareKind.SCHOOL, age_months, grade)


def travels_alone(need: ChildNeed) -> bool:
    """Pupils from grade 5 go to school on their own: no stop in the parent's chain."""
    return need.kind is CareKind.SCHOOL and need.grade > LAST_PRIMARY_GRADE


def accepted_school_types(grade: int) -> frozenset[SchoolType]:
    """Which school types serve a grade (Thuringia; Förderschulen are out of scope)."""
    return PRIMARY_TYPES if grade <= LAST_PRIMARY_GRADE else SECONDARY_TYPES


def school_window(grade: int, all_day: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Opening and closing minute a school place guarantees for a pupil of this grade."""
    if grade > LAST_PRIMARY_GRADE:
        return np.full(len(all_day), NO_WINDOW[0]), np.full(len(all_day), NO_WINDOW[1])
    opens = np.where(all_day, ALL_DAY_WINDOW[0], HALF_DAY_WINDOW[0])
    closes = np.where(all_day, ALL_DAY_WINDOW[1], HALF_DAY_WINDOW[1])
    return opens, closes


def default_min_rooms(household: Household) -> float:
    """Living room + couple's bedroom (if two adults) + further adults + one per child."""
    adults = max(household.adults, 1)
    couple = 1 if adults >= 2 else 0
    return float(1 + couple + max(adults - 2, 0) + len(household.child_age_months))


def min_rooms(household: Household, wishes: Wishes) -> float:
    """The caller's minimum when given, else the household rule."""
    return default_min_rooms(household) if wishes.min_rooms is None else wishes.min_rooms


def working_day(
    shift_start: np.ndarray, shift_end: np.ndarray, weekly_hours: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shift start and end (minutes) per job, and whether they were assumed.

    An end before the start means a night shift: it ends the next day (+1440).
    """
    hours = np.where(np.isnan(weekly_hours), DEFAULT_WEEKLY_HOURS, weekly_hours)
    daily = hours / 5.0
    length = daily * 60.0 + np.where(daily > LONG_DAY_HOURS, BREAK_MINUTES, 0.0)
    assumed = np.isnan(shift_start) | np.isnan(shift_end)
    start = np.where(assumed, DEFAULT_SHIFT_START, shift_start)
    end = np.where(assumed, DEFAULT_SHIFT_START + length, shift_end)
    end = np.where(end < start, end + 1440.0, end)
    return start, end, assumed
