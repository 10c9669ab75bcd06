"""Geo helpers: distances, boxes, and which district a point or postcode belongs to."""

import pytest

from stadt360.core.geo import (
    BoundingBox,
    bounding_box_for,
    district_for_postcode,
    haversine_km,
    offset_point,
)
from stadt360.core.models import District, PostcodeArea, Region


def test_haversine_matches_known_distances() -> None:
    assert haversine_km(50.0, 12.0, 50.0, 12.0) == 0
    assert haversine_km(50.0, 12.0, 51.0, 12.0) == pytest.approx(111.19, abs=0.01)
    # Gera Hbf area to Jena centre: about 35 km as the crow flies.
    assert haversine_km(50.8842, 12.0791, 50.9271, 11.5892) == pytest.approx(34.8, abs=0.5)
    assert haversine_km(50.88, 12.08, 50.92, 12.13) == haversine_km(50.92, 12.13, 50.88, 12.08)


def test_offset_point_moves_the_requested_distance() -> None:
    latitude, longitude = offset_point(50.88, 12.08, north_km=0.6, east_km=0.8)
    assert haversine_km(50.88, 12.08, latitude, longitude) == pytest.approx(1.0, abs=0.005)


def test_bounding_box_contains_clamps_and_pads() -> None:
    box = BoundingBox(south=50.8, west=12.0, north=50.9, east=12.1)
    assert box.contains(50.85, 12.05)
    assert not box.contains(50.95, 12.05)
    assert box.clamp(50.95, 11.9) == (50.9, 12.0)
    assert box.clamp(50.85, 12.05) == (50.85, 12.05)
    padded = box.padded(1.0)
    assert haversine_km(box.north, 12.05, padded.north, 12.05) == pytest.approx(1.0, abs=0.01)
    assert padded.contains(50.905, 12.105)


def test_region_box_holds_every_postcode_and_district_with_a_margin(gera: Region) -> None:
    box = bounding_box_for(gera)
    for latitude, longitude in PostcodeArea.objects.values_list("latitude", "longitude"):
        assert box.contains(latitude, longitude)
    assert box.north - PostcodeArea.objects.order_by("-latitude").first().latitude == pytest.approx(
        0.018, abs=0.001
    )
    # Leipzig and Jena are outside Gera's box.
    assert not box.contains(51.34, 12.37)
    assert not box.contains(50.93, 11.59)


def test_district_for_postcode_returns_the_main_ortsteil(gera: Region) -> None:
    assert district_for_postcode("07545", region=gera).name == "Innenstadt"
    assert district_for_postcode("07551").name == "Lusan"
    assert district_for_postcode("07552").name == "Bieblach"
    assert district_for_postcode("99999") is None


def test_district_for_postcode_prefers_the_one_nearest_the_centroid(gera: Region) -> None:
    District.objects.filter(slug="innenstadt").update(latitude=50.86, position_verified=True)

    assert district_for_postcode("07545").name == "Gera-Ost"
