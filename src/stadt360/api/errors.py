"""One error contract for the whole API.

Every validation problem – a pydantic parameter, a FilterSet field, a Django
``ValidationError`` raised by a service – answers 422 with
``{"detail": [{"loc": [...], "msg": ..., "type": ...}]}``, so clients parse one shape.
"""

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import ValidationError

from stadt360.core.publishing import UnverifiedProvider

ErrorItem = dict[str, Any]


class ErrorDetail(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(Schema):
    detail: list[ErrorDetail]


class NotFoundOut(Schema):
    detail: str


def error_items(exc: DjangoValidationError, location: list[str]) -> list[ErrorItem]:
    """Flatten a Django ValidationError (with or without fields) into the contract's items."""
    if not hasattr(exc, "error_dict"):
        return [_item(location, error) for error in exc.error_list]
    return [
        _item(location if field == NON_FIELD_ERRORS else [*location, field], error)
        for field, errors in exc.error_dict.items()
        for error in errors
    ]


def _item(loc: list[str], error: DjangoValidationError) -> ErrorItem:
    message = error.message % error.params if error.params else error.message
    return {"loc": loc, "msg": str(message), "type": error.code or "invalid"}


def query_form_errors(form: forms.Form) -> ValidationError:
    """The 422 for a filter form bound to the query string."""
    exc = DjangoValidationError(form.errors.as_data())
    return ValidationError(error_items(exc, ["query"]))


def register_error_handlers(api: NinjaAPI) -> None:
    # ninja's stubs type a handler's argument as the class or an instance; it is an instance.
    def django_validation_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"detail": error_items(exc, [])}, status=422)

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    def unverified(request: HttpRequest, exc: Any) -> HttpResponse:
        # The write services refuse it; the API says so as a 403 with the service's words.
        return api.create_response(request, {"detail": exc.message}, status=403)

    def too_big(request: HttpRequest, exc: Any) -> HttpResponse:
        # Django's own answer would be an HTML 400 page; API clients parse JSON.
        detail = _("The request body is too large.")
        return api.create_response(request, {"detail": detail}, status=413)

    api.add_exception_handler(DjangoValidationError, django_validation_error)
    api.add_exception_handler(RequestDataTooBig, too_big)
    api.add_exception_handler(UnverifiedProvider, unverified)
    api.add_exception_handler(Http404, not_found)
