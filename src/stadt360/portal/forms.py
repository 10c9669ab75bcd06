"""Portal forms in KERN markup. Forms validate input; the services do the writing.

The offer forms live in their kinds' apps (``JobForm`` in ``stadt360.jobs.forms``, …, on
``stadt360.offers.forms.OfferForm``); here are the portal's own: the Kita's formsets,
images, organisation, members.
"""

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from stadt360.childcare.models import Kita, Weekday
from stadt360.core.ui.forms import KernForm
from stadt360.offers.forms import DATE, TIME, check_postcode
from stadt360.providers.models import MemberRole, ProviderKind


class OpeningHoursForm(KernForm):
    """One weekday; leave both times empty when the Kita is closed that day."""

    weekday = forms.TypedChoiceField(choices=Weekday.choices, coerce=int, widget=forms.HiddenInput)
    opens = forms.TimeField(label=_("Opens"), required=False, widget=TIME)
    closes = forms.TimeField(label=_("Closes"), required=False, widget=TIME)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens"), data.get("closes")
        if bool(opens) != bool(closes):
            raise ValidationError(_("Give both times, or none when the Kita is closed that day."))
        if opens and closes and opens >= closes:
            self.add_error("closes", _("Closing time must be after opening time."))
        return data

    @property
    def weekday_label(self) -> str:
        value = self.initial.get("weekday", self.data.get(self.add_prefix("weekday")))
        return str(Weekday(int(value)).label)


OpeningHoursFormSet = formset_factory(OpeningHoursForm, extra=0, max_num=7, absolute_max=7)


class FreePlaceForm(KernForm):
    min_age_months = forms.IntegerField(label=_("From age (months)"), min_value=0, max_value=180)
    max_age_months = forms.IntegerField(label=_("Below age (months)"), min_value=1, max_value=180)
    available_from = forms.DateField(label=_("Free from"), widget=DATE)
    count = forms.IntegerField(label=_("Number of places"), min_value=1, max_value=500)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("min_age_months"), data.get("max_age_months")
        if low is not None and high is not None and low >= high:
            self.add_error("max_age_months", _("Must be greater than the lower age."))
        return data


FreePlaceFormSet = formset_factory(
    FreePlaceForm, extra=2, can_delete=True, max_num=24, absolute_max=24
)


def opening_hours_initial(kita: Kita | None) -> list[dict[str, Any]]:
    rows = {row.weekday: row for row in (kita.opening_hours.all() if kita else [])}
    return [
        {
            "weekday": day.value,
            "opens": getattr(rows.get(day.value), "opens", None),
            "closes": getattr(rows.get(day.value), "closes", None),
        }
        for day in Weekday
    ]


def free_places_initial(kita: Kita | None) -> list[dict[str, Any]]:
    if kita is None:
        return []
    fields = ("min_age_months", "max_age_months", "available_from", "count")
    return [{name: getattr(row, name) for name in fields} for row in kita.free_places.all()]


def opening_hours_data(formset: Any) -> list[dict[str, Any]]:
    return [
        {
            "weekday": form.cleaned_data["weekday"],
            "opens": form.cleaned_data["opens"],
            "closes": form.cleaned_data["closes"],
        }
        for form in formset.forms
        if form.cleaned_data.get("opens")
    ]


def free_places_data(formset: Any) -> list[dict[str, Any]]:
    return [
        {key: value for key, value in form.cleaned_data.items() if key != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class OfferImageForm(KernForm):
    image = forms.ImageField(
        label=_("Image"),
        help_text=_("JPEG, PNG or WebP, at most 5 MB. Location data in the file is removed."),
    )
    alt_text = forms.CharField(
        label=_("Text alternative"),
        max_length=300,
        help_text=_(
            "Describe what the picture shows for people who cannot see it, e.g. “Kitchen with window to the garden”."
        ),
    )


class ProviderRegistrationForm(KernForm):
    name = forms.CharField(label=_("Name of the organisation"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=ProviderKind.choices)
    street = forms.CharField(label=_("Street and number"), max_length=200)
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=5,
        min_length=5,
        help_text=_("Five digits, for example 07545."),
    )
    city = forms.CharField(label=_("City"), max_length=120, initial="Gera")
    email = forms.EmailField(
        label=_("Contact e-mail"), help_text=_("Shown with your offers; people ask questions here.")
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].strip()
        check_postcode(postcode)
        return postcode


class ProviderContactForm(ProviderRegistrationForm):
    """The admin's later edits: contact and address (name and kind are what the city verified)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["name"], self.fields["kind"]


class InvitationForm(KernForm):
    email = forms.EmailField(
        label=_("E-mail address"), help_text=_("The person receives a link valid for 7 days.")
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=MemberRole.choices,
        initial=MemberRole.EDITOR,
        help_text=_(
            "Editors manage offers; administrators also manage members and see the audit log."
        ),
    )


class ProviderSwitchForm(KernForm):
    provider = forms.TypedChoiceField(label=_("Organisation"), coerce=int)

    def __init__(self, *args: Any, providers: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["provider"])  # declared above
        field.choices = [(p.pk, p.name) for p in providers]
