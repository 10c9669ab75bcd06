"""Forms of the public site, rendered with KERN UX classes.

``KernForm`` gives every widget KERN's class (and the error variant when the field is
invalid) in one place, so templates stay free of per-field markup decisions. Django
already links hints and errors through ``aria-describedby`` (``<id>_helptext``,
``<id>_error``) and sets ``aria-invalid``; the field template uses those ids.
"""

from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _

from stadt360.offers.registry import registry as offer_kinds


def kern_widget_class(widget: forms.Widget, has_errors: bool) -> str:
    """KERN's base class for a widget type, plus its ``--error`` modifier when invalid."""
    if isinstance(widget, forms.CheckboxInput):
        base = "kern-form-check__checkbox"
    elif isinstance(widget, forms.Select):
        base = "kern-form-input__select"
    else:
        base = "kern-form-input__input"
    return f"{base} {base}--error" if has_errors else base


class KernBoundField(BoundField):
    def build_widget_attrs(
        self, attrs: dict[str, Any], widget: forms.Widget | None = None
    ) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        classes = kern_widget_class(widget or self.field.widget, bool(self.errors))
        attrs["class"] = f"{attrs.get('class', '')} {classes}".strip()
        return attrs


class KernForm(forms.Form):
    bound_field_class = KernBoundField


class BarrierReportForm(KernForm):
    page_url = forms.CharField(
        label=_("Page with the barrier"),
        help_text=_("The address of the page, for example https://gera360.de/datenschutz/"),
        max_length=500,
        error_messages={"required": _("Enter the address of the page with the barrier.")},
    )
    description = forms.CharField(
        label=_("What is the barrier?"),
        help_text=_("Describe what did not work for you and, if you like, which aids you use."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Describe the barrier.")},
    )
    contact_email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Only if you would like an answer."),
        required=False,
        error_messages={"invalid": _("Enter the e-mail address like this: name@example.org")},
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the city of Gera stores my message and, if given, my e-mail "
            "address to remove the barrier and to answer me."
        ),
        error_messages={"required": _("Please agree so that we may store your message.")},
    )


class SearchForm(KernForm):
    q = forms.CharField(label=_("Search term"), max_length=100, required=False)
    kind = forms.ChoiceField(
        label=_("Kind of offer"),
        choices=lambda: [("", _("All kinds")), *((kind.key, kind.plural) for kind in offer_kinds)],
        required=False,
    )
