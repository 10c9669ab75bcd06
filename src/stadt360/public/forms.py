"""Forms of the public site, rendered with KERN UX classes (``stadt360.core.ui.forms``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stadt360.core.ui.forms import KernForm
from stadt360.offers.registry import registry as offer_kinds


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
