"""The KERN form kit: every widget gets KERN UX's classes, filter forms get human widgets.

``KernForm`` gives every widget KERN's class (and the error variant when the field is
invalid) in one place, so templates stay free of per-field markup decisions. Django
already links hints and errors through ``aria-describedby`` (``<id>_helptext``,
``<id>_error``) and sets ``aria-invalid``; ``core/forms/field.html`` uses those ids.
"""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.conf import settings
from django.forms.boundfield import BoundField
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from stadt360.core.models import District


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


# --- Filter forms -----------------------------------------------------------------------


def district_choices() -> list[tuple[str, str]]:
    districts = District.objects.filter(region__slug=settings.STADT360_REGION).order_by("name")
    return [("", gettext("All districts")), *districts.values_list("slug", "name")]


BOOLEAN_CHOICES = (("", _("No preference")), ("true", _("Yes")), ("false", _("No")))


def present_filter_form(
    form: forms.Form, hints: Mapping[str, Promise | None] | None = None
) -> None:
    """Human widgets for an API FilterSet's form: date pickers, district names, plain hints.

    ``hints`` replaces a field's help text (``None`` removes it).
    """
    form.bound_field_class = KernBoundField
    hints = hints or {}
    for name, form_field in form.fields.items():
        widget = form_field.widget
        if name == "district":
            form_field.widget = forms.Select(choices=district_choices())
        elif isinstance(widget, BooleanWidget | forms.NullBooleanSelect):
            form_field.widget = forms.Select(choices=BOOLEAN_CHOICES)
        elif isinstance(widget, forms.DateInput):
            form_field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        elif isinstance(widget, forms.TimeInput):
            form_field.widget = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
        elif isinstance(form_field, forms.ChoiceField):
            choices: list[Any] = list(form_field.choices)  # type: ignore[arg-type]
            options = [choice for choice in choices if choice[0] != ""]
            form_field.widget.choices = [("", gettext("All")), *options]
        if name in hints:
            form_field.help_text = str(hints[name] or "")
