"""Portal pages of the cooperation board: own posts, matches, sending and answering interests.

Included by the lead under ``/portal/kooperation/`` (namespace ``cooperation_portal``).
Every object is loaded through a queryset scoped to the current organisation, so another
organisation's post or received interest is a 404.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stadt360.companies.models import Company
from stadt360.cooperation import services
from stadt360.cooperation.choices import PostStatus
from stadt360.cooperation.matching import Match, matches_for
from stadt360.cooperation.models import Interest, InterestRecipient, Post
from stadt360.core.publishing import NOT_VERIFIED, UnverifiedProvider
from stadt360.providers.models import Provider

from ..access import current_provider, portal_view, require
from ..cooperation_forms import AnswerForm, InterestForm, PostForm

FORM_FIELDS = tuple(PostForm.base_fields)


def my_post(request: HttpRequest, pk: int) -> tuple[Provider, Post]:
    provider = current_provider(request)
    post = get_object_or_404(Post.objects.for_provider(provider).select_related("provider"), pk=pk)
    require(request.user, "cooperation.change_post", post)
    return provider, post


@require_GET
@portal_view
def post_list(request: HttpRequest) -> HttpResponse:
    provider = current_provider(request)
    posts = Post.objects.for_provider(provider)
    return render(
        request, "portal/cooperation/post_list.html", {"provider": provider, "posts": posts}
    )


@require_http_methods(["GET", "POST"])
@portal_view
def post_create(request: HttpRequest) -> HttpResponse:
    provider = current_provider(request)
    require(request.user, "cooperation.add_post", provider)
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.create_post(provider=provider, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if post.status == PostStatus.DRAFT:  # the service's publish rule
                messages.warning(request, _("The post was saved as a draft.") + " " + NOT_VERIFIED)
                return redirect("cooperation_portal:post-list")
            messages.success(
                request, _("The post is on the board. Here are possible counterparts.")
            )
            return redirect("cooperation_portal:post-matches", pk=post.pk)
    return render(
        request, "portal/cooperation/post_form.html", {"provider": provider, "form": form}
    )


@require_http_methods(["GET", "POST"])
@portal_view
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    provider, post = my_post(request, pk)
    form = PostForm(
        request.POST or None, initial={name: getattr(post, name) for name in FORM_FIELDS}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_post(post=post, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The post was saved."))
            return redirect("cooperation_portal:post-list")
    context = {"provider": provider, "form": form, "post": post}
    return render(request, "portal/cooperation/post_form.html", context)


@require_POST
@portal_view
def post_publish(request: HttpRequest, pk: int) -> HttpResponse:
    _provider, post = my_post(request, pk)
    try:
        services.publish_post(post=post, by=request.user)
    except UnverifiedProvider as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The post is on the board."))
    return redirect("cooperation_portal:post-list")


@require_POST
@portal_view
def post_close(request: HttpRequest, pk: int) -> HttpResponse:
    _provider, post = my_post(request, pk)
    services.close_post(post=post, by=request.user)
    messages.success(request, _("The post was closed and left the board."))
    return redirect("cooperation_portal:post-list")


def match_choices(matches: list[Match]) -> list[tuple[str, str]]:
    return [(match.key, str(match.target)) for match in matches]


@require_http_methods(["GET", "POST"])
@portal_view
def post_matches(request: HttpRequest, pk: int) -> HttpResponse:
    """Counterparts of my post; choose several and send them one message at once."""
    provider, post = my_post(request, pk)
    matches = matches_for(post)
    form = InterestForm(request.POST or None, choices=match_choices(matches))
    if request.method == "POST" and form.is_valid():
        require(request.user, "cooperation.send_interest", provider)
        chosen = [m for m in matches if m.key in form.cleaned_data["targets"]]
        try:
            services.send_interest(
                sender=provider,
                message=form.cleaned_data["message"],
                by=request.user,
                about=post,
                posts=[m.target for m in chosen if isinstance(m.target, Post)],
                companies=[m.target for m in chosen if isinstance(m.target, Company)],
            )
        except UnverifiedProvider as refused:
            form.add_error(None, refused.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Your message was sent to %(n)d recipients.") % {"n": len(chosen)}
            )
            return redirect("cooperation_portal:outbox")
    context = {"provider": provider, "post": post, "matches": matches, "form": form}
    return render(request, "portal/cooperation/post_matches.html", context)


def received(provider: Provider) -> Any:
    return InterestRecipient.objects.filter(provider=provider).select_related(
        "interest__provider", "post", "company"
    )


@require_GET
@portal_view
def inbox(request: HttpRequest) -> HttpResponse:
    provider = current_provider(request)
    context = {"provider": provider, "rows": received(provider), "form": AnswerForm()}
    return render(request, "portal/cooperation/inbox.html", context)


@require_POST
@portal_view
def interest_answer(request: HttpRequest, pk: int) -> HttpResponse:
    provider = current_provider(request)
    row = get_object_or_404(received(provider), pk=pk)
    require(request.user, "cooperation.answer_interest", row)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_interest(recipient=row, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your answer was sent."))
            return redirect("cooperation_portal:inbox")
    context = {"provider": provider, "rows": received(provider), "form": form, "failed": row.pk}
    return render(request, "portal/cooperation/inbox.html", context, status=400)


@require_GET
@portal_view
def outbox(request: HttpRequest) -> HttpResponse:
    provider = current_provider(request)
    rows = InterestRecipient.objects.select_related("provider", "post", "company__provider")
    interests = (
        Interest.objects.filter(provider=provider)
        .select_related("about")
        .prefetch_related(Prefetch("recipients", queryset=rows))
    )
    return render(
        request, "portal/cooperation/outbox.html", {"provider": provider, "interests": interests}
    )
