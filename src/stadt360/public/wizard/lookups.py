"""The wizard's reads from domain apps: bundles, the household's plan, live offer counts."""

import datetime
import hashlib

from django.db import connection
from django.http import QueryDict
from django.utils import translation

from stadt360.bundles.schemas import BundleQuery, BundleSearchResult
from stadt360.bundles.schemas import Pins as QueryPins
from stadt360.bundles.services import count_candidates, search_bundles
from stadt360.bundles.snapshot import fingerprint as offers_fingerprint
from stadt360.housing.filters import FlatFilterSet
from stadt360.housing.selectors import flat_list
from stadt360.situations import selectors as plans
from stadt360.situations.models import Need, Office, Situation, Step

from .forms import FlatForm, JobForm
from .querystring import Pins, job_part

SITUATION_SLUG = "neu-in-gera"
# A rendered results page is reused until an offer or the catalogue changes (both are in the
# key) or this many seconds pass: the catalogue has no update timestamps, so an edit in
# place (same rows, new text) shows after at most this long.
PAGE_SECONDS = 300


def search(query: BundleQuery, pins: Pins) -> BundleSearchResult:
    """Bundles for the query; pinned offers (from a detail page) fix that part of each bundle."""
    fixed = QueryPins(job=pins.job, flat=pins.flat, kita=pins.kita)
    return search_bundles(query.model_copy(update={"pins": fixed}))


def suggested_rooms(adults: int, children: int) -> float:
    """Living room, the couple's bedroom, a room per further adult and per child.

    The same rule the engine applies when no minimum is given (``engine.needs.default_min_rooms``).
    """
    couple = 1 if adults >= 2 else 0
    return float(1 + couple + max(adults - 2, 0) + children)


def plan(query: BundleQuery) -> list[plans.PlannedStep]:
    """The situation's steps for this household; empty when the catalogue is not loaded."""
    situation = plans.situation_with_catalogue(slug=SITUATION_SLUG)
    if situation is None:
        return []
    start = query.start_date or datetime.date.today()
    household = plans.Household(
        adults=query.household.adults,
        children=tuple(child.birth_date for child in query.household.children),
        reference_date=start,
    )
    anchors = {"move_in": query.flat.move_in or start, "job_start": start}
    return plans.plan_for(situation=situation, household=household, anchors=anchors)


def count_jobs(params: QueryDict) -> int | None:
    """Jobs passing the job step's wishes, as the engine filters them (None while invalid)."""
    form = JobForm(params)
    if not form.is_valid():
        return None
    return count_candidates(BundleQuery.model_validate({"job": job_part(form.cleaned_data)}))[
        "jobs"
    ]


def count_flats(params: QueryDict) -> int | None:
    """Flats meeting the flat step's rent, rooms and features, as the flat list counts them.

    (The engine's own candidate count ignores rent and rooms, which matter most here.)
    """
    form = FlatForm(params)
    if not form.is_valid():
        return None
    data = {"max_warm_rent": params.get("max_rent", ""), "min_rooms": params.get("min_rooms", "")}
    data |= {
        key: "true" for key in ("balcony", "lift", "step_free", "pets") if form.cleaned_data[key]
    }
    if not form.cleaned_data["wbs"]:
        data["wbs_required"] = "false"
    filterset = FlatFilterSet(data, queryset=flat_list())
    return filterset.qs.count() if filterset.is_valid() else None


def catalogue_stamp() -> tuple:
    """Row count and highest id of each table of the situations catalogue: one statement."""
    models = (Situation, Need, Step, Step.requires.through, Office)
    parts = []
    for model in models:
        table = connection.ops.quote_name(model._meta.db_table)
        parts += [f"SELECT COUNT(*) FROM {table}", f"SELECT MAX(id) FROM {table}"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"({part})" for part in parts))
        return tuple(cursor.fetchone())


def page_key(name: str, query_string: str) -> str:
    """Same page, answers, language, day, offers and catalogue → same rendered page.

    The offers' fingerprint is the bundle search's own (it holds the day), so a cached page
    goes stale exactly when the search result would.
    """
    text = "|".join(
        (
            name,
            query_string,
            translation.get_language() or "",
            repr(offers_fingerprint()),
            repr(catalogue_stamp()),
        )
    )
    return "wizard:page:" + hashlib.sha256(text.encode()).hexdigest()
