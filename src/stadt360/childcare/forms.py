"""The Kita's portal form (the offer-kind registry hands it to the portal).

Its opening hours and free places are formsets of the portal (``portal/forms.py``).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from stadt360.offers.forms import ADDRESS_FIELDS, ADDRESS_HINTS, DATE, OfferForm

from .models import Kita


class KitaForm(OfferForm):
    class Meta:
        model = Kita
        fields = [
            "name",
            "capacity",
            "age_from_months",
            "age_to_months",
            "concept",
            "inclusive",
            "monthly_fee",
            "description",
            *ADDRESS_FIELDS,
            "valid_until",
        ]
        widgets = {"valid_until": DATE, "description": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            **ADDRESS_HINTS,
            "age_to_months": _("For example 78 for children until school age."),
        }
