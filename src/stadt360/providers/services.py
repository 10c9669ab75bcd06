"""Writes of providers (organisations). Portal and commands call these."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from stadt360.core import audit
from stadt360.core.data import DATA_DIR
from stadt360.core.data.reference import postcode_centroid, read_json
from stadt360.core.models import Region

from .models import Provider

SLUG_MAX = 200


def create_provider(*, name: str, kind: str, by: Any = None) -> Provider:
    """A new, unverified provider with a unique slug, placed at the region's centre.

    The address is a placeholder until the provider fills in its own in the portal.
    """
    latitude, longitude, postcode, city = region_centre()
    with transaction.atomic():
        provider = Provider(
            name=name.strip(),
            kind=kind,
            slug=unique_slug(name),
            postcode=postcode,
            city=city,
            latitude=latitude,
            longitude=longitude,
        )
        provider.full_clean()
        provider.save()
        audit.record(
            provider,
            "provider.created",
            by=by,
            provider=provider,
            changes=audit.changes_between(
                {}, {"name": provider.name, "kind": kind, "slug": provider.slug}
            ),
        )
    return provider


def unique_slug(name: str) -> str:
    base = slugify(name)[:SLUG_MAX] or "anbieter"
    slug, number = base, 1
    while Provider.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def region_centre() -> tuple[float, float, str, str]:
    """(latitude, longitude, postcode, city) of the configured region's centre."""
    facts = read_json(DATA_DIR / f"{settings.STADT360_REGION}.json")
    region = Region.objects.filter(slug=settings.STADT360_REGION).first()
    latitude, longitude = postcode_centroid(facts["centre_postcode"])
    if region is not None:
        latitude, longitude = region.latitude, region.longitude
    return latitude, longitude, facts["centre_postcode"], facts["name"]
