"""Bundle search: a validated ``BundleQuery`` in, ranked and explained bundles out.

The one entry point for the API, the wizard and the benchmark's page test. Reads only;
the engine does the ranking, this module translates between Django and the engine.
"""

import datetime
import hashlib
from dataclasses import fields, replace

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from stadt360.childcare.fees import schedule_for
from stadt360.mobility.geometric import Mode as TravelMode

from . import engine
from .ages import age_in_months
from .fit import flat_fit, job_fit
from .present import present_result
from .schemas import BundleQuery, BundleSearchResult, Household, Mode, StartWindow
from .snapshot import Snapshot, current_snapshot


def search_bundles(
    query: BundleQuery, *, language: str | None = None, today: datetime.date | None = None
) -> BundleSearchResult:
    """The exact top bundles for ``query``; when nothing fits, why and what would help."""
    snapshot = current_snapshot()
    start = reference_date(query, today)
    lang = language or translation.get_language() or "de"
    key = result_key(query, start=start, lang=lang, fingerprint=snapshot.fingerprint)
    if (cached := cache.get(key)) is not None:
        return BundleSearchResult.model_validate(cached)
    result = _search(snapshot, query, start=start, lang=lang)
    cache.set(key, result.model_dump(mode="json"), RESULT_SECONDS)
    return result


def result_key(query: BundleQuery, *, start: datetime.date, lang: str, fingerprint: tuple) -> str:
    """Same query, day, language, offers and money parameters → same answer; any offer
    change (or a new Zusatzbeitrag setting) → a new key."""
    parts = (query.model_dump_json(), start.isoformat(), lang, repr(fingerprint))
    text = "|".join((*parts, repr(money_params())))
    return "bundles:result:" + hashlib.sha256(text.encode()).hexdigest()


def _search(
    snapshot: Snapshot, query: BundleQuery, *, start: datetime.date, lang: str
) -> BundleSearchResult:
    region, removed = candidate_region(snapshot, query)
    result = engine.top_k(region, engine_query(query, start))
    return present_result(
        result, query=query, start=start, lang=lang, prefilter=removed,
        is_demo=snapshot.is_demo, kitas=region.kitas,
    )  # fmt: skip


def count_candidates(query: BundleQuery) -> dict[str, int]:
    """How many jobs and flats pass the wishes' keyword and feature filters (live counts)."""
    snapshot = current_snapshot()
    region, _ = candidate_region(snapshot, query)
    return {"jobs": len(region.jobs), "flats": len(region.flats)}


# A shared result URL is answered from the cache until an offer changes (the key holds the
# offers' fingerprint) or this many seconds pass.
RESULT_SECONDS = 600

# "In the next three months": a care place free within this many days of the start is no gap.
THREE_MONTHS_DAYS = 91


def reference_date(query: BundleQuery, today: datetime.date | None) -> datetime.date:
    """The household's start: the named date (``start.date``, or the older ``job.start``),
    else today ("as soon as possible" and "in the next three months" both start today).
    Never before today."""
    today = today or timezone.localdate()
    named = query.start_date
    return max(named, today) if named else today


def start_window_days(query: BundleQuery) -> int:
    """Slack after the start: 91 days for "in the next three months" without a date."""
    if query.start_date or query.start.window is not StartWindow.THREE_MONTHS:
        return 0
    return THREE_MONTHS_DAYS


def engine_household(household: Household, start: datetime.date) -> engine.Household:
    ages = tuple(age_in_months(child.birth_date, start) for child in household.children)
    return engine.Household(
        adults=household.adults, child_age_months=ages,
        other_net_income=household.other_net_income, married=household.married,
        tax_class=household.tax_class,
    )  # fmt: skip


def engine_query(query: BundleQuery, start: datetime.date) -> engine.BundleQuery:
    hours = query.care.care_hours  # minutes after midnight, or None: by working hours
    care_from, care_until = (None, None) if hours is None else (float(hours[0]), float(hours[1]))
    wishes = engine.Wishes(
        min_salary=query.job.min_salary_month,
        max_warm_rent=query.flat.max_warm_rent,
        max_rent_share=query.flat.max_rent_share,
        min_rooms=query.flat.min_rooms,
        max_commute_min=float(query.mobility.max_commute_minutes),
        modes=tuple(engine_mode(m) for m in query.mobility.modes),
        hours_tolerance_min=float(query.care.hours_tolerance_minutes),
        start_day=start.toordinal(),
        start_window_days=start_window_days(query),
        start_fixed=query.start.fixed,
        move_in_day=query.flat.move_in.toordinal() if query.flat.move_in else None,
        care_from=care_from,
        care_until=care_until,
        dwell_min=query.care.dwell_minutes,
    )
    w = query.weights
    weights = engine.Weights(commute=w.commute, cost=w.cost, job_fit=w.job_fit, flat_fit=w.flat_fit)
    return engine.BundleQuery(
        household=engine_household(query.household, start), wishes=wishes, weights=weights,
        k=query.limit, money_params=money_params(), variety=engine_variety(query),
    )  # fmt: skip


def money_params() -> engine.MoneyParams:
    """The deployment's money parameters: setting ``STADT360_HEALTH_EXTRA_RATE`` and the
    region's fee-free Kita months (``childcare.fees``)."""
    schedule = schedule_for(settings.STADT360_REGION)
    return engine.MoneyParams(
        health_extra_rate=settings.STADT360_HEALTH_EXTRA_RATE,
        kita_free_months=schedule.free_months_before_school if schedule else 0,
    )


def engine_variety(query: BundleQuery) -> engine.Variety | None:
    caps = query.variety
    return None if caps is None else engine.Variety(**caps.model_dump())


def engine_mode(mode: Mode) -> TravelMode:
    return TravelMode(mode.value)


def _subset[T](offers: T, keep: np.ndarray, fit: np.ndarray) -> T:
    values = {f.name: getattr(offers, f.name)[keep] for f in fields(offers)}  # type: ignore[arg-type]
    return type(offers)(**{**values, "fit": fit[keep]})


def pinned(ids: np.ndarray, pin: int | None) -> np.ndarray:
    """All true without a pin; otherwise true only for the pinned offer."""
    return np.ones(len(ids), dtype=bool) if pin is None else ids == pin


def _only_pinned_kita(kitas: engine.Kitas, pin: int | None) -> engine.Kitas:
    if pin is None:
        return kitas
    places = np.where(pinned(kitas.ids, pin)[:, None], kitas.free_places, 0)
    return replace(kitas, free_places=places)


def _only_pinned_school(schools: engine.Schools, pin: int | None) -> engine.Schools:
    if pin is None:
        return schools
    keep = pinned(schools.ids, pin)
    return type(schools)(**{f.name: getattr(schools, f.name)[keep] for f in fields(schools)})


def candidate_region(
    snapshot: Snapshot, query: BundleQuery
) -> tuple[engine.Region, dict[str, tuple[int, int]]]:
    """The snapshot narrowed to jobs and flats that fit at all (and to pinned offers).

    Returns the region and, per wish the engine does not know (keywords, hours, WBS),
    how many candidates it removed of how many.
    """
    region = snapshot.region
    persons = query.household.adults + len(query.household.children)
    jobs_fit = job_fit(snapshot.job_texts, query.job)
    flats_fit = flat_fit(snapshot.flat_features, region.flats.living_space, query.flat, persons)
    keep_jobs = (jobs_fit > 0) & pinned(region.jobs.ids, query.pins.job)
    keep_flats = (flats_fit > 0) & pinned(region.flats.ids, query.pins.flat)
    narrowed = replace(
        region,
        jobs=_subset(region.jobs, keep_jobs, jobs_fit),
        flats=_subset(region.flats, keep_flats, flats_fit),
        kitas=_only_pinned_kita(region.kitas, query.pins.kita),
        schools=_only_pinned_school(region.schools, query.pins.school),
    )
    removed = {
        "job_wish": (int((~keep_jobs).sum()), len(keep_jobs)),
        "flat_wish": (int((~keep_flats).sum()), len(keep_flats)),
    }
    return narrowed, removed
