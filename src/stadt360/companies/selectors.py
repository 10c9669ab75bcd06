"""Reads of company profiles: the directory, similar companies and possible suppliers.

Suggestions are ranked in Python over light "profiles" (a few columns per company, loaded
in three queries), then the winners are fetched as full objects in one more query.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from stadt360.core.geo import haversine_km, offset_point
from stadt360.jobs.models import Job

from . import industries, reasons
from .choices import SIZE_ORDER
from .models import Company, CompanyQuerySet, Product, Site
from .reasons import Reason
from .text import Corpus

Point = tuple[float, float]
# Beyond this distance nearness adds nothing to a suggestion's score.
NEAR_KM = 30.0
MIN_TEXT_COSINE = 0.08


def company_directory() -> CompanyQuerySet:
    """Listed companies with what a directory row shows, in one query."""
    return (
        Company.objects.listed()
        .with_open_jobs()
        .select_related("provider", "provider__district")
        .order_by("provider__name", "id")
    )


def company_detail() -> CompanyQuerySet:
    products = Product.objects.prefetch_related("images")
    return company_directory().prefetch_related(
        Prefetch("products", queryset=products),
        Prefetch("sites", queryset=Site.objects.select_related("district")),
    )


def open_jobs(company: Company, *, limit: int = 10) -> list[Job]:
    jobs = Job.objects.published().filter(provider_id=company.provider_id)
    return list(jobs.order_by("-updated_at", "id")[:limit])


# --- Radius -----------------------------------------------------------------------------------


def within_km(queryset: QuerySet, *, latitude: float, longitude: float, km: float) -> QuerySet:
    """Companies whose main address or one of whose sites lies within ``km`` of the point."""
    south, west = offset_point(latitude, longitude, north_km=-km, east_km=-km)
    north, east = offset_point(latitude, longitude, north_km=km, east_km=km)
    main = queryset.filter(
        provider__latitude__range=(south, north), provider__longitude__range=(west, east)
    ).values_list("pk", "provider__latitude", "provider__longitude")
    sites = Site.objects.filter(
        company__in=queryset.values("pk"),
        latitude__range=(south, north),
        longitude__range=(west, east),
    ).values_list("company_id", "latitude", "longitude")
    ids = {
        pk for pk, lat, lon in [*main, *sites] if haversine_km(latitude, longitude, lat, lon) <= km
    }
    return queryset.filter(pk__in=ids)


# --- Profiles and suggestions --------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """What ranking needs of a company: industry, size, places and its words."""

    pk: int
    provider_id: int
    wz_code: str
    size_class: str
    text: str
    points: tuple[Point, ...]


@dataclass
class Suggestion:
    company: Company
    score: float
    reasons: list[Reason] = field(default_factory=list)


def profiles(queryset: QuerySet) -> list[Profile]:
    """Profiles of the companies in ``queryset`` (three queries, whatever their number)."""
    rows = list(
        queryset.values_list(
            "pk",
            "provider_id",
            "provider__name",
            "wz_code",
            "size_class",
            "description",
            "provider__latitude",
            "provider__longitude",
        )
    )
    ids = [row[0] for row in rows]
    words: dict[int, list[str]] = {}
    for company_id, name, description in Product.objects.filter(company_id__in=ids).values_list(
        "company_id", "name", "description"
    ):
        words.setdefault(company_id, []).extend((name, description))
    places: dict[int, list[Point]] = {}
    for company_id, lat, lon in Site.objects.filter(company_id__in=ids).values_list(
        "company_id", "latitude", "longitude"
    ):
        places.setdefault(company_id, []).append((lat, lon))
    return [
        Profile(
            pk=pk,
            provider_id=provider_id,
            wz_code=code,
            size_class=size,
            text=" ".join([name, description, *words.get(pk, [])]),
            points=((lat, lon), *places.get(pk, [])),
        )
        for pk, provider_id, name, code, size, description, lat, lon in rows
    ]


def nearest_km(left: Sequence[Point], right: Sequence[Point]) -> float:
    return min(haversine_km(a[0], a[1], b[0], b[1]) for a in left for b in right)


def closeness(km: float) -> float:
    """1 next door, 0 at ``NEAR_KM`` and beyond."""
    return max(0.0, 1 - km / NEAR_KM)


def sizes_fit(left: str, right: str) -> bool:
    return abs(SIZE_ORDER.get(left, 0) - SIZE_ORDER.get(right, 0)) <= 1


def similar_companies(
    company: Company, *, limit: int = 4, pool: list[Profile] | None = None
) -> list[Suggestion]:
    """Same or related industry and similar words; ties go to the nearer company."""
    pool = list(pool if pool is not None else profiles(Company.objects.listed()))
    mine, corpus = _me_and_corpus(company, pool)
    me = pool[mine]
    ranked = []
    for index, other in enumerate(pool):
        if other.pk == company.pk:
            continue
        score, why = _industry_similarity(me, other)
        cosine = corpus.cosine(mine, index)
        if cosine >= MIN_TEXT_COSINE:
            score += 0.6 * cosine
            why.append(reasons.text(corpus.shared_terms(mine, index)))
        if score > 0:
            km = nearest_km(me.points, other.points)
            ranked.append((score + 0.05 * closeness(km), other.pk, [*why, reasons.distance(km)]))
    return _top(ranked, limit)


def possible_suppliers(
    company: Company, *, limit: int = 4, pool: list[Profile] | None = None
) -> list[Suggestion]:
    """Companies of industries that typically supply this one, the nearer the better."""
    pool = list(pool if pool is not None else profiles(Company.objects.listed()))
    mine, corpus = _me_and_corpus(company, pool)
    me = pool[mine]
    ranked = []
    for index, other in enumerate(pool):
        relation = industries.supply_relation(other.wz_code, me.wz_code)
        if other.pk == company.pk or relation is None:
            continue
        km = nearest_km(me.points, other.points)
        cosine = corpus.cosine(mine, index)
        score = 0.5 + 0.3 * closeness(km) + 0.2 * cosine
        ranked.append((score, other.pk, [reasons.complementary(*relation), reasons.distance(km)]))
    return _top(ranked, limit)


def _me_and_corpus(company: Company, pool: list[Profile]) -> tuple[int, Corpus]:
    """The company's index in ``pool`` (added when it is not listed) and the pool's corpus."""
    mine = next((index for index, p in enumerate(pool) if p.pk == company.pk), None)
    if mine is None:
        pool.extend(profiles(Company.objects.filter(pk=company.pk)))
        mine = len(pool) - 1
    return mine, Corpus.build([p.text for p in pool])


def _industry_similarity(me: Profile, other: Profile) -> tuple[float, list[Reason]]:
    if industries.division_of(me.wz_code) and industries.division_of(
        me.wz_code
    ) == industries.division_of(other.wz_code):
        return 0.4, [reasons.same_industry(other.wz_code)]
    if industries.section_of(me.wz_code) == industries.section_of(other.wz_code):
        return 0.2, [reasons.related_industry(other.wz_code)]
    return 0.0, []


def _top(ranked: Iterable[tuple[float, int, list[Reason]]], limit: int) -> list[Suggestion]:
    best = sorted(ranked, key=lambda item: (-item[0], item[1]))[:limit]
    objects = company_directory().in_bulk([pk for _, pk, _ in best])
    return [
        Suggestion(objects[pk], round(score, 3), why) for score, pk, why in best if pk in objects
    ]
