from django.contrib import admin

from stadt360.core.admin import OfferAdmin

from .models import Job, Occupation


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "level", "parent"]
    list_filter = ["level"]
    list_select_related = ["parent"]
    search_fields = ["code", "title"]
    raw_id_fields = ["parent"]


@admin.register(Job)
class JobAdmin(OfferAdmin):
    list_display = [
        "title",
        "provider",
        "employment_type",
        "weekly_hours",
        "salary_min",
        "salary_max",
        "district",
        "status",
        "source",
        "valid_until",
    ]
    list_filter = ["status", "source", "employment_type", "district", "occupation__level"]
    list_select_related = ["provider", "district"]
    search_fields = [
        "title",
        "provider__name",
        "occupation__code",
        "occupation__title",
        "external_id",
    ]
    raw_id_fields = ["provider", "occupation", "district"]
    date_hierarchy = "valid_until"
