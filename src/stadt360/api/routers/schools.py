from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from stadt360.schools.filters import SchoolFilterSet
from stadt360.schools.models import School
from stadt360.schools.selectors import school_list

from ..errors import NotFoundOut, ValidationErrorOut
from ..filtering import filtered, openapi_parameters
from ..pagination import PageParams, paginate
from ..params import object_id
from ..schemas.schools import SchoolDetail, SchoolPage

router = Router(tags=["schools"])


@router.get(
    "",
    response={200: SchoolPage, 422: ValidationErrorOut},
    url_name="school-list",
    summary="Published schools",
    openapi_extra=openapi_parameters(SchoolFilterSet),
)
def list_schools(request: HttpRequest, paging: Query[PageParams]) -> dict[str, Any]:
    """Filters are those of the school list page (one FilterSet); by name."""
    return paginate(request, filtered(SchoolFilterSet, request, school_list()), paging)


@router.get(
    "/{school_id}",
    response={200: SchoolDetail, 404: NotFoundOut, 422: ValidationErrorOut},
    url_name="school-detail",
    summary="One published school",
)
def get_school(request: HttpRequest, school_id: int = object_id("school")) -> School:
    return get_object_or_404(school_list(), pk=school_id)
