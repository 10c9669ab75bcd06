"""The error contract, checked on an API of its own so it does not depend on any endpoint."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext
from ninja import NinjaAPI
from ninja.testing import TestClient

from stadt360.api.errors import register_error_handlers


@pytest.fixture
def client_for_errors() -> TestClient:
    api = NinjaAPI(urls_namespace="test-errors")
    register_error_handlers(api)

    @api.get("/field-error")
    def field_error(request):
        raise ValidationError({"rooms": ["Too many rooms."], "__all__": ["Inconsistent."]})

    @api.get("/plain-error")
    def plain_error(request):
        raise ValidationError("Not possible %(when)s.", code="too_late", params={"when": "today"})

    @api.get("/missing")
    def missing(request):
        raise Http404("no such offer")

    @api.get("/count/{number}")
    def count(request, number: int):
        return {"number": number}

    return TestClient(api)


def test_django_validation_error_with_fields_is_422(client_for_errors):
    response = client_for_errors.get("/field-error")

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"loc": ["rooms"], "msg": "Too many rooms.", "type": "invalid"},
            {"loc": [], "msg": "Inconsistent.", "type": "invalid"},
        ]
    }


def test_django_validation_error_without_fields_keeps_code_and_params(client_for_errors):
    response = client_for_errors.get("/plain-error")

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": [], "msg": "Not possible today.", "type": "too_late"}
    ]


def test_parameter_errors_use_the_same_shape(client_for_errors):
    detail = client_for_errors.get("/count/many").json()["detail"]

    assert detail[0]["loc"] == ["path", "number"]
    assert detail[0]["type"] == "int_parsing"
    assert detail[0]["msg"]


def test_not_found_is_a_json_404_that_leaks_no_internals(client_for_errors):
    response = client_for_errors.get("/missing")

    assert response.status_code == 404
    assert response.json() == {"detail": gettext("Not found.")}
