from django.contrib import admin

from stadt360.core.admin import OfferAdmin

from .models import FreePlace, Kita, OpeningHours


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class FreePlaceInline(admin.TabularInline):
    model = FreePlace
    extra = 0


@admin.register(Kita)
class KitaAdmin(OfferAdmin):
    list_display = [
        "name",
        "provider",
        "capacity",
        "age_from_months",
        "age_to_months",
        "monthly_fee",
        "district",
        "status",
        "source",
    ]
    list_filter = ["status", "source", "concept", "inclusive", "district"]
    list_select_related = ["provider", "district"]
    search_fields = ["name", "street", "postcode", "provider__name", "external_id"]
    raw_id_fields = ["provider", "district"]
    inlines = [OpeningHoursInline, FreePlaceInline]
