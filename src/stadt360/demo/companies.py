"""Demo company profiles, products and cooperation posts for the demo employers.

Built after the employers are saved (they need primary keys). The profile data lives in
``companies/data/demo_gera.json``; every company belongs to a demo provider, so deleting
the demo providers deletes these rows too (cascade).
"""

import datetime
import json
from pathlib import Path
from typing import Any

from stadt360.companies import industries
from stadt360.companies.models import Company, Product
from stadt360.cooperation.models import Post
from stadt360.providers.models import Provider

from .context import DemoContext

PROFILE = Path(industries.DATA_DIR) / "demo_gera.json"


def load_company_profile() -> dict[str, Any]:
    with PROFILE.open(encoding="utf-8") as handle:
        return json.load(handle)


def wz_for(name: str, industry: dict[str, Any]) -> str:
    return next(
        (code for word, code in industry["keywords"].items() if word in name), industry["wz"]
    )


def build_companies(ctx: DemoContext, *, employers: dict[str, list[Provider]]) -> list[Company]:
    """One unsaved company per demo employer of a company-like industry."""
    profile, rng = load_company_profile(), ctx.rng("companies")
    companies = []
    for key, providers in employers.items():
        industry = profile["industries"].get(key)
        if industry is None or key in profile["skip_industries"]:
            continue
        for provider in providers:
            code = wz_for(provider.name, industry)
            sizes = industry["sizes"]
            apprenticeships = profile["apprenticeships"].get(key, []) if rng.random() < 0.5 else []
            companies.append(
                Company(
                    provider=provider,
                    description=f"{provider.name.removesuffix(' (Demo)')}: {industries.title(code)} in Gera. Demodaten.",
                    wz_code=code,
                    wz_label=industries.title(code),
                    wz_section=industries.section_of(code),
                    size_class=rng.choices(list(sizes), weights=list(sizes.values()))[0],
                    founded_year=rng.randint(1990, ctx.today.year - 1),
                    languages=["de", "en"] if rng.random() < 0.4 else ["de"],
                    apprenticeships=apprenticeships,
                    offers_apprenticeships=bool(apprenticeships),
                )
            )
    return companies


def build_products(
    ctx: DemoContext, *, companies: list[Company], employers: dict[str, list[Provider]]
) -> list[Product]:
    profile, rng = load_company_profile(), ctx.rng("products")
    by_key = {p.pk: key for key, ps in _industry_of(companies, employers).items() for p in ps}
    products = []
    for company in companies:
        templates = profile["industries"][by_key[company.provider_id]]["products"]
        for position, (kind, name, category, description) in enumerate(
            rng.sample(templates, k=min(len(templates), rng.randint(1, 3)))
        ):
            products.append(
                Product(
                    company=company,
                    kind=kind,
                    name=name,
                    category=category,
                    description=description,
                    position=position,
                )
            )
    return products


def build_posts(
    ctx: DemoContext, *, companies: list[Company], employers: dict[str, list[Provider]]
) -> list[Post]:
    """The profile's handful of posts, each from a company of the named industry."""
    profile, rng = load_company_profile(), ctx.rng("cooperation")
    groups = _industry_of(companies, employers)
    by_provider = {c.provider_id: c for c in companies}
    posts = []
    for entry in profile["posts"]:
        candidates = groups.get(entry["industry"], [])
        if not candidates:
            continue
        provider = rng.choice(candidates)
        posts.append(
            Post(
                provider=provider,
                company=by_provider[provider.pk],
                post_type=entry["type"],
                direction=entry["direction"],
                title=entry["title"],
                text=entry["text"],
                wz_code=entry["wz"],
                wz_label=industries.title(entry["wz"]) if entry["wz"] else "",
                wz_section=industries.section_of(entry["wz"]) if entry["wz"] else "",
                valid_until=ctx.today + datetime.timedelta(days=rng.randint(30, 120)),
            )
        )
    return posts


def _industry_of(
    companies: list[Company], employers: dict[str, list[Provider]]
) -> dict[str, list[Provider]]:
    """Providers that have a company, grouped by their demo industry key."""
    with_company = {company.provider_id for company in companies}
    return {key: [p for p in ps if p.pk in with_company] for key, ps in employers.items()}
