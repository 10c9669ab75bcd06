"""The read-only snapshot of a region's published offers as engine arrays.

Each process keeps one snapshot in memory (read-only arrays, as ARCHITECTURE.md says for
web workers) and rebuilds it when the fingerprint of the offer tables changes. The
fingerprint is one cheap aggregate query, so an offer published by an import in a worker
process is visible to the next bundle search in every web process.
"""

import datetime
import math
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, SupportsFloat

import numpy as np
from django.conf import settings
from django.db import connection
from django.utils import timezone

from stadt360.bundles import engine
from stadt360.childcare.fees import group_ranges, schedule_for
from stadt360.childcare.models import FreePlace, Kita, OpeningHours
from stadt360.housing.models import Flat, PetPolicy
from stadt360.jobs.models import Job
from stadt360.mobility.transit import PEAK
from stadt360.mobility.zones import ZoneGrid, build_zone_matrices
from stadt360.schools.models import School, SchoolType

# Zones: 500 m cells, coarser when the offers spread over a large area, so that the
# zone-to-zone matrices stay below ~2,500² cells per mode.
CELL_KM = 0.5
MAX_ZONES = 2_500
PADDING_DEGREES = 0.005
WORKDAYS = range(5)
AGE_GROUP_EDGES = (0, 36, 84)
# Transit headways: the city's data file (Gera: demo data) in the peak, when the parent's
# morning and evening trips run; the engine holds one transit matrix (docs/mobility.md).
TRANSIT_CITY = "gera"
TRANSIT_PERIOD = PEAK
SCHOOL_TYPES = {
    SchoolType.GRUNDSCHULE: engine.SchoolType.GRUNDSCHULE,
    SchoolType.REGELSCHULE: engine.SchoolType.REGELSCHULE,
    SchoolType.GYMNASIUM: engine.SchoolType.GYMNASIUM,
    SchoolType.GEMEINSCHAFTSSCHULE: engine.SchoolType.GEMEINSCHAFTSSCHULE,
}


@dataclass(frozen=True, eq=False)
class JobTexts:
    """Lower-cased texts of each job, for keyword fit; aligned with ``region.jobs``."""

    title: tuple[str, ...]
    occupation: tuple[str, ...]
    body: tuple[str, ...]
    occupation_code: tuple[str, ...]
    employment_type: np.ndarray


@dataclass(frozen=True, eq=False)
class FlatFeatures:
    """Boolean features of each flat, aligned with ``region.flats``."""

    balcony: np.ndarray
    lift: np.ndarray
    step_free: np.ndarray
    pets: np.ndarray
    wbs_required: np.ndarray


@dataclass(frozen=True, eq=False)
class Snapshot:
    fingerprint: tuple
    region: engine.Region
    job_texts: JobTexts
    flat_features: FlatFeatures
    is_demo: bool


@dataclass(frozen=True, eq=False)
class FreePlaces:
    """Free-place rows as arrays: Kita index, age group, first day, count.

    A row whose age range spans two of the engine's age groups counts in both: operators
    report mixed groups (0–6 years), and the place goes to whichever child takes it.
    """

    kita: np.ndarray
    group: np.ndarray
    day: np.ndarray
    count: np.ndarray

    def counts(self, kitas: int) -> np.ndarray:
        """Free places per Kita and age group, over all reported rows whatever their date."""
        counts = np.zeros((kitas, len(AGE_GROUP_EDGES) - 1), dtype=np.int64)
        np.add.at(counts, (self.kita, self.group), self.count)
        return counts

    def first_days(self, kitas: int) -> np.ndarray:
        """Per Kita and age group: the day of the earliest free place (0 without one)."""
        never = np.iinfo(np.int64).max
        days = np.full((kitas, len(AGE_GROUP_EDGES) - 1), never, dtype=np.int64)
        np.minimum.at(days, (self.kita, self.group), self.day)
        return np.where(days == never, 0, days)


def fingerprint() -> tuple:
    """Changes whenever a published offer (or a Kita's free places) changes.

    One statement of scalar subqueries over the offer tables: count, newest update and
    highest id per table, plus the free places' count, sum and highest id (rows replaced
    with other dates get new ids). The day matters too: offers leave
    ``published()`` when their valid-until day passes.
    """
    parts = []
    for model in (Job, Flat, Kita, School):
        table = connection.ops.quote_name(model._meta.db_table)
        parts += [f"SELECT COUNT(*) FROM {table}", f"SELECT MAX(updated_at) FROM {table}",
                  f"SELECT MAX(id) FROM {table}"]  # fmt: skip
    places = connection.ops.quote_name(FreePlace._meta.db_table)
    parts += [f"SELECT COUNT(*) FROM {places}", f"SELECT SUM(count) FROM {places}",
              f"SELECT MAX(id) FROM {places}"]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"({part})" for part in parts))
        row = cursor.fetchone()
    return (timezone.localdate(), *(str(value) for value in row))


def zone_grid(points: np.ndarray) -> ZoneGrid:
    """A grid over all offer positions, with cells of at least ``CELL_KM``."""
    south, west = points.min(axis=0) - PADDING_DEGREES
    north, east = points.max(axis=0) + PADDING_DEGREES
    grid = ZoneGrid(float(south), float(west), float(north), float(east), cell_km=CELL_KM)
    if grid.size <= MAX_ZONES:
        return grid
    cell = CELL_KM * math.sqrt(grid.size / MAX_ZONES) * 1.01
    return ZoneGrid(float(south), float(west), float(north), float(east), cell_km=cell)


def minutes_of_day(value: datetime.time | None) -> float:
    return math.nan if value is None else value.hour * 60 + value.minute


def _job_rows() -> list[tuple]:
    return list(
        Job.objects.published()
        .order_by("id")
        .values_list(
            "id", "latitude", "longitude", "salary_min", "salary_max", "weekly_hours",
            "shift_start", "shift_end", "remote_share", "title", "occupation__title",
            "description", "skills", "occupation__code", "employment_type", "start_date",
            "source",
        )
    )  # fmt: skip


def _flat_rows() -> list[tuple]:
    return list(
        Flat.objects.published()
        .order_by("id")
        .values_list(
            "id", "latitude", "longitude", "cold_rent", "service_costs", "heating_costs",
            "rooms", "living_space", "available_from", "balcony", "lift", "step_free", "pets",
            "wbs_required", "source",
        )
    )  # fmt: skip


def _kita_rows() -> list[tuple]:
    return list(
        Kita.objects.published()
        .order_by("id")
        .values_list(
            "id", "latitude", "longitude", "age_from_months", "age_to_months", "monthly_fee",
            "source",
        )
    )  # fmt: skip


def _school_rows() -> list[tuple]:
    return list(
        School.objects.published()
        .order_by("id")
        .values_list(
            "id", "latitude", "longitude", "school_type", "grade_from", "grade_to",
            "all_day_care", "source",
        )
    )  # fmt: skip


def _workday_hours(kita_ids: list[int]) -> dict[int, tuple[float, float]]:
    """Per Kita: the latest opening and earliest closing over Monday–Friday.

    The engine needs one window per Kita; the narrowest weekday window is the honest
    promise for every working day. A Kita closed on a weekday gets no window.
    """
    windows: dict[int, list[tuple[float, float]]] = {}
    rows = OpeningHours.objects.filter(kita_id__in=kita_ids, weekday__in=WORKDAYS)
    for kita_id, opens, closes in rows.values_list("kita_id", "opens", "closes"):
        windows.setdefault(kita_id, []).append((minutes_of_day(opens), minutes_of_day(closes)))
    return {
        kita_id: (max(o for o, _ in days), min(c for _, c in days))
        for kita_id, days in windows.items()
        if len(days) == len(WORKDAYS)
    }


def _free_places(kita_ids: list[int]) -> dict[int, list[tuple[int, int, int, int]]]:
    places: dict[int, list[tuple[int, int, int, int]]] = {}
    rows = FreePlace.objects.filter(kita_id__in=kita_ids, count__gt=0).values_list(
        "kita_id", "min_age_months", "max_age_months", "available_from", "count"
    )
    for kita_id, low, high, day, count in rows:
        places.setdefault(kita_id, []).append((low, high, day.toordinal(), count))
    return places


def _groups_of(low: int, high: int) -> list[int]:
    edges = AGE_GROUP_EDGES
    return [g for g in range(len(edges) - 1) if low < edges[g + 1] and high > edges[g]]


def _place_arrays(kita_ids: list[int]) -> FreePlaces:
    position = {kita_id: i for i, kita_id in enumerate(kita_ids)}
    rows = [
        (position[kita_id], group, day, count)
        for kita_id, places in _free_places(kita_ids).items()
        for low, high, day, count in places
        for group in _groups_of(low, high)
    ]
    kita, group, day, count = (
        (np.array(c, dtype=np.int64) for c in zip(*rows, strict=True))
        if (rows)
        else (np.zeros(0, dtype=np.int64),) * 4
    )
    return FreePlaces(kita=kita, group=group, day=day, count=count)


def _days(values: Iterable[datetime.date | None]) -> np.ndarray:
    """Dates as day numbers, 0 where none is stated ("from now")."""
    return np.array([d.toordinal() if d else 0 for d in values], dtype=np.int64)


def _float(values: Iterable[SupportsFloat | None]) -> np.ndarray:
    return np.array([math.nan if v is None else float(v) for v in values], dtype=np.float64)


def _columns(rows: Sequence[tuple[Any, ...]], width: int) -> list[Sequence[Any]]:
    """The columns of ``values_list`` rows; ``width`` empty ones when there are no rows.

    ``Any``: each column holds the values of one model field, of that field's type.
    """
    if rows:
        return list(zip(*rows, strict=True))
    return [() for _ in range(width)]


def _jobs(rows: list[tuple], zone: np.ndarray) -> tuple[engine.Jobs, JobTexts]:
    cols = _columns(rows, 17)
    jobs = engine.Jobs(
        ids=np.array(cols[0], dtype=np.int64), zone=zone,
        salary_min=_float(cols[3]), salary_max=_float(cols[4]), weekly_hours=_float(cols[5]),
        shift_start=np.array([minutes_of_day(t) for t in cols[6]], dtype=np.float64),
        shift_end=np.array([minutes_of_day(t) for t in cols[7]], dtype=np.float64),
        fit=np.ones(len(rows)), remote_share=_float(cols[8]) / 100.0,
        start_day=_days(cols[15]),
    )  # fmt: skip
    texts = JobTexts(
        title=tuple(t.casefold() for t in cols[9]),
        occupation=tuple((t or "").casefold() for t in cols[10]),
        body=tuple(f"{d} {' '.join(map(str, s or []))}".casefold() for d, s in zip(
            cols[11], cols[12], strict=True)),
        occupation_code=tuple(c or "" for c in cols[13]),
        employment_type=np.array(cols[14], dtype=object),
    )  # fmt: skip
    return jobs, texts


def _flats(rows: list[tuple], zone: np.ndarray) -> tuple[engine.Flats, FlatFeatures]:
    cols = _columns(rows, 15)
    warm = _float(cols[3]) + _float(cols[4]) + _float(cols[5])
    flats = engine.Flats(
        ids=np.array(cols[0], dtype=np.int64), zone=zone, warm_rent=warm,
        rooms=_float(cols[6]), living_space=_float(cols[7]), fit=np.ones(len(rows)),
        available_from=_days(cols[8]),
    )  # fmt: skip
    features = FlatFeatures(
        balcony=np.array(cols[9], dtype=bool), lift=np.array(cols[10], dtype=bool),
        step_free=np.array(cols[11], dtype=bool),
        pets=np.array([p != PetPolicy.NOT_ALLOWED for p in cols[12]], dtype=bool),
        wbs_required=np.array(cols[13], dtype=bool),
    )  # fmt: skip
    return flats, features


def _kitas(rows: list[tuple], zone: np.ndarray) -> engine.Kitas:
    cols = _columns(rows, 7)
    ids = [int(i) for i in cols[0]]
    hours = _workday_hours(ids)
    places = _place_arrays(ids)
    windows = [hours.get(kita_id, (math.nan, math.nan)) for kita_id in cols[0]]
    # An unknown fee is the city's range for the age group, never 0 (childcare.fees).
    low, high = group_ranges(schedule_for(settings.STADT360_REGION), np.array(AGE_GROUP_EDGES))
    return engine.Kitas(
        ids=np.array(cols[0], dtype=np.int64), zone=zone,
        min_age_months=np.array(cols[3], dtype=np.int64),
        max_age_months=np.array(cols[4], dtype=np.int64),
        opens=np.array([w[0] for w in windows]), closes=np.array([w[1] for w in windows]),
        free_places=places.counts(len(ids)), free_from=places.first_days(len(ids)),
        fee=_float(cols[5]), age_group_edges=np.array(AGE_GROUP_EDGES),
        fee_min=np.tile(low, (len(rows), 1)), fee_max=np.tile(high, (len(rows), 1)),
    )  # fmt: skip


def _schools(rows: list[tuple], zone: np.ndarray) -> engine.Schools:
    cols = _columns(rows, 8)
    return engine.Schools(
        ids=np.array(cols[0], dtype=np.int64), zone=zone,
        school_type=np.array(
            [SCHOOL_TYPES.get(t, engine.SchoolType.OTHER) for t in cols[3]], dtype=np.int64
        ),
        grade_min=np.array(cols[4], dtype=np.int64), grade_max=np.array(cols[5], dtype=np.int64),
        all_day=np.array(cols[6], dtype=bool),
    )  # fmt: skip


def _positions(*row_sets: list[tuple]) -> np.ndarray:
    points = [(r[1], r[2]) for rows in row_sets for r in rows]
    return np.array(points or [(50.88, 12.08)], dtype=np.float64)


def build_snapshot() -> Snapshot:
    """Loads every published offer once and turns it into engine arrays."""
    print_ = fingerprint()
    job_rows, flat_rows = _job_rows(), _flat_rows()
    kita_rows, school_rows = _kita_rows(), _school_rows()
    grid = zone_grid(_positions(job_rows, flat_rows, kita_rows, school_rows))

    def zones(rows: list[tuple]) -> np.ndarray:
        points = _positions(rows)[: len(rows)]
        return grid.zone_of(points[:, 0], points[:, 1]) if rows else np.zeros(0, np.int64)

    jobs, texts = _jobs(job_rows, zones(job_rows))
    flats, features = _flats(flat_rows, zones(flat_rows))
    kitas = _kitas(kita_rows, zones(kita_rows))
    matrices = build_zone_matrices(grid, city=TRANSIT_CITY, period=TRANSIT_PERIOD)
    travel = engine.TravelTimes(
        minutes=matrices.minutes, path_lower=matrices.path_lower, modes=matrices.modes
    )
    region = engine.Region(
        jobs=jobs, flats=flats, kitas=kitas, schools=_schools(school_rows, zones(school_rows)),
        travel=travel,
    )  # fmt: skip
    sources = {r[-1] for rows in (job_rows, flat_rows, kita_rows, school_rows) for r in rows}
    return Snapshot(
        fingerprint=print_, region=region, job_texts=texts, flat_features=features,
        is_demo="demo" in sources,
    )  # fmt: skip


class _Holder:
    """This process's snapshot; rebuilt under a lock when the fingerprint changes."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.snapshot: Snapshot | None = None

    def current(self) -> Snapshot:
        print_ = fingerprint()
        snapshot = self.snapshot
        if snapshot is not None and snapshot.fingerprint == print_:
            return snapshot
        with self.lock:
            if self.snapshot is None or self.snapshot.fingerprint != print_:
                self.snapshot = build_snapshot()
            return self.snapshot


_holder = _Holder()


def current_snapshot() -> Snapshot:
    return _holder.current()
