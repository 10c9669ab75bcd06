"""Admin of the reference data, and the base class of every offer kind's admin."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import District, PostcodeArea, Region


class OfferAdmin(admin.ModelAdmin):
    """Status and owner of an offer change only through the write services.

    Why: those enforce the publish rule (only verified organisations go public), audit the
    change and refresh search and bundles; a plain admin save would do none of that.
    New offers start as drafts; publishing happens in the portal or through the API.
    """

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        locked = ["status", "source", "external_id"]
        if obj is not None:
            locked.append("provider")
        return [*super().get_readonly_fields(request, obj), *locked]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "ags", "population", "latitude", "longitude"]
    search_fields = ["name", "slug", "ags"]


@admin.register(PostcodeArea)
class PostcodeAreaAdmin(admin.ModelAdmin):
    list_display = ["postcode", "label", "region", "latitude", "longitude"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = ["postcode", "label"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "postcode", "region", "position_verified", "latitude", "longitude"]
    list_filter = ["region", "position_verified", "postcode"]
    list_select_related = ["region"]
    search_fields = ["name", "slug", "postcode"]
    prepopulated_fields = {"slug": ["name"]}
