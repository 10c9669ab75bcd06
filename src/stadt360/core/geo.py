"""Points, distances and districts: the geography every offer kind uses.

Distances are great-circle (haversine) distances; at city scale they differ from
road distances, which the mobility app computes. Bounding boxes are derived from a
region's own postcode and district positions, so no city's shape lives in code.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

from .models import District, PostcodeArea, Region

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LATITUDE = 111.195
# How far a region's box reaches beyond its outermost postcode or district position.
REGION_MARGIN_KM = 2.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def offset_point(
    latitude: float, longitude: float, *, north_km: float, east_km: float
) -> tuple[float, float]:
    """The point that lies the given kilometres north and east (flat-earth, fine below ~50 km)."""
    km_per_degree_longitude = KM_PER_DEGREE_LATITUDE * math.cos(math.radians(latitude))
    return (
        latitude + north_km / KM_PER_DEGREE_LATITUDE,
        longitude + east_km / km_per_degree_longitude,
    )


@dataclass(frozen=True, slots=True)
class BoundingBox:
    south: float
    west: float
    north: float
    east: float

    def contains(self, latitude: float, longitude: float) -> bool:
        return self.south <= latitude <= self.north and self.west <= longitude <= self.east

    def clamp(self, latitude: float, longitude: float) -> tuple[float, float]:
        """The nearest point inside the box (the point itself when it is inside)."""
        return (
            min(max(latitude, self.south), self.north),
            min(max(longitude, self.west), self.east),
        )

    def padded(self, margin_km: float) -> "BoundingBox":
        south, west = offset_point(self.south, self.west, north_km=-margin_km, east_km=-margin_km)
        north, east = offset_point(self.north, self.east, north_km=margin_km, east_km=margin_km)
        return BoundingBox(south=south, west=west, north=north, east=east)

    @classmethod
    def around(cls, points: Iterable[tuple[float, float]]) -> "BoundingBox":
        latitudes, longitudes = zip(*points, strict=True)
        return cls(min(latitudes), min(longitudes), max(latitudes), max(longitudes))


def bounding_box_for(region: Region, *, margin_km: float = REGION_MARGIN_KM) -> BoundingBox:
    """The region's box: its postcode centroids and district positions plus a margin.

    Without an official boundary file this is the honest approximation: every place
    the platform knows in the region lies inside, with ``margin_km`` to spare.
    """
    points = [(region.latitude, region.longitude)]
    points += PostcodeArea.objects.filter(region=region).values_list("latitude", "longitude")
    points += District.objects.filter(region=region).values_list("latitude", "longitude")
    return BoundingBox.around(points).padded(margin_km)


def district_for_postcode(postcode: str, *, region: Region | None = None) -> District | None:
    """The main district of a postcode: the one nearest its centroid, else the first loaded.

    Several Ortsteile share a postcode; the reference data lists each postcode's main
    Ortsteil first, so ties (all placed at the same centroid) go to it.
    """
    districts = District.objects.filter(postcode=postcode).order_by("pk")
    if region is not None:
        districts = districts.filter(region=region)
    area = PostcodeArea.objects.filter(postcode=postcode).first()
    if area is None:
        return districts.first()
    return min(
        districts,
        key=lambda d: haversine_km(area.latitude, area.longitude, d.latitude, d.longitude),
        default=None,
    )
