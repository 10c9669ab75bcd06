"""One bundle search for a household of eight children, through the API or the wizard page.

Run as a script (``python tests/bundles/big_household.py api|wizard``) by the bounded-search
tests, which start it in a subprocess under a memory cap (``STADT360_MEMORY_CAP`` bytes,
set as RLIMIT_AS before anything is imported) and a wall-clock limit: an
unbounded search must not take the test process (or the machine) with it. The script
builds its own in-memory SQLite test database, a small Gera with many Kitas and schools
close together (so every care combination is feasible), sends one search and prints one
JSON line with the status, the answer's flags and the seconds the search took (for
reading; the tests assert no time).
"""

import datetime
import json
import os
import resource
import sys
import time
from pathlib import Path

if cap := int(os.environ.get("STADT360_MEMORY_CAP", "0")):
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ["DJANGO_SETTINGS_MODULE"] = "stadt360.config.settings"
for name in ("DATABASE_URL", "REDIS_URL"):
    os.environ.pop(name, None)
# Its own in-memory database: the file the test run uses (var/test-stadt360.sqlite3) may
# be open in another worker's process at the same time.
os.environ["STADT360_TEST_SQLITE"] = ":memory:"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from stadt360.schools.models import SchoolType  # noqa: E402
from tests.factories import (  # noqa: E402
    FlatFactory,
    FreePlaceFactory,
    JobFactory,
    KitaFactory,
    SchoolFactory,
)

TODAY = datetime.date.today()
# Kita (1, 3, 5 years), Grundschule (7, 8, 9) and Regelschule/Gymnasium (11, 13).
YEARS = (1, 3, 5, 7, 8, 9, 11, 13)
# ``impossible`` as third argument: a rent no flat meets, so the relaxations are searched.
MAX_RENT = 100 if sys.argv[3:] == ["impossible"] else 5000
BIRTHS = [TODAY.replace(day=1, year=TODAY.year - years).isoformat() for years in YEARS]


def city() -> None:
    """Nursing day jobs, large flats, ten Kitas with places and eight schools, all close."""
    day = {"shift_start": datetime.time(8, 0), "shift_end": datetime.time(15, 30)}
    JobFactory.create_batch(6, title="Pflegefachkraft (m/w/d)", skills=["Pflege"], **day)
    for rent in (700, 760, 820, 900, 980, 1050):
        FlatFactory(rooms=6, living_space=150, cold_rent=rent)
    for _ in range(10):
        kita = KitaFactory(monthly_fee=150)
        FreePlaceFactory(kita=kita, min_age_months=0, max_age_months=36, count=3)
        FreePlaceFactory(kita=kita, min_age_months=36, max_age_months=84, count=3)
    SchoolFactory.create_batch(5, all_day_care=True)
    for kind in (SchoolType.REGELSCHULE, SchoolType.GYMNASIUM, SchoolType.GEMEINSCHAFTSSCHULE):
        SchoolFactory(school_type=kind, grade_from=5, grade_to=12, all_day_care=False)


def api(client: Client, births: list[str]) -> dict:
    body = {
        # Married (class III) as before marital status existed: an unmarried couple's
        # lower net pay makes this dense world hit the work ceiling (issue 10, "fast").
        "household": {
            "adults": 2,
            "married": True,
            "children": [{"birth_date": b} for b in births],
        },
        "job": {"query": "Pflege"},
        "flat": {"min_rooms": 3, "max_warm_rent": MAX_RENT},
        "mobility": {"modes": ["transit", "bike", "walk"], "max_commute_minutes": 60},
        "limit": 10,
    }
    response = client.post("/api/v1/bundles/search", body, content_type="application/json")
    answer = response.json() if response.status_code == 200 else {}
    return {
        "status": response.status_code,
        "bundles": len(answer.get("bundles", [])),
        "care_parts": len(answer["bundles"][0]["care"]) if answer.get("bundles") else 0,
        "truncated": answer.get("truncated"),
        "relaxations_truncated": answer.get("relaxations_truncated"),
    }


def wizard(client: Client, births: list[str]) -> dict:
    children = "".join(f"&child={b}" for b in births)
    query = (
        f"adults=2&married=yes{children}&q=Pflege&hours=any&min_rooms=3&max_rent={MAX_RENT}"
        "&mode=transit&mode=bike&mode=walk"
        "&max_minutes=60&w_commute=1&w_cost=1&w_job=1&w_flat=1"
    )
    response = client.get(f"{reverse('public:wizard-results')}?{query}", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    return {
        "status": response.status_code,
        "bundles": html.count('name="bundle" value="'),
        "limit_note": "s360-result-limit" in html,
    }


class NoMigrations(dict):
    """Tables straight from the models (as ``--nomigrations``): seconds instead of a minute."""

    def __contains__(self, item: object) -> bool:
        return True

    def __getitem__(self, item: str) -> None:
        return None


def main(kind: str, children: int = len(BIRTHS)) -> None:
    """``children``: the first so many of the eight (2 for a comparison run)."""
    settings.MIGRATION_MODULES = NoMigrations()
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    city()
    client, search = Client(), api if kind == "api" else wizard
    search(client, BIRTHS[:1])  # builds the offers snapshot, so the timing below is the search
    started = time.perf_counter()
    answer = search(client, BIRTHS[:children])
    seconds = round(time.perf_counter() - started, 3)
    print(json.dumps({"kind": kind, "children": children, "seconds": seconds, **answer}))


if __name__ == "__main__":
    main(sys.argv[1], *map(int, sys.argv[2:3]))
