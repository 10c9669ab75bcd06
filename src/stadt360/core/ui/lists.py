"""Paging of a browse list, as ``core/lists/pagination.html`` and ``count.html`` expect it.

A list page is a plain GET form; with htmx only the results block (``results_id``) is
swapped, so the view renders the template's ``#results`` partial for such requests.
"""

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int) -> dict[str, Any]:
    """``paged`` (the page asked for by ``?page=``) and its elided ``page_range``."""
    paged = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    page_range = paged.paginator.get_elided_page_range(paged.number, on_each_side=1, on_ends=1)
    return {"paged": paged, "page_range": page_range}


def wants_results_only(request: HttpRequest, results_id: str) -> bool:
    """True when htmx asks for the results block alone (django_htmx sets ``request.htmx``)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx and htmx.target == results_id)
