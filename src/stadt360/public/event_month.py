"""The month calendar of the event pages: a grid of weeks, each day with its dates.

Rendered as an HTML table (weekday column headers, one row per week) whose entries are
ordinary links, so it reads and works with a screen reader and the keyboard alone; the
same dates are also offered as a list.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.utils import dateformat

from .event_display import DateRow, day_text, month_text


@dataclass(frozen=True)
class Cell:
    day: datetime.date | None  # None: a day of the neighbouring month (left empty)
    label: str
    rows: list[DateRow]
    today: bool


@dataclass(frozen=True)
class MonthView:
    first: datetime.date
    label: str
    weeks: list[list[Cell]]
    weekdays: list[tuple[str, str]]  # (short, full) names, Monday first
    previous: str  # ?monat= values
    next: str


def parse_month(value: str | None, default: datetime.date) -> datetime.date:
    """``2027-01`` → 1 January 2027; anything else → the first of ``default``'s month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        return default.replace(day=1)


def month_bounds(first: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first day of the month and of the next month."""
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following


def month_key(day: datetime.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def weekday_names() -> list[tuple[str, str]]:
    monday = datetime.date(2024, 1, 1)  # a Monday
    days = [monday + datetime.timedelta(days=n) for n in range(7)]
    return [(dateformat.format(day, "D"), dateformat.format(day, "l")) for day in days]


def month_view(first: datetime.date, rows: list[DateRow], today: datetime.date) -> MonthView:
    by_day: dict[datetime.date, list[DateRow]] = {}
    for row in rows:
        by_day.setdefault(row.day, []).append(row)
    weeks = [
        [
            Cell(
                day=day if day.month == first.month else None,
                label=day_text(day),
                rows=by_day.get(day, []) if day.month == first.month else [],
                today=day == today,
            )
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    _start, following = month_bounds(first)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    return MonthView(
        first=first,
        label=month_text(first),
        weeks=weeks,
        weekdays=weekday_names(),
        previous=month_key(previous),
        next=month_key(following),
    )
