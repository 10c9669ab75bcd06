"""Engine results → the public ``BundleSearchResult`` (names, addresses, sentences).

The engine returns codes and numbers; the sentences come from ``sentences`` (gettext) in
the requested language.

Loads only the offers that appear in the returned bundles: one query per offer kind.
"""

import datetime
import math
from collections.abc import Iterable
from typing import TypedDict

from django.db.models import Model, QuerySet
from django.utils import translation

from stadt360.childcare.models import Kita
from stadt360.housing.models import Flat
from stadt360.jobs.models import Job
from stadt360.schools.models import School

from . import engine, schemas, sentences
from .ages import age_in_months
from .schemas import BundleQuery, BundleSearchResult

VERDICTS = ((0.8, "very_good"), (0.6, "good"), (0.0, "compromise"))
PREFILTER_KINDS = {"job_wish": "jobs", "flat_wish": "flats"}
RELAXED_FIELDS = {
    "max_warm_rent": ("flat", "max_warm_rent"),
    "max_rent_share": ("flat", "max_rent_share"),
    "min_rooms": ("flat", "min_rooms"),
    "min_salary": ("job", "min_salary_month"),
    "max_commute_min": ("mobility", "max_commute_minutes"),
    "modes": ("mobility", "modes"),
    "hours_tolerance_min": ("care", "hours_tolerance_minutes"),
}


# Reasons that make any bundle a compromise, whatever its score.
COMPROMISE_CODES = frozenset({"care_starts_later"})


def verdict(score: float, reasons: Iterable[engine.Reason] = ()) -> str:
    """By score; a bundle with a compromise reason (a care place free only later) is never
    better than "compromise"."""
    if any(code in COMPROMISE_CODES for code, _ in reasons):
        return "compromise"
    return next(name for floor, name in VERDICTS if score >= floor)


def day_of(value: int | None) -> datetime.date | None:
    """An engine day number as a date (None stays None)."""
    return None if value is None else datetime.date.fromordinal(value)


def gaps(bundle: engine.Bundle) -> dict[int, int]:
    """Weeks of gap per household child whose care place starts after the household."""
    return {
        int(params["child"]): int(params["gap_weeks"])  # type: ignore[call-overload]
        for code, params in bundle.reasons
        if code == "care_starts_later"
    }


def starts(bundle: engine.Bundle) -> schemas.Starts:
    days = bundle.starts
    return schemas.Starts(
        job=day_of(days["job"]), flat=day_of(days["flat"]),
        care=[schemas.CareStart(child=i, date=day_of(day))
              for i, day in enumerate(days["care"]) if day is not None],
    )  # fmt: skip


def _by_id[M: Model](queryset: QuerySet[M], ids: Iterable[int]) -> dict[int, M]:
    return queryset.in_bulk(sorted(set(ids)))


def _clock(value: datetime.time | None) -> str | None:
    return None if value is None else f"{value.hour}:{value.minute:02d}"


class PlaceFields(TypedDict):
    """The fields every ``schemas.Place`` shares, typed so each part can be built from them."""

    id: int
    name: str
    address: str
    district: str
    latitude: float
    longitude: float
    provider: str
    provider_verified: bool
    is_demo: bool


def _place(offer: Job | Flat | Kita | School, name: str) -> PlaceFields:
    return {
        "id": offer.pk, "name": name, "address": offer.address_line,
        "district": offer.district.name if offer.district else "",
        "latitude": offer.latitude, "longitude": offer.longitude,
        "provider": offer.provider.name, "provider_verified": offer.provider.verified,
        "is_demo": offer.is_demo,
    }  # fmt: skip


def job_part(job: Job) -> schemas.JobPart:
    return schemas.JobPart(
        **_place(job, job.title), employment_type=job.employment_type,
        weekly_hours=float(job.weekly_hours), salary_min=job.salary_min,
        salary_max=job.salary_max, shift_start=_clock(job.shift_start),
        shift_end=_clock(job.shift_end),
    )  # fmt: skip


def flat_part(flat: Flat) -> schemas.FlatPart:
    return schemas.FlatPart(
        **_place(flat, flat.title), rooms=float(flat.rooms),
        living_space=float(flat.living_space), warm_rent=float(flat.warm_rent),
        cold_rent=float(flat.cold_rent), available_from=flat.available_from,
    )  # fmt: skip


def kita_part(
    kita: Kita,
    opens: float,
    closes: float,
    start: datetime.date | None = None,
    gap_weeks: int | None = None,
) -> schemas.KitaPart:
    return schemas.KitaPart(
        **_place(kita, kita.name), opens=sentences.clock(opens) if opens == opens else None,
        closes=sentences.clock(closes) if closes == closes else None,
        monthly_fee=float(kita.monthly_fee) if kita.monthly_fee is not None else None,
    )  # fmt: skip


def school_part(school: School) -> schemas.SchoolPart:
    return schemas.SchoolPart(
        **_place(school, school.name), school_type=school.school_type,
        all_day_care=school.all_day_care,
    )  # fmt: skip


class Offers:
    """The offers of all returned bundles, loaded in one query per kind."""

    def __init__(self, bundles: tuple[engine.Bundle, ...]) -> None:
        picks = [pick for bundle in bundles for pick in bundle.care]
        related = ("provider", "district")
        self.jobs = _by_id(Job.objects.select_related(*related), (b.job_id for b in bundles))
        self.flats = _by_id(Flat.objects.select_related(*related), (b.flat_id for b in bundles))
        self.kitas = _by_id(
            Kita.objects.select_related(*related), (p.id for p in picks if p.kind == "kita")
        )
        self.schools = _by_id(
            School.objects.select_related(*related), (p.id for p in picks if p.kind == "school")
        )

    def label(self, place: str) -> str:
        if place == "flat" or place == "job":
            return place
        kind, _, pk = place.partition(":")
        offer = (self.kitas if kind == "kita" else self.schools)[int(pk)]
        return offer.name


def _child(query: BundleQuery, index: int, start: datetime.date) -> schemas.ChildRef:
    birth = query.household.children[index].birth_date
    return schemas.ChildRef(index=index, birth_date=birth, age_months=age_in_months(birth, start))


def _care(
    bundle: engine.Bundle,
    offers: Offers,
    region_kitas: engine.Kitas,
    query: BundleQuery,
    start: datetime.date,
) -> list[schemas.CarePart]:
    """One part per child with a place; ``pick.child`` is the child's household index."""
    alone = {params["child"] for code, params in bundle.reasons if code == "pupil_travels_alone"}
    parts = []
    weeks = gaps(bundle)
    for pick in bundle.care:
        kita, school = None, None
        if pick.kind == "kita":
            opens, closes = region_kitas.opens[pick.index], region_kitas.closes[pick.index]
            kita = kita_part(offers.kitas[pick.id], float(opens), float(closes))
        else:
            school = school_part(offers.schools[pick.id])
        parts.append(
            schemas.CarePart(
                child=_child(query, pick.child, start), kita=kita, school=school,
                available_from=day_of(bundle.starts["care"][pick.child]),
                gap_weeks=weeks.get(pick.child),
                fee=_fee(bundle, pick.child) if kita else None,
                travels_alone=pick.child in alone,
            )
        )  # fmt: skip
    return parts


def _legs(legs: tuple[engine.Leg, ...], offers: Offers, bundle: engine.Bundle) -> list[schemas.Leg]:
    flat, job = offers.flats[bundle.flat_id], offers.jobs[bundle.job_id]
    names = {"flat": flat.street or flat.address_line, "job": job.provider.name}
    return [
        schemas.Leg(
            origin=names.get(leg.origin) or offers.label(leg.origin),
            destination=names.get(leg.destination) or offers.label(leg.destination),
            minutes=leg.minutes,
            mode=schemas.Mode(bundle.mode.value),
        )
        for leg in legs
    ]


def _number(value: float) -> float | None:
    return None if math.isnan(value) else value


def _fee_source(bundle: engine.Bundle) -> str:
    sources = {source for _child, (_low, _high, source) in bundle.fees}
    return sources.pop() if len(sources) == 1 else ("mixed" if sources else "none")


def _money(bundle: engine.Bundle) -> schemas.Money:
    m = bundle.money
    return schemas.Money(
        gross_income=m["gross"], net_income=m["net_pay"], child_benefit=m["kindergeld"],
        other_net_income=m["other_net_income"], warm_rent=m["warm_rent"],
        kita_fees=m["kita_fees"],
        kita_fees_known=all(low == high for _child, (low, high, _s) in bundle.fees),
        remaining=m["remaining"], rent_share=m["rent_share"],
        kita_fees_min=m["kita_fees_min"], kita_fees_max=_number(m["kita_fees_max"]),
        kita_fees_source=_fee_source(bundle), remaining_min=_number(m["remaining_min"]),
        remaining_max=m["remaining_max"],
    )  # fmt: skip


def _fee(bundle: engine.Bundle, child: int) -> schemas.KitaFee | None:
    for index, (low, high, source) in bundle.fees:
        if index == child:
            return schemas.KitaFee(min=low, max=_number(high), source=source)
    return None


def present_bundle(
    bundle: engine.Bundle,
    offers: Offers,
    *,
    kitas: engine.Kitas,
    query: BundleQuery,
    start: datetime.date,
) -> schemas.Bundle:
    stops = len(bundle.morning) - 1  # the care stops between flat and work
    one_way = sum(leg.minutes for leg in bundle.morning) + bundle.dwell_minutes * stops
    commute = schemas.Commute(
        minutes=bundle.daily_minutes, one_way_minutes=one_way,
        mode=schemas.Mode(bundle.mode.value), legs=_legs(bundle.morning + bundle.evening,
                                                          offers, bundle),
        dwell_minutes=bundle.dwell_minutes if stops else 0,
    )  # fmt: skip
    reasons = [
        schemas.Reason(code=code, text=sentences.reason_text(code, params))
        for code, params in bundle.reasons
    ]
    covered = [code == "care_covers_hours" for code, _ in bundle.reasons]
    return schemas.Bundle(
        rank=bundle.rank, score=round(bundle.score, 6),
        verdict=verdict(bundle.score, bundle.reasons),
        terms={k: round(v, 6) for k, v in bundle.terms.items()},
        job=job_part(offers.jobs[bundle.job_id]), flat=flat_part(offers.flats[bundle.flat_id]),
        care=_care(bundle, offers, kitas, query, start), commute=commute, money=_money(bundle),
        hours_covered=True if any(covered) else None, reasons=reasons, starts=starts(bundle),
    )  # fmt: skip


def _relaxation(relaxation: engine.Relaxation) -> schemas.Relaxation:
    section, field = RELAXED_FIELDS[relaxation.constraint]
    value = relaxation.new
    if relaxation.constraint == "modes":
        value = [str(getattr(m, "value", m)) for m in value]  # type: ignore[attr-defined]
    return schemas.Relaxation(
        constraint=relaxation.constraint,
        text=sentences.relaxation_text(relaxation),
        bundles=relaxation.bundles,
        patch={section: {field: value}},
    )


def _eliminations(
    result: engine.BundleResult, prefilter: dict[str, tuple[int, int]]
) -> list[schemas.Elimination]:
    out = [
        schemas.Elimination(
            constraint=name,
            text=sentences.removal_text(name, PREFILTER_KINDS[name], removed, of),
            removed=removed, of=of,
        )
        for name, (removed, of) in prefilter.items()
        if removed
    ]  # fmt: skip
    out += [
        schemas.Elimination(
            constraint=r.constraint,
            text=sentences.removal_text(r.constraint, r.kind, r.removed, r.of),
            removed=r.removed,
            of=r.of,
        )
        for r in result.removals
    ]
    return out


def present_result(
    result: engine.BundleResult,
    *,
    query: BundleQuery,
    start: datetime.date,
    lang: str,
    prefilter: dict[str, tuple[int, int]],
    is_demo: bool,
    kitas: engine.Kitas,
) -> BundleSearchResult:
    offers = Offers(result.bundles)
    with translation.override(lang):
        bundles = [
            present_bundle(b, offers, kitas=kitas, query=query, start=start) for b in result.bundles
        ]
        relaxations = [_relaxation(r) for r in result.relaxations]
        eliminated = _eliminations(result, prefilter) if len(bundles) < query.limit else []
    return BundleSearchResult(
        bundles=bundles,
        relaxations=relaxations,
        eliminated=eliminated,
        candidates=dict(result.candidates),
        is_demo=is_demo,
        truncated=not result.exact,
        variety=query.variety,
        relaxations_truncated=not result.relaxations_complete,
    )
