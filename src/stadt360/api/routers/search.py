"""Full-text search over every indexed kind, with facets and "did you mean"; suggestions."""

from typing import Any

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router

from stadt360.search.registry import registry
from stadt360.search.selectors import search, suggest

from ..errors import ValidationErrorOut
from ..schemas.search import SearchOut, SearchParams, SuggestOut, SuggestParams

router = Router(tags=["search"])
MAX_FACET_VALUE = 60


@router.get(
    "",
    response={200: SearchOut, 422: ValidationErrorOut},
    url_name="search",
    summary="Search all offers",
    description="Per-kind facets filter by their name as a parameter, e.g. "
    "`employment_type=part_time`, `rooms=2`, `school_type=gymnasium`.",
)
def search_offers(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    filters = {"district": params.district or ""} | _facet_filters(request)
    results = search(
        query=params.q,
        kinds=params.kind,
        filters=filters,
        page=params.page,
        per_page=params.per_page,
        language=translation.get_language() or "de",
    )
    return results.__dict__


@router.get(
    "/suggest", response={200: SuggestOut, 422: ValidationErrorOut}, url_name="search-suggest"
)
def suggest_words(request: HttpRequest, params: Query[SuggestParams]) -> dict[str, list[str]]:
    return {"suggestions": suggest(prefix=params.q, limit=params.limit)}


def _facet_filters(request: HttpRequest) -> dict[str, str]:
    names = {facet.name for kind in registry for facet in kind.facets}
    return {name: request.GET[name][:MAX_FACET_VALUE] for name in names if request.GET.get(name)}
