"""Bridge from the domain FilterSets to the API: validation and OpenAPI parameters.

The FilterSet stays the one source of truth: the API binds it to the raw query string
exactly as the HTML list page does, turns its form errors into 422, and describes its
fields in the OpenAPI document instead of declaring them a second time in pydantic.
"""

import re
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_filters import FilterSet

from .errors import query_form_errors


def filtered[Q: QuerySet](filterset_class: type[FilterSet], request: HttpRequest, queryset: Q) -> Q:
    """The queryset narrowed by the query string; invalid values raise a 422."""
    filterset = filterset_class(request.GET, queryset=queryset, request=request)
    form = filterset.form
    form.full_clean()
    flag_unreadable_booleans(form)
    if form.errors:
        raise query_form_errors(form)
    return filterset.qs


def flag_unreadable_booleans(form: forms.Form) -> None:
    """Mark ``?lift=maybe`` as an error: the boolean widget reads it as "not given", which
    suits a select box in a page, but an API caller must learn the filter was not applied."""
    for name, field in form.fields.items():
        raw = form.data.get(name, "")
        if (
            isinstance(field, forms.NullBooleanField)
            and raw
            and form.cleaned_data.get(name) is None
        ):
            form.add_error(name, forms.ValidationError(_("Enter true or false."), "invalid"))


def openapi_parameters(filterset_class: type[FilterSet]) -> dict[str, Any]:
    """``openapi_extra`` for an operation: one query parameter per filter."""
    form = filterset_class().form
    return {
        "parameters": [
            {
                "in": "query",
                "name": name,
                "required": False,
                "description": field.help_text or field.label,
                "schema": _field_schema(field),
            }
            for name, field in form.fields.items()
        ]
    }


def _field_schema(field: forms.Field) -> dict[str, Any]:
    schema = _type_schema(field)
    for attr, key in (("min_value", "minimum"), ("max_value", "maximum")):
        if getattr(field, attr, None) is not None:
            schema[key] = getattr(field, attr)
    if max_length := getattr(field, "max_length", None):
        schema["maxLength"] = max_length
    for validator in field.validators:
        if isinstance(validator, RegexValidator):
            # JSON Schema patterns are ECMA regexes, which know $ but not \\A/\\Z.
            schema["pattern"] = (
                re.compile(validator.regex).pattern.replace(r"\A", "^").replace(r"\Z", "$")
            )
    return schema


def _type_schema(field: forms.Field) -> dict[str, Any]:
    match field:
        case forms.NullBooleanField() | forms.BooleanField():
            return {"type": "boolean"}
        # DecimalField and FloatField subclass IntegerField: test them first.
        case forms.DecimalField(decimal_places=0):
            return {"type": "integer"}
        case forms.DecimalField() | forms.FloatField():
            return {"type": "number"}
        case forms.IntegerField():
            return {"type": "integer"}
        case forms.DateField():
            return {"type": "string", "format": "date"}
        case forms.TimeField():
            return {"type": "string", "format": "time", "examples": ["07:30"]}
        case forms.ChoiceField():
            choices = getattr(field, "choices", ())
            return {"type": "string", "enum": [value for value, _label in choices if value]}
        case _:
            return {"type": "string"}
