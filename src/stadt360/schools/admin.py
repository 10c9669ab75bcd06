from django.contrib import admin

from stadt360.core.admin import OfferAdmin

from .models import School


@admin.register(School)
class SchoolAdmin(OfferAdmin):
    list_display = [
        "name",
        "school_type",
        "grade_from",
        "grade_to",
        "all_day_care",
        "provider",
        "district",
        "status",
        "source",
    ]
    list_filter = ["school_type", "all_day_care", "status", "source", "district"]
    list_select_related = ["provider", "district"]
    search_fields = ["name", "street", "postcode", "provider__name", "external_id"]
    raw_id_fields = ["provider", "district"]
