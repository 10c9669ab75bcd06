"""The school's portal form (the offer-kind registry hands it to the portal)."""

from django import forms

from stadt360.offers.forms import ADDRESS_FIELDS, ADDRESS_HINTS, DATE, OfferForm

from .models import School


class SchoolForm(OfferForm):
    class Meta:
        model = School
        fields = [
            "name",
            "school_type",
            "grade_from",
            "grade_to",
            "all_day_care",
            "description",
            *ADDRESS_FIELDS,
            "valid_until",
        ]
        widgets = {"valid_until": DATE, "description": forms.Textarea(attrs={"rows": 8})}
        help_texts = ADDRESS_HINTS
