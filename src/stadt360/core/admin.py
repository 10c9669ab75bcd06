from django.contrib import admin

from .models import District, PostcodeArea, Region


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
