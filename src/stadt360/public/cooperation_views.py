"""Public pages: the cooperation board (/kooperation/) and a post with its matches."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from stadt360.cooperation.filters import PostFilterSet
from stadt360.cooperation.matching import matches_for
from stadt360.cooperation.models import Post
from stadt360.core.ui.forms import present_filter_form
from stadt360.core.ui.lists import paginate, wants_results_only

PER_PAGE = 20
RESULTS_ID = "post-results"


def board() -> Any:
    return Post.objects.open().select_related("provider", "company")


@require_GET
def post_list(request: HttpRequest) -> HttpResponse:
    filterset = PostFilterSet(request.GET, queryset=board(), request=request)
    present_filter_form(filterset.form)
    queryset = filterset.qs if filterset.is_valid() else board().none()
    context = {
        "form": filterset.form,
        **paginate(request, queryset, PER_PAGE),
        "results_id": RESULTS_ID,
        "list_url": request.path,
    }
    if wants_results_only(request, RESULTS_ID):
        return render(request, "public/cooperation/post_list.html#results", context)
    return render(request, "public/cooperation/post_list.html", context)


@require_GET
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(board(), pk=pk)
    context = {"post": post, "matches": matches_for(post)}
    return render(request, "public/cooperation/post_detail.html", context)
