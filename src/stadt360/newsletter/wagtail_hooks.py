"""The newsletter in /cms/: issues are snippets; a "Send" action queues one for sending.

Editing an issue needs the usual snippet permissions (add/change issue); sending needs
``newsletter.send_issue``. Sending asks once ("Send to N subscribers?") and then calls
``services.send_issue``, which refuses an issue that has been sent already.
"""

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Issue, IssueStatus
from .services import recipients, send_issue

SEND_PERMISSION = "newsletter.send_issue"


class IssueViewSet(SnippetViewSet):
    model = Issue
    icon = "mail"
    menu_label = gettext_lazy("Newsletter")
    menu_name = "newsletter"
    add_to_admin_menu = True
    list_display = ["subject", "status", "created_at", "sent_at"]
    list_filter = ["status"]
    panels = [
        FieldPanel("subject"),
        FieldPanel("content"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]


register_snippet(IssueViewSet)


@require_http_methods(["GET", "POST"])
def send_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm(SEND_PERMISSION):
        raise PermissionDenied
    issue = get_object_or_404(Issue, pk=pk)
    back = reverse("wagtailsnippets_newsletter_issue:list")
    if request.method == "POST":
        try:
            queued = send_issue(issue=issue, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("“%(subject)s” is being sent to %(count)s subscribers.")
                % {"subject": issue.subject, "count": queued},
            )
        return redirect(back)
    context = {
        "issue": issue,
        "count": len(recipients(issue)),
        "back": back,
        "page_title": _("Send newsletter issue"),
        "header_icon": "mail",
    }
    return render(request, "newsletter/admin/send_confirm.html", context)


@hooks.register("register_admin_urls")
def admin_urls() -> list:
    return [path("newsletter/send/<int:pk>/", send_view, name="newsletter_send_issue")]


@hooks.register("register_snippet_listing_buttons")
def send_button(snippet: object, user: Any, next_url: str | None = None) -> Iterator[MenuItem]:
    if (
        isinstance(snippet, Issue)
        and snippet.status != IssueStatus.SENT
        and user.has_perm(SEND_PERMISSION)
    ):
        url = reverse("newsletter_send_issue", args=[snippet.pk])
        yield MenuItem(_("Send"), url, icon_name="mail", priority=5)
