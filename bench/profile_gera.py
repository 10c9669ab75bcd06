"""Profiles bundle searches on the Gera demo database (var/stadt360.sqlite3).

Usage: .venv/bin/stadt360 shell < bench/profile_gera.py  (after `stadt360 setup_demo`).
Not part of `make bench`: a tool for engine work on realistic data. The service caches
results, so the cache is cleared before every timed call; "engine" is ``engine.top_k``
alone on the same candidate region (wall and CPU, best of 3).
"""

import cProfile
import pstats
import time

from django.core.cache import cache

from stadt360.bundles import engine, services
from stadt360.bundles.schemas import BundleQuery
from stadt360.bundles.services import search_bundles
from stadt360.bundles.snapshot import current_snapshot

FAMILY = {
    "household": {
        "adults": 2,
        "children": [{"birth_date": "2025-06-01"}, {"birth_date": "2022-03-15"}],
    },
    "job": {"query": "Pflege", "hours": "full_time", "min_salary_month": 2800},
    "flat": {"max_warm_rent": 1100, "min_rooms": 3},
    "mobility": {"modes": ["transit", "bike", "car", "walk"], "max_commute_minutes": 40},
}
IMPOSSIBLE = {**FAMILY, "flat": {"max_warm_rent": 300, "min_rooms": 3}}
# Nothing fits for the hours: every relaxation step searches the whole region.
WALK_15 = {**FAMILY, "mobility": {"modes": ["walk"], "max_commute_minutes": 15}}


def engine_best_of(query: BundleQuery, repeats: int = 3) -> tuple[float, float, object]:
    """(best wall s, best CPU s, result) of engine.top_k on the query's candidate region."""
    start = services.reference_date(query, None)
    region, _ = services.candidate_region(current_snapshot(), query)
    engine_query = services.engine_query(query, start)
    wall, cpu, result = float("inf"), float("inf"), None
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        result = engine.top_k(region, engine_query)
        wall = min(wall, time.perf_counter() - w0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu, result


for name, body in (("family", FAMILY), ("impossible", IMPOSSIBLE), ("walk_15", WALK_15)):
    query = BundleQuery.model_validate(body)
    cache.clear()
    search_bundles(query)
    cache.clear()
    started = time.perf_counter()
    result = search_bundles(query)
    service_s = time.perf_counter() - started
    wall, cpu, raw = engine_best_of(query)
    print(
        f"{name}: {len(result.bundles)} bundles, {len(raw.relaxations)} relaxations; "
        f"service {service_s:.3f} s; engine {wall * 1000:.1f} ms wall, {cpu * 1000:.1f} ms CPU"
    )
    cache.clear()
    profile = cProfile.Profile()
    profile.enable()
    search_bundles(query)
    profile.disable()
    pstats.Stats(profile).sort_stats("cumulative").print_stats(12)
