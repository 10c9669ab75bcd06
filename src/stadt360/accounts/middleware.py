"""The second-factor gate: closed by default for everyone who needs MFA.

Provider members, city staff and Django staff (``accounts.mfa.needs_mfa``) reach a page
that is not on the public allow-list (``accounts.gate``) only after this session passed
a second factor. Without an authenticator they are sent to set one up; with one (but a
session opened by password alone) to allauth's second-factor step, and back afterwards.
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .gate import is_public, is_second_factor_page, is_second_factor_step
from .mfa import has_authenticator, needs_mfa, passed_second_factor


class MfaRequiredMiddleware:
    """Runs in ``process_view``, so it knows the resolved URL, whatever the language prefix."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or is_public(match):
            return None
        user = request.user
        if not needs_mfa(user) or passed_second_factor(request):
            return None
        if not has_authenticator(user):
            if is_second_factor_page(match):
                return None  # setting one up
            messages.info(
                request,
                _("Please set up a second factor first: an authenticator app or a passkey."),
            )
            return redirect("mfa_index")
        if is_second_factor_step(match):
            return None
        return ask_for_second_factor(request)


def ask_for_second_factor(request: HttpRequest) -> HttpResponse:
    messages.info(request, _("Please confirm that it is you with your second factor."))
    query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
    return HttpResponseRedirect(f"{reverse('mfa_reauthenticate')}?{query}")
