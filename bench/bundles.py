"""Synthetic Gera-like region for the bundle benchmark (fixed seed, sizes scale linearly).

Offers cluster around district centres like in a real town; every number is synthetic
("Demodaten"). Profiles are households with their job and flat fits precomputed, as the
Django selector would (job fit from an occupation match, flat fit from wanted features).
"""

import argparse
import os
import socket
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from stadt360.bundles.engine import (
    BundleQuery,
    Flats,
    Household,
    Jobs,
    Kitas,
    Region,
    Schools,
    TravelTimes,
    Weights,
    Wishes,
    top_k,
)
from stadt360.mobility.geometric import Mode
from stadt360.mobility.zones import ZoneGrid, build_zone_matrices

# The independent brute force lives in tests/ (tests/bundles/oracle.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

BBOX = (50.80, 11.95, 50.95, 12.20)
CENTRES = np.array(
    [
        [50.878, 12.082],
        [50.862, 12.115],
        [50.900, 12.070],
        [50.870, 12.050],
        [50.850, 12.090],
        [50.905, 12.110],
        [50.835, 12.140],
        [50.890, 12.020],
    ]
)
OCCUPATIONS = 40
FEATURES = 6


@dataclass(frozen=True, eq=False)
class World:
    """Offers without per-profile fits, plus travel times."""

    grid: ZoneGrid
    travel: TravelTimes
    jobs: dict
    flats: dict
    kitas: Kitas
    schools: Schools


@dataclass(frozen=True, eq=False)
class Profile:
    """One household's query with its own fit arrays (what the selector would pass)."""

    region: Region
    query: BundleQuery
    job_rows: np.ndarray


def _points(rng: np.random.Generator, n: int, spread_km: float) -> tuple[np.ndarray, np.ndarray]:
    centre = CENTRES[rng.integers(0, len(CENTRES), n)]
    lat = centre[:, 0] + rng.normal(0, spread_km / 111.2, n)
    lon = centre[:, 1] + rng.normal(0, spread_km / 70.0, n)
    return np.clip(lat, BBOX[0], BBOX[2]), np.clip(lon, BBOX[1], BBOX[3])


def _jobs(rng: np.random.Generator, grid: ZoneGrid, n: int) -> dict:
    lat, lon = _points(rng, n, 2.0)
    low = rng.integers(22, 45, n) * 100.0
    full = rng.random(n) < 0.7
    shift = rng.choice([360, 420, 480, 540], n)
    return {
        "ids": np.arange(1, n + 1),
        "zone": grid.zone_of(lat, lon),
        "salary_min": np.where(rng.random(n) < 0.2, np.nan, low),
        "salary_max": np.where(rng.random(n) < 0.4, np.nan, low + rng.integers(0, 8, n) * 100.0),
        "weekly_hours": np.where(full, 40.0, rng.choice([20.0, 30.0], n)),
        "shift_start": np.where(rng.random(n) < 0.5, np.nan, shift),
        "shift_end": np.where(rng.random(n) < 0.5, np.nan, shift + 510),
        "remote_share": np.where(rng.random(n) < 0.2, 0.4, 0.0),
        "occupation": rng.integers(0, OCCUPATIONS, n),
        "quality": rng.random(n),
    }


def _flats(rng: np.random.Generator, grid: ZoneGrid, n: int) -> dict:
    lat, lon = _points(rng, n, 2.5)
    rooms = rng.choice([1.0, 2.0, 3.0, 4.0, 5.0], n, p=[0.15, 0.3, 0.3, 0.18, 0.07])
    space = rooms * 22.0 + rng.normal(10, 6, n)
    return {
        "ids": np.arange(1, n + 1),
        "zone": grid.zone_of(lat, lon),
        "warm_rent": np.round(space * rng.uniform(8.5, 13.0, n)),
        "rooms": rooms,
        "living_space": space,
        "available_from": rng.integers(0, 120, n),
        "features": rng.random((n, FEATURES)) < 0.4,
    }


def _kitas(rng: np.random.Generator, grid: ZoneGrid, n: int) -> Kitas:
    lat, lon = _points(rng, n, 2.5)
    kind = rng.choice(3, n, p=[0.15, 0.15, 0.7])
    return Kitas(
        ids=np.arange(1, n + 1),
        zone=grid.zone_of(lat, lon),
        min_age_months=np.where(kind == 1, 36, 0),
        max_age_months=np.where(kind == 0, 36, 84),
        opens=rng.choice([360, 390, 420, 450], n),
        closes=rng.choice([960, 1020, 1050, 1080], n),
        free_places=rng.integers(0, 3, (n, 2)) * (rng.random((n, 2)) < 0.5),
        fee=np.where(rng.random(n) < 0.3, np.nan, rng.integers(10, 30, n) * 10.0),
    )


def _schools(rng: np.random.Generator, grid: ZoneGrid, n: int) -> Schools:
    lat, lon = _points(rng, n, 2.5)
    kind = rng.choice([1, 2, 3, 4], n, p=[0.65, 0.18, 0.09, 0.08])
    return Schools(
        ids=np.arange(1, n + 1),
        zone=grid.zone_of(lat, lon),
        school_type=kind,
        grade_min=np.where(kind == 1, 1, np.where(kind == 4, 1, 5)),
        grade_max=np.where(kind == 1, 4, np.where(kind == 2, 10, 12)),
        all_day=rng.random(n) < 0.8,
    )


def build_world(scale: float, seed: int = 360) -> World:
    """20,000 jobs and flats, 1,000 Kitas, 90 schools at scale 1; 500 m zones (2 km below
    scale 0.25, so that tiny test runs take seconds)."""
    rng = np.random.default_rng(seed)
    grid = ZoneGrid(*BBOX, cell_km=0.5 if scale >= 0.25 else 2.0)
    zm = build_zone_matrices(grid)
    travel = TravelTimes(zm.minutes, zm.path_lower, zm.modes)
    size = lambda n: max(round(n * scale), 4)  # noqa: E731
    return World(
        grid,
        travel,
        _jobs(rng, grid, size(20_000)),
        _flats(rng, grid, size(20_000)),
        _kitas(rng, grid, size(1_000)),
        _schools(rng, grid, max(size(90), 8)),
    )


def _profile_jobs(world: World, rng: np.random.Generator) -> tuple[Jobs, np.ndarray]:
    """The jobs an occupation query keeps (main occupation, and a related one at 60 %)."""
    jobs, main = world.jobs, int(rng.integers(0, OCCUPATIONS))
    related = (main + 1) % OCCUPATIONS
    rows = np.flatnonzero((jobs["occupation"] == main) | (jobs["occupation"] == related))
    fit = np.round(
        (0.4 + 0.6 * jobs["quality"][rows]) * np.where(jobs["occupation"][rows] == main, 1.0, 0.6),
        3,
    )
    fields = (
        "ids",
        "zone",
        "salary_min",
        "salary_max",
        "weekly_hours",
        "shift_start",
        "shift_end",
        "remote_share",
    )
    return Jobs(**{f: jobs[f][rows] for f in fields}, fit=fit), rows


def _profile_flats(world: World, rng: np.random.Generator) -> Flats:
    """All flats, with the share of wanted features each one has as its fit."""
    flats = world.flats
    wanted = rng.random(FEATURES) < 0.4
    matched = (flats["features"] & wanted).sum(axis=1)
    fit = np.round(0.7 * matched / max(wanted.sum(), 1) + 0.3 * (flats["living_space"] > 70), 3)
    fields = ("ids", "zone", "warm_rent", "rooms", "living_space", "available_from")
    return Flats(**{f: flats[f] for f in fields}, fit=fit)


def _profile_query(rng: np.random.Generator) -> BundleQuery:
    children = int(rng.choice(4, p=[0.3, 0.35, 0.25, 0.1]))
    household = Household(
        adults=int(rng.integers(1, 3)),
        child_age_months=tuple(int(a) for a in rng.integers(0, 180, children)),
    )
    rooms = 1 + (household.adults >= 2) + children
    modes = [(Mode.WALK, Mode.BIKE, Mode.TRANSIT), tuple(Mode), (Mode.WALK, Mode.TRANSIT)]
    wishes = Wishes(
        min_salary=None if rng.random() < 0.5 else float(rng.integers(20, 30) * 100),
        max_warm_rent=float(350 + 150 * rooms + rng.integers(0, 7) * 50),
        max_commute_min=float(rng.integers(6, 13) * 5),
        modes=modes[int(rng.choice(3, p=[0.6, 0.3, 0.1]))],
        start_day=60,
    )
    return BundleQuery(household=household, wishes=wishes, weights=Weights(), k=10)


def make_profiles(world: World, count: int, seed: int = 7) -> list[Profile]:
    """Household profiles with their own fit arrays (fixed seed)."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        jobs, rows = _profile_jobs(world, rng)
        region = Region(jobs, _profile_flats(world, rng), world.kitas, world.schools, world.travel)
        out.append(Profile(region, _profile_query(rng), rows))
    return out


# --- brute force: the independent oracle on sampled smaller instances --------------------

# Sampled instance sizes (jobs, flats, schools) and Kitas by number of children, so that
# the oracle's enumeration stays near 200,000 (pair, care combination) cells.
SAMPLE_SIZES = (30, 40, 6)
SAMPLE_KITAS = {0: 15, 1: 15, 2: 12, 3: 5}


def sample_instance(profile: Profile, rng: np.random.Generator) -> Profile:
    """A random part of a profile's region (same query): small enough for the oracle."""
    region = profile.region
    children = min(len(profile.query.household.child_age_months), 3)

    def pick(n: int, most: int) -> np.ndarray:
        return np.sort(rng.choice(n, min(n, most), replace=False))

    def subset(cls: type, offers, rows: np.ndarray, skip: tuple[str, ...] = ()):
        fields = {
            name: getattr(offers, name)[rows] if name not in skip else getattr(offers, name)
            for name in cls.__dataclass_fields__
            if cls.__dataclass_fields__[name].init
        }
        return cls(**fields)

    jobs, flats, schools = SAMPLE_SIZES
    open_kitas = np.flatnonzero(region.kitas.free_places.sum(axis=1) > 0)
    kitas = open_kitas[pick(len(open_kitas), SAMPLE_KITAS[children])]
    return Profile(
        Region(
            subset(Jobs, region.jobs, pick(len(region.jobs), jobs)),
            subset(Flats, region.flats, pick(len(region.flats), flats)),
            subset(Kitas, region.kitas, kitas, ("age_group_edges",)),
            subset(Schools, region.schools, pick(len(region.schools), schools)),
            region.travel,
        ),
        profile.query,
        profile.job_rows,
    )


def brute_force(profile: Profile) -> list[tuple[float, int, int, tuple[int, ...]]]:
    """Every bundle of the profile, ranked by the oracle (tests/bundles/oracle.py)."""
    from tests.bundles.oracle import oracle_top_k

    return [tuple(b) for b in oracle_top_k(profile.region, profile.query)]


# --- the SQL peer: one PostgreSQL statement per profile ------------------------------------

PG_DSN = "host=127.0.0.1 port=5432 user=postgres"
# One scratch database per run, so parallel runs (CI, a developer) never collide.
PG_DATABASE = f"stadt360_bench_{os.getpid()}"
SQL_QUERY = """
WITH j AS (
  SELECT id, zone, fit, money, start_min, end_min FROM bench_jobs
  WHERE profile = %(profile)s AND gross >= %(min_salary)s
), f AS (
  SELECT fl.id, fl.zone, fl.warm_rent, ff.fit FROM bench_flats fl
  JOIN bench_flat_fit ff ON ff.flat_id = fl.id AND ff.profile = %(profile)s
  WHERE fl.warm_rent <= %(max_rent)s AND fl.rooms >= %(min_rooms)s
    AND fl.available_from <= %(move_in_day)s
), k AS (
  SELECT id, zone, opens, closes FROM bench_kitas
  WHERE min_age <= %(age)s AND %(age)s < max_age
    AND (CASE WHEN %(age)s < 36 THEN free_young ELSE free_old END) > 0
), bundles AS (
  SELECT j.id AS job_id, f.id AS flat_id, k.id AS kita_id, j.fit AS jfit, f.fit AS ffit,
         f.warm_rent, j.money,
         (SELECT min(a.minutes + b.minutes + c.minutes + d.minutes)
            FROM bench_tt a
            JOIN bench_tt b ON b.mode = a.mode AND b.o = k.zone AND b.d = j.zone
            JOIN bench_tt c ON c.mode = a.mode AND c.o = j.zone AND c.d = k.zone
            JOIN bench_tt d ON d.mode = a.mode AND d.o = k.zone AND d.d = f.zone
           WHERE a.o = f.zone AND a.d = k.zone AND a.mode = ANY(%(modes)s)
             AND a.minutes + b.minutes <= %(max_commute)s
             AND k.opens <= j.start_min - b.minutes
             AND k.closes >= j.end_min + c.minutes) AS daily
  FROM j CROSS JOIN f CROSS JOIN k
  WHERE f.warm_rent <= %(max_share)s * j.money
)
SELECT job_id, flat_id, kita_id,
       ((((%(w_job)s * jfit + %(w_flat)s * ffit)
          + %(w_cost)s * greatest(0::float8, 1::float8 - warm_rent / (money * 0.6::float8)))
         + %(w_commute)s * greatest(0::float8, 1::float8 - daily::float8 / 240::float8))
        / %(w_total)s) AS score
FROM bundles WHERE daily IS NOT NULL
ORDER BY score DESC, job_id, flat_id, kita_id
LIMIT %(k)s
"""


def _copy(cur, table: str, columns: str, rows) -> None:
    with cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def load_postgres(world: World, profiles: list[tuple[int, Profile]], conn) -> None:
    """Tables for the SQL peer. Net household money per (profile, job) is precomputed in
    Python (the § 32a tariff is not something one writes in SQL), like job and flat fits."""
    cur = conn.cursor()
    cur.execute("""
      CREATE TABLE bench_tt (mode int, o int, d int, minutes int, PRIMARY KEY (o, d, mode));
      CREATE TABLE bench_jobs (profile int, id int, zone int, fit float8, money float8,
                               gross float8, start_min float8, end_min float8);
      CREATE TABLE bench_flats (id int PRIMARY KEY, zone int, warm_rent float8, rooms float8,
                                available_from int);
      CREATE TABLE bench_flat_fit (profile int, flat_id int, fit float8,
                                   PRIMARY KEY (profile, flat_id));
      CREATE TABLE bench_kitas (id int, zone int, min_age int, max_age int, opens float8,
                                closes float8, free_young int, free_old int);""")
    used = np.unique(np.concatenate([world.jobs["zone"], world.flats["zone"], world.kitas.zone]))
    sub = world.travel.minutes[:, used][:, :, used]
    cur.execute("CREATE TEMP TABLE tt_rows (mode int, o int, minutes int[])")
    _copy(
        cur,
        "tt_rows",
        "mode, o, minutes",
        ((m, int(o), sub[m, i].tolist()) for m in range(sub.shape[0]) for i, o in enumerate(used)),
    )
    cur.execute(
        "INSERT INTO bench_tt SELECT r.mode, r.o, (%s::int[])[u.i], u.minutes "
        "FROM tt_rows r, unnest(r.minutes) WITH ORDINALITY AS u(minutes, i)",
        (used.tolist(),),
    )
    fl = world.flats
    _copy(
        cur,
        "bench_flats",
        "id, zone, warm_rent, rooms, available_from",
        zip(
            fl["ids"].tolist(),
            fl["zone"].tolist(),
            fl["warm_rent"].tolist(),
            fl["rooms"].tolist(),
            fl["available_from"].tolist(),
            strict=True,
        ),
    )
    ki = world.kitas
    _copy(
        cur,
        "bench_kitas",
        "id, zone, min_age, max_age, opens, closes, free_young, free_old",
        zip(
            ki.ids.tolist(),
            ki.zone.tolist(),
            ki.min_age_months.tolist(),
            ki.max_age_months.tolist(),
            ki.opens.tolist(),
            ki.closes.tolist(),
            ki.free_places[:, 0].tolist(),
            ki.free_places[:, 1].tolist(),
            strict=True,
        ),
    )
    for number, profile in profiles:
        _load_profile(cur, number, profile)
    cur.execute("ANALYZE")
    conn.commit()


def _load_profile(cur, number: int, profile: Profile) -> None:
    from stadt360.bundles.engine.needs import working_day
    from stadt360.bundles.engine.prepare import household_money, job_mask

    region, query = profile.region, profile.query
    _, gross, _ = job_mask(region, query)
    _, money = household_money(gross, query, len(query.household.child_age_months))
    jobs = region.jobs
    start, end, _ = working_day(jobs.shift_start, jobs.shift_end, jobs.weekly_hours)
    _copy(
        cur,
        "bench_jobs",
        "profile, id, zone, fit, money, gross, start_min, end_min",
        (
            (number, *row)
            for row in zip(
                jobs.ids.tolist(),
                jobs.zone.tolist(),
                jobs.fit.tolist(),
                money.tolist(),
                gross.tolist(),
                start.tolist(),
                end.tolist(),
                strict=True,
            )
        ),
    )
    _copy(
        cur,
        "bench_flat_fit",
        "profile, flat_id, fit",
        (
            (number, i, fit)
            for i, fit in zip(region.flats.ids.tolist(), region.flats.fit.tolist(), strict=True)
        ),
    )


def sql_params(number: int, profile: Profile) -> dict:
    from stadt360.bundles.engine.needs import min_rooms

    q, w = profile.query, profile.query.weights
    wishes = q.wishes
    return {
        "profile": number,
        "min_salary": wishes.min_salary or 0.0,
        "max_rent": wishes.max_warm_rent or 1e9,
        "min_rooms": min_rooms(q.household, wishes),
        "move_in_day": wishes.move_in_day if wishes.move_in_day is not None else 10**9,
        "age": q.household.child_age_months[0],
        "modes": [i for i, m in enumerate(profile.region.travel.modes) if m in wishes.modes],
        "max_commute": wishes.max_commute_min or 1e9,
        "max_share": wishes.max_rent_share or 1e9,
        "w_job": w.job_fit,
        "w_flat": w.flat_fit,
        "w_cost": w.cost,
        "w_commute": w.commute,
        "w_total": w.total,
        "k": q.k,
    }


# --- the run ---------------------------------------------------------------------------------


def engine_run(profile: Profile) -> tuple[float, list]:
    """(wall seconds, ranked (score, job id, flat id, care ids)) for one engine call."""
    start = time.perf_counter()
    result = top_k(profile.region, profile.query)
    elapsed = time.perf_counter() - start
    return elapsed, [
        (b.score, b.job_id, b.flat_id, tuple(c.id for c in b.care)) for b in result.bundles
    ]


def plain(profile: Profile) -> Profile:
    """The profile without variety: the SQL peer ranks plainly (the engine's varied list is
    the walk over that ranking, checked against the oracle in tests/bundles/engine)."""
    return replace(profile, query=replace(profile.query, variety=None))


def same(a: list, b: list) -> bool:
    """Identical ids in identical order and scores within 1e-6."""
    return len(a) == len(b) and all(
        x[1:] == y[1:] and abs(x[0] - y[0]) <= 1e-6 for x, y in zip(a, b, strict=True)
    )


def sql_run(conn, number: int, profile: Profile) -> tuple[float | None, list]:
    """(wall seconds or None on timeout, ranked rows) for the SQL peer."""
    import psycopg

    start = time.perf_counter()
    try:
        rows = conn.execute(SQL_QUERY, sql_params(number, profile)).fetchall()
    except psycopg.errors.QueryCanceled:
        conn.rollback()
        return None, []
    elapsed = time.perf_counter() - start
    conn.rollback()
    return elapsed, [(float(s), int(j), int(f), (int(k),)) for j, f, k, s in rows]


def percentiles(values: list[float]) -> tuple[float, float]:
    if not values:
        return float("nan"), float("nan")
    return float(np.percentile(values, 50)) * 1000, float(np.percentile(values, 95)) * 1000


@contextmanager
def one_core():
    """Run pinned to one core (the issue's "on one core"), restoring the affinity after."""
    cores = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cores[-1]})
    try:
        yield cores[-1]
    finally:
        os.sched_setaffinity(0, set(cores))


def postgres_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


@contextmanager
def bench_database():
    """A scratch database, dropped afterwards."""
    import psycopg

    with psycopg.connect(PG_DSN + " dbname=postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        admin.execute(f"CREATE DATABASE {PG_DATABASE}")
    try:
        with psycopg.connect(PG_DSN + f" dbname={PG_DATABASE}") as conn:
            yield conn
    finally:
        with psycopg.connect(PG_DSN + " dbname=postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


def one_kita_child(profile: Profile) -> bool:
    ages = profile.query.household.child_age_months
    return len(ages) == 1 and ages[0] < 72


@dataclass
class Tally:
    engine: list = field(default_factory=list)
    sql: list = field(default_factory=list)
    sql_timeouts: int = 0
    exact: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    three_children: list = field(default_factory=list)
    worst: list = field(default_factory=list)


def run_sql_peer(world: World, profiles: list[Profile], tally: Tally, args) -> None:
    """A/B: engine then SQL on the SQL subset, alternating; checks identical top-k."""
    subset = [(i, p) for i, p in enumerate(profiles) if one_kita_child(p)][: args.sql_profiles]
    print(
        f"SQL peer: {len(subset)} profiles with one Kita child, statement_timeout "
        f"{args.sql_timeout_s:g} s; net money per job precomputed in a column (§ 32a tariff)"
    )
    with bench_database() as conn:
        started = time.perf_counter()
        load_postgres(world, subset, conn)
        print(f"  loaded PostgreSQL in {time.perf_counter() - started:.1f} s")
        conn.execute(f"SET statement_timeout = {int(args.sql_timeout_s * 1000)}")
        conn.commit()
        for number, profile in subset:
            seconds, ours = engine_run(plain(profile))
            tally.engine.append(seconds)
            sql_seconds, theirs = sql_run(conn, number, profile)
            if sql_seconds is None:
                tally.sql_timeouts += 1
                continue
            tally.sql.append(sql_seconds)
            tally.exact.append(same(ours, theirs))
            if not same(ours, theirs):
                tally.notes.append(f"profile {number}: engine {ours[:2]} vs SQL {theirs[:2]}")


def run_brute_force(profiles: list[Profile], tally: Tally, count: int) -> int:
    """Engine vs the independent oracle on sampled smaller instances of the first profiles
    with at most three children (the oracle enumerates every bundle)."""
    rng = np.random.default_rng(11)
    sample = [p for p in profiles if len(p.query.household.child_age_months) <= 3][:count]
    with_bundles = 0
    for profile in sample:
        small = sample_instance(profile, rng)
        _, ours = engine_run(small)
        theirs = brute_force(small)
        with_bundles += bool(theirs)
        tally.exact.append(same(ours, theirs))
        if not same(ours, theirs):
            tally.notes.append(f"brute force differs: {ours[:2]} vs {theirs[:2]}")
    print(f"oracle: {with_bundles} of {len(sample)} sampled instances have bundles")
    return len(sample)


def parse(argv: list[str] | None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1")))
    parser.add_argument("--profiles", type=int, default=200)
    parser.add_argument("--sql-profiles", type=int, default=4)
    parser.add_argument("--sql-timeout-s", type=float, default=60.0)
    parser.add_argument("--brute-profiles", type=int, default=20)
    parser.add_argument("--worst-profiles", type=int, default=3, help="regions for worst case")
    parser.add_argument("--no-sql", action="store_true")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> str:
    """Run the benchmark; returns (and prints last) the summary line."""
    args = parse(argv)
    with one_core() as core:
        print(f"pinned to core {core}")
        return measure(args)


def measure(args) -> str:
    started = time.perf_counter()
    world = build_world(args.scale)
    profiles = make_profiles(world, args.profiles)
    print(
        f"region: {len(world.jobs['ids'])} jobs, {len(world.flats['ids'])} flats, "
        f"{len(world.kitas)} Kitas, {len(world.schools)} schools, {world.grid.size} zones; "
        f"{len(profiles)} profiles; built in {time.perf_counter() - started:.1f} s"
    )
    for profile in profiles[:5]:
        engine_run(profile)
    tally = Tally()
    if not args.no_sql and postgres_reachable():
        run_sql_peer(world, profiles, tally, args)
    elif not args.no_sql:
        print("SQL peer: PostgreSQL unreachable on 127.0.0.1:5432 — skipped")
    cpu = []
    for profile in profiles:
        cpu_start = time.process_time()
        seconds, _ = engine_run(profile)
        cpu.append(time.process_time() - cpu_start)
        tally.engine.append(seconds)
    capped = sum(not top_k(p.region, p.query).exact for p in profiles)
    print(f"work ceiling: {capped} of {len(profiles)} profiles not exact (engine/budget.py)")
    tally.three_children = [
        t
        for t, p in zip(cpu, profiles, strict=True)
        if len(p.query.household.child_age_months) >= 3
    ]
    tally.worst = worst_case_cpu(profiles[: args.worst_profiles])
    sampled = run_brute_force(profiles, tally, args.brute_profiles)
    return report(tally, cpu, sampled, args.sql_timeout_s)


# Worst-case households: eight children (three Kita, three primary, two secondary pupils
# who travel alone), every mode, an hour's commute.
WORST_AGES = (5, 20, 50, 80, 95, 110, 130, 150)


def worst_case_cpu(profiles: list[Profile]) -> list[float]:
    """CPU seconds of the worst-case household on the regions of the first profiles."""
    out = []
    for profile in profiles:
        household = Household(adults=2, child_age_months=WORST_AGES)
        wishes = replace(profile.query.wishes, modes=tuple(Mode), max_commute_min=60.0,
                         max_warm_rent=None, min_rooms=None)  # fmt: skip
        worst = Profile(profile.region, replace(profile.query, household=household,
                                                wishes=wishes), profile.job_rows)  # fmt: skip
        started = time.process_time()
        engine_run(worst)
        out.append(time.process_time() - started)
    return out


def report(tally: Tally, cpu: list[float], sampled: int, limit_s: float) -> str:
    """Print the figures; the ratio is SQL median / engine median (a lower bound, said so,
    when no SQL query finished within its limit)."""
    e50, e95 = percentiles(tally.engine)
    c50, c95 = percentiles(cpu)
    s50, s95 = percentiles(tally.sql)
    print(
        f"engine: p50 {e50:.1f} ms, p95 {e95:.1f} ms wall ({len(tally.engine)} runs); "
        f"CPU p50 {c50:.1f} ms, p95 {c95:.1f} ms"
    )
    finished = len(tally.sql)
    print(
        f"SQL:    p50 {s50:.0f} ms, p95 {s95:.0f} ms; {finished} finished, "
        f"{tally.sql_timeouts} hit the time limit of {limit_s:g} s"
    )
    ratio = float("nan")
    if finished:
        ratio = s50 / e50
        print(f"ratio (SQL median / engine median): {ratio:.0f}")
    elif tally.sql_timeouts:
        ratio = limit_s * 1000 / e50
        print(f"ratio: no SQL query finished; {ratio:.0f} = limit / engine median, a LOWER bound")
    print(
        f"exactness: {sum(tally.exact)} of {len(tally.exact)} comparisons identical "
        f"(oracle on {sampled} sampled smaller instances, SQL on {finished})"
    )
    for note in tally.notes[:5]:
        print("  " + note)
    _, t95 = percentiles(tally.three_children)
    worst = max(tally.worst, default=float("nan")) * 1000
    print(
        f"households with three or more children: CPU p95 {t95:.1f} ms "
        f"({len(tally.three_children)} profiles); worst case (eight children, every mode): "
        f"CPU {worst:.1f} ms = {worst / c50:.0f}x the median"
    )
    print("two earners: not built yet (issue 10, item 3) — no figure")
    exact = bool(tally.exact) and all(tally.exact)
    line = (
        f"bundles: p95_ms={e95:.1f} p95_3children_ms={t95:.1f} p95_two_earners_ms=na "
        f"worst_ms={worst:.1f} ratio_vs_sql={ratio:.0f} exact={str(exact).lower()}"
    )
    print(line)
    return line


if __name__ == "__main__":
    main()
