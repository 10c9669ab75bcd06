from decimal import Decimal

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from stadt360.core.admin import OfferAdmin

from .models import Flat


@admin.register(Flat)
class FlatAdmin(OfferAdmin):
    list_display = [
        "title",
        "provider",
        "rooms",
        "living_space",
        "cold_rent",
        "warm_rent_display",
        "district",
        "status",
        "source",
        "valid_until",
    ]
    list_filter = ["status", "source", "rooms", "district", "balcony", "lift", "wbs_required"]
    list_select_related = ["provider", "district"]
    search_fields = ["title", "street", "postcode", "provider__name", "external_id"]
    raw_id_fields = ["provider", "district"]

    @admin.display(description=_("warm rent (€/month)"))
    def warm_rent_display(self, flat: Flat) -> Decimal:
        return flat.warm_rent
