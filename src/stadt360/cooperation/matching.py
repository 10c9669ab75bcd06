"""Counterparts for a post: other open posts and companies, with a score and the reasons.

Signals and their weights (a score is their sum; a candidate needs an industry or a
text signal, the rest only adds to it):

| signal | weight | reason shown |
|---|---|---|
| need meets offer of the same or a complementary type | 0.35 | "need meets offer …" |
| wanted industry / complementary industry / same industry | 0.25 / 0.2 / 0.15 | "same industry: …", "complementary industry: X supplies Y" |
| TF-IDF cosine of the German-stemmed texts | 0.4 × cosine | "text matches: CNC, Zerspanung" |
| nearness (1 next door, 0 from 30 km) | 0.1 × closeness | "3.2 km away" |
| company sizes at most one KMU class apart | 0.05 | "similar company size" |
"""

from dataclasses import dataclass, field

from stadt360.companies import industries, reasons
from stadt360.companies.models import Company
from stadt360.companies.reasons import Reason
from stadt360.companies.selectors import (
    Profile,
    closeness,
    company_directory,
    nearest_km,
    profiles,
    sizes_fit,
)
from stadt360.companies.text import Corpus

from .choices import COMPLEMENTARY_TYPES, Direction
from .models import Post

MIN_TEXT_COSINE = 0.05
MIN_SCORE = 0.1


@dataclass
class Side:
    """What matching knows of one party: its industry, size, places and text."""

    industry: str
    size: str
    points: tuple[tuple[float, float], ...]
    text: str
    direction: str = ""
    post_type: str = ""


@dataclass
class Match:
    kind: str  # "post" or "company"
    target: Post | Company
    score: float
    reasons: list[Reason] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.target.pk}"


def own_industry(post: Post, profile: Profile | None) -> str:
    """An offer's industry is what it offers; a need's is the industry of whoever needs."""
    company_code = profile.wz_code if profile else ""
    return (post.wz_code or company_code) if post.direction == Direction.OFFER else company_code


def post_side(post: Post, profile: Profile | None) -> Side:
    provider = post.provider
    return Side(
        industry=own_industry(post, profile),
        size=profile.size_class if profile else "",
        points=profile.points if profile else ((provider.latitude, provider.longitude),),
        text=f"{post.title} {post.text} {post.wz_label}",
        direction=post.direction,
        post_type=post.post_type,
    )


def company_side(profile: Profile) -> Side:
    return Side(profile.wz_code, profile.size_class, profile.points, profile.text)


def types_answer(mine: Side, other: Side) -> bool:
    if not other.direction or mine.direction == other.direction:
        return False
    need, offer = (mine, other) if mine.direction == Direction.NEED else (other, mine)
    return (
        need.post_type == offer.post_type
        or (need.post_type, offer.post_type) in COMPLEMENTARY_TYPES
    )


def industry_signal(post: Post, mine: Side, other: Side) -> tuple[float, Reason | None]:
    if not other.industry:
        return 0.0, None
    wanted = post.wz_code if post.direction == Direction.NEED else ""
    if wanted and industries.division_of(wanted) == industries.division_of(other.industry):
        return 0.25, reasons.same_industry(other.industry)
    if mine.industry:
        supplier, buyer = (other, mine) if post.direction == Direction.NEED else (mine, other)
        relation = industries.supply_relation(supplier.industry, buyer.industry)
        if relation:
            return 0.2, reasons.complementary(*relation)
        if industries.division_of(mine.industry) == industries.division_of(other.industry):
            return 0.15, reasons.same_industry(other.industry)
    return 0.0, None


def score(
    post: Post, mine: Side, other: Side, corpus: Corpus, index: int
) -> tuple[float, list[Reason]]:
    """The score and reasons; 0 unless industry or text say the two are about the same thing."""
    total, why = 0.0, []
    weight, reason = industry_signal(post, mine, other)
    if reason:
        total += weight
        why.append(reason)
    cosine = corpus.cosine(0, index)
    if cosine >= MIN_TEXT_COSINE:
        total += 0.4 * cosine
        why.append(reasons.text(corpus.shared_terms(0, index)))
    if not why:
        return 0.0, []
    if types_answer(mine, other):
        total += 0.35
        why.insert(0, reasons.offer_meets_need())
    if mine.size and other.size and sizes_fit(mine.size, other.size):
        total += 0.05
        why.append(reasons.size_fit())
    km = nearest_km(mine.points, other.points)
    return total + 0.1 * closeness(km), [*why, reasons.distance(km)]


def matches_for(post: Post, *, limit: int = 12) -> list[Match]:
    """The best counterparts of ``post`` among open posts and listed companies, best first."""
    pool = {p.pk: p for p in profiles(Company.objects.listed())}
    posts = list(
        Post.objects.open()
        .exclude(provider_id=post.provider_id)
        .select_related("provider", "company__provider")
    )
    companies = [p for p in pool.values() if p.provider_id != post.provider_id]
    mine = post_side(post, pool.get(post.company_id) if post.company_id else None)
    sides = [post_side(other, pool.get(other.company_id or 0)) for other in posts]
    sides += [company_side(profile) for profile in companies]
    corpus = Corpus.build([mine.text, *(side.text for side in sides)])
    ranked: list[tuple[float, str, int, list[Reason]]] = []
    for index, side in enumerate(sides, start=1):
        value, why = score(post, mine, side, corpus, index)
        if value >= MIN_SCORE:
            kind, pk = (
                ("post", posts[index - 1].pk)
                if index <= len(posts)
                else ("company", companies[index - 1 - len(posts)].pk)
            )
            ranked.append((value, kind, pk, why))
    return _materialise(sorted(ranked, key=lambda r: (-r[0], r[1], r[2]))[:limit], posts)


def _materialise(
    ranked: list[tuple[float, str, int, list[Reason]]], posts: list[Post]
) -> list[Match]:
    by_pk = {p.pk: p for p in posts}
    company_ids = [pk for _, kind, pk, _ in ranked if kind == "company"]
    companies = company_directory().in_bulk(company_ids)
    found = []
    for value, kind, pk, why in ranked:
        target = by_pk.get(pk) if kind == "post" else companies.get(pk)
        if target is not None:
            found.append(Match(kind, target, round(value, 3), why))
    return found
