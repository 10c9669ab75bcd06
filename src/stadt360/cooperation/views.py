"""Public pages: the cooperation board (/kooperation/) and a post with its matches."""

from types import SimpleNamespace
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from stadt360.public.offer_views import present_filter_form

from .filters import PostFilterSet
from .matching import matches_for
from .models import Post

PER_PAGE = 20
RESULTS_ID = "post-results"


def board() -> Any:
    return Post.objects.open().select_related("provider", "company")


@require_GET
def post_list(request: HttpRequest) -> HttpResponse:
    filterset = PostFilterSet(request.GET, queryset=board(), request=request)
    present_filter_form(filterset.form, SimpleNamespace(hints={}))  # type: ignore[arg-type]
    queryset = filterset.qs if filterset.is_valid() else board().none()
    paged = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": filterset.form,
        "paged": paged,
        "page_range": paged.paginator.get_elided_page_range(
            paged.number, on_each_side=1, on_ends=1
        ),
        "results_id": RESULTS_ID,
        "list_url": request.path,
    }
    htmx = getattr(request, "htmx", None)
    if htmx and htmx.target == RESULTS_ID:
        return render(request, "cooperation/post_list.html#results", context)
    return render(request, "cooperation/post_list.html", context)


@require_GET
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(board(), pk=pk)
    context = {"post": post, "matches": matches_for(post)}
    return render(request, "cooperation/post_detail.html", context)
