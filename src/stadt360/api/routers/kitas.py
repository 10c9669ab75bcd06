from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from stadt360.childcare.filters import KitaFilterSet
from stadt360.childcare.models import Kita
from stadt360.childcare.selectors import kita_list

from ..errors import NotFoundOut, ValidationErrorOut
from ..filtering import filtered, openapi_parameters
from ..pagination import PageParams, paginate
from ..params import object_id
from ..schemas.kitas import KitaDetail, KitaPage

router = Router(tags=["kitas"])


@router.get(
    "",
    response={200: KitaPage, 422: ValidationErrorOut},
    url_name="kita-list",
    summary="Published Kitas",
    openapi_extra=openapi_parameters(KitaFilterSet),
)
def list_kitas(request: HttpRequest, paging: Query[PageParams]) -> dict[str, Any]:
    """Filters are those of the Kita list page (one FilterSet); by name.

    Each item carries its opening hours and free places.
    """
    return paginate(request, filtered(KitaFilterSet, request, kita_list()), paging)


@router.get(
    "/{kita_id}",
    response={200: KitaDetail, 404: NotFoundOut, 422: ValidationErrorOut},
    url_name="kita-detail",
    summary="One published Kita",
)
def get_kita(request: HttpRequest, kita_id: int = object_id("Kita")) -> Kita:
    return get_object_or_404(kita_list(), pk=kita_id)
