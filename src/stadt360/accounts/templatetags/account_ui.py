"""KERN markup for forms we do not define (allauth's): the widget gets KERN's classes."""

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

from stadt360.core.ui.forms import kern_widget_class

register = template.Library()


@register.filter
def kern_widget(field: BoundField) -> SafeString:
    widget = field.field.widget
    classes = kern_widget_class(widget, bool(field.errors))
    existing = widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": f"{existing} {classes}".strip()})
