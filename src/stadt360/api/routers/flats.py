from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from stadt360.housing.filters import FlatFilterSet
from stadt360.housing.models import Flat
from stadt360.housing.selectors import flat_list

from ..errors import NotFoundOut, ValidationErrorOut
from ..filtering import filtered, openapi_parameters
from ..pagination import PageParams, paginate
from ..params import object_id
from ..schemas.flats import FlatDetail, FlatPage

router = Router(tags=["flats"])


@router.get(
    "",
    response={200: FlatPage, 422: ValidationErrorOut},
    url_name="flat-list",
    summary="Published flats",
    openapi_extra=openapi_parameters(FlatFilterSet),
)
def list_flats(request: HttpRequest, paging: Query[PageParams]) -> dict[str, Any]:
    """Filters are those of the flat list page (one FilterSet); newest first."""
    return paginate(request, filtered(FlatFilterSet, request, flat_list()), paging)


@router.get(
    "/{flat_id}",
    response={200: FlatDetail, 404: NotFoundOut, 422: ValidationErrorOut},
    url_name="flat-detail",
    summary="One published flat",
)
def get_flat(request: HttpRequest, flat_id: int = object_id("flat")) -> Flat:
    return get_object_or_404(flat_list(), pk=flat_id)
