"""The read API of every registered offer kind: one router per kind, built from the registry.

``GET /api/v1/<path>`` lists published offers filtered by the kind's FilterSet (the same
one the HTML list uses), ``GET /api/v1/<path>/{id}`` returns one. Operation ids, URL names
and response schemas are those the four hand-written routers had, so clients keep working.
"""

import inspect
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from stadt360.offers.registry import OfferKind, registry

from ..errors import NotFoundOut, ValidationErrorOut
from ..filtering import filtered, openapi_parameters
from ..pagination import PageParams, paginate
from ..params import object_id


def offer_router(kind: OfferKind) -> Router:
    """The list and detail endpoints of one kind."""
    router = Router(tags=[kind.path])
    operation = f"stadt360_api_routers_{kind.path}"

    def list_offers(request: HttpRequest, paging: Query[PageParams]) -> dict[str, Any]:
        return paginate(request, filtered(kind.filterset, request, kind.selector()), paging)

    id_name = f"{kind.key}_id"  # the path parameter keeps its name ("job_id") in the schema

    def get_offer(request: HttpRequest, **path: int) -> Any:
        return get_object_or_404(kind.selector(), pk=path[id_name])

    get_offer.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD),
            inspect.Parameter(
                id_name,
                inspect.Parameter.KEYWORD_ONLY,
                default=object_id(kind.api_label),
                annotation=int,
            ),
        ]
    )

    list_offers.__doc__ = (
        f"Filters are those of the {kind.api_label} list page (one FilterSet)."
        + (f" Each item carries its {' and '.join(kind.nested)}." if kind.nested else "")
    ).replace("_", " ")
    router.get(
        "",
        response={200: kind.page_schema, 422: ValidationErrorOut},
        url_name=f"{kind.key}-list",
        operation_id=f"{operation}_list_{kind.path}",
        summary=f"Published {kind.api_label}s",
        openapi_extra=openapi_parameters(kind.filterset),
    )(list_offers)
    router.get(
        f"/{{{id_name}}}",
        response={200: kind.detail_schema, 404: NotFoundOut, 422: ValidationErrorOut},
        url_name=f"{kind.key}-detail",
        operation_id=f"{operation}_get_{kind.key}",
        summary=f"One published {kind.api_label}",
    )(get_offer)
    return router


def add_offer_routers(api: Any) -> None:
    """Mounts one router per registered kind under ``/<path>``."""
    for kind in registry:
        api.add_router(f"/{kind.path}", offer_router(kind))
