"""Settings every Leaflet map reads (``core/maps/map.html`` puts them in data attributes)."""

from django.conf import settings


def map_config() -> dict[str, str]:
    return {"tile_url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}
