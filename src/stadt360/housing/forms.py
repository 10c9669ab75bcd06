"""The flat's portal form (the offer-kind registry hands it to the portal)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stadt360.offers.forms import ADDRESS_FIELDS, ADDRESS_HINTS, DATE, OfferForm

from .models import Flat


class FlatForm(OfferForm):
    class Meta:
        model = Flat
        fields = [
            "title",
            "rooms",
            "living_space",
            "cold_rent",
            "service_costs",
            "heating_costs",
            "deposit",
            "available_from",
            "floor",
            "lift",
            "balcony",
            "step_free",
            "pets",
            "wbs_required",
            "description",
            *ADDRESS_FIELDS,
            "valid_until",
        ]
        widgets = {
            "available_from": DATE,
            "valid_until": DATE,
            "description": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            **ADDRESS_HINTS,
            "rooms": _("Half rooms count as 0.5, for example 2.5."),
            "floor": _("0 is the ground floor."),
        }
