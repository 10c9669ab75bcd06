from django import forms
from django.utils.translation import gettext_lazy as _

from stadt360.core.ui.forms import KernForm
from stadt360.public.models import BarrierStatus


class BarrierFilterForm(KernForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All open")), *BarrierStatus.choices], required=False
    )


class BarrierStatusForm(KernForm):
    status = forms.ChoiceField(label=_("New status"), choices=BarrierStatus.choices)
