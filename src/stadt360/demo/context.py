"""What every demo builder needs: the profile, a seeded random source, places and dates."""

import datetime
import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

from stadt360.core.geo import BoundingBox, bounding_box_for, offset_point
from stadt360.core.models import District, Region

PROFILE_FILES = {"gera": Path(__file__).parent / "data" / "gera_demo.json"}
DEMO_SUFFIX = " (Demo)"


def load_profile(slug: str) -> dict[str, Any]:
    with PROFILE_FILES[slug].open(encoding="utf-8") as handle:
        return json.load(handle)


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` by ``weights`` exactly (largest remainder): proportions hold at any scale."""
    weight_sum = sum(weights)
    quotas = [total * weight / weight_sum for weight in weights]
    counts = [int(quota) for quota in quotas]
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - quotas[i], i))
    for index in by_remainder[: total - sum(counts)]:
        counts[index] += 1
    return counts


def scaled(count: int, scale: float, *, minimum: int = 1) -> int:
    return max(minimum, round(count * scale))


def money(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Place:
    street: str
    postcode: str
    district: District
    latitude: float
    longitude: float

    @classmethod
    def of(cls, located: Any) -> "Place":
        """The place of a saved provider or offer (anything with address fields)."""
        return cls(
            street=located.street,
            postcode=located.postcode,
            district=located.district,
            latitude=located.latitude,
            longitude=located.longitude,
        )

    def address_fields(self) -> dict[str, Any]:
        return {
            "street": self.street,
            "postcode": self.postcode,
            "city": "Gera",
            "district": self.district,
            "latitude": self.latitude,
            "longitude": self.longitude,
        }


class DemoContext:
    """One generation run: a profile, a region and one seeded random source per offer kind."""

    def __init__(
        self,
        *,
        region: Region,
        profile: dict[str, Any],
        seed: int,
        scale: float,
        today: datetime.date,
    ):
        self.region, self.profile, self.seed, self.scale, self.today = (
            region,
            profile,
            seed,
            scale,
            today,
        )
        self.districts = {
            d.slug: d for d in region.districts.order_by("pk") if d.slug in profile["districts"]
        }

    def rng(self, purpose: str) -> random.Random:
        """An independent stream per purpose: changing the job profile leaves flats unchanged."""
        return random.Random(f"stadt360-demo:{self.seed}:{purpose}")

    def count(self, kind: str) -> int:
        return scaled(self.profile["counts"][kind], self.scale)

    @cached_property
    def bounding_box(self) -> BoundingBox:
        return bounding_box_for(self.region)

    def pick_district(self, rng: random.Random, weight_key: str) -> District:
        slugs = list(self.districts)
        weights = [self.profile["districts"][slug][weight_key] for slug in slugs]
        return self.districts[rng.choices(slugs, weights=weights)[0]]

    def place_in(self, rng: random.Random, district: District) -> Place:
        """A point at most ``spread_km`` from the district's position, clamped into the region."""
        distance = self.profile["spread_km"] * rng.random() ** 0.5
        bearing = rng.uniform(0, math.tau)
        latitude, longitude = offset_point(
            district.latitude,
            district.longitude,
            north_km=distance * math.cos(bearing),
            east_km=distance * math.sin(bearing),
        )
        latitude, longitude = self.bounding_box.clamp(latitude, longitude)
        streets = self.profile["streets"][district.postcode]
        number = f"{rng.randint(1, 120)}{rng.choice('abc') if rng.random() < 0.08 else ''}"
        return Place(
            street=f"{rng.choice(streets)} {number}",
            postcode=district.postcode,
            district=district,
            latitude=round(latitude, 6),
            longitude=round(longitude, 6),
        )

    def date_ahead(
        self, rng: random.Random, low_days: int, high_days: int, *, first_of_month: bool = False
    ) -> datetime.date:
        day = self.today + datetime.timedelta(days=rng.randint(low_days, high_days))
        if first_of_month and day.day != 1:
            day = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        return day

    def fill_name(self, rng: random.Random, pattern: str) -> str:
        surnames, places = self.profile["surnames"], self.profile["places"]
        first, second = rng.sample(surnames, 2)
        return pattern.format(surname=first, surname2=second, place=rng.choice(places))
