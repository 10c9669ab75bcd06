"""Fictitious demo providers: invented names marked "(Demo)", verified, ``is_demo=True``."""

import random

from django.utils.text import slugify

from stadt360.providers.models import Provider

from .context import DEMO_SUFFIX, DemoContext


class ProviderNamer:
    """Hands out names and slugs that are unique within one run and among existing rows."""

    def __init__(self, taken_slugs: set[str]):
        self.names: set[str] = set()
        self.slugs = set(taken_slugs)

    def name(self, ctx: DemoContext, rng: random.Random, pattern: str, district_name: str) -> str:
        for _ in range(12):
            candidate = ctx.fill_name(rng, pattern)
            if candidate not in self.names:
                break
        else:
            candidate = f"{ctx.fill_name(rng, pattern)} {district_name}"
        suffix = 2
        base = candidate
        while candidate in self.names:
            candidate, suffix = f"{base} {suffix}", suffix + 1
        self.names.add(candidate)
        return candidate + DEMO_SUFFIX

    def slug(self, name: str) -> str:
        base = slugify(f"demo {name.removesuffix(DEMO_SUFFIX)}")[:200]
        candidate, suffix = base, 2
        while candidate in self.slugs:
            candidate, suffix = f"{base}-{suffix}", suffix + 1
        self.slugs.add(candidate)
        return candidate


def build_providers(
    ctx: DemoContext,
    namer: ProviderNamer,
    *,
    kind: str,
    count: int,
    patterns: list[str],
    purpose: str,
    weight_key: str,
) -> list[Provider]:
    """``count`` unsaved providers; the first pattern names the first (lead) provider only."""
    rng = ctx.rng(f"providers:{purpose}")
    providers = []
    for index in range(count):
        pattern = patterns[0] if index == 0 or len(patterns) == 1 else rng.choice(patterns[1:])
        place = ctx.place_in(rng, ctx.pick_district(rng, weight_key))
        name = namer.name(ctx, rng, pattern, place.district.name)
        slug = namer.slug(name)
        providers.append(
            Provider(
                name=name,
                slug=slug,
                kind=kind,
                email=f"kontakt@{slug}.example",
                phone=f"{ctx.profile['area_code']} {rng.randint(200000, 899999)}",
                website=f"https://{slug}.example/",
                verified=True,
                is_demo=True,
                **place.address_fields(),
            )
        )
    return providers


def zipf_weights(count: int, *, lead_share: float) -> list[float]:
    """The lead provider takes ``lead_share``; the rest follow a gentle Zipf curve."""
    if count == 1:
        return [1.0]
    tail = [1 / (rank + 1) for rank in range(count - 1)]
    tail_sum = sum(tail)
    return [lead_share] + [(1 - lead_share) * weight / tail_sum for weight in tail]
