"""The job's portal form (the offer-kind registry hands it to the portal)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stadt360.core.ui.richtext import clean_html
from stadt360.offers.forms import ADDRESS_FIELDS, ADDRESS_HINTS, DATE, TIME, OfferForm

from .models import Job


class JobForm(OfferForm):
    class Meta:
        model = Job
        fields = [
            "title",
            "employment_type",
            "weekly_hours",
            "description",
            "requirements",
            "salary_min",
            "salary_max",
            "shift_start",
            "shift_end",
            "start_date",
            "remote_share",
            *ADDRESS_FIELDS,
            "valid_until",
        ]
        widgets = {
            "start_date": DATE,
            "valid_until": DATE,
            "shift_start": TIME,
            "shift_end": TIME,
            "description": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            **ADDRESS_HINTS,
            "weekly_hours": _("For example 38.5."),
            "salary_min": _("Gross per month in euros; shown to applicants."),
        }

    def clean_requirements(self) -> str:
        return clean_html(self.cleaned_data.get("requirements", ""))
