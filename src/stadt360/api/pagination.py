"""Page-number pagination with a total count and links, for every list endpoint.

A page costs two queries (count + rows); a page past the end costs only the count,
so a huge page number never reaches the database as an offset. The response envelope
(``Page``) is part of every kind's schemas, so it lives in ``stadt360.offers.schemas``.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema

from stadt360.offers.schemas import DEFAULT_PAGE_SIZE

MAX_PAGE_SIZE = 100


class PageParams(Schema):
    page: int = Field(1, ge=1, description="Page number, starting at 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page (1–100)."
    )


def paginate(request: HttpRequest, queryset: QuerySet, params: PageParams) -> dict[str, Any]:
    count = queryset.count()
    offset = (params.page - 1) * params.page_size
    items = list(queryset[offset : offset + params.page_size]) if offset < count else []
    last_page = max(1, -(-count // params.page_size))
    return {
        "count": count,
        "page": params.page,
        "page_size": params.page_size,
        "next": _page_url(request, params.page + 1) if params.page < last_page else None,
        "previous": _page_url(request, min(params.page - 1, last_page))
        if params.page > 1
        else None,
        "items": items,
    }


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
