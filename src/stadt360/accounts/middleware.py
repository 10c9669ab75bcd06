"""Provider and city staff must have a second factor before any portal or back-office page."""

from collections.abc import Callable
from typing import Any

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .mfa import needs_mfa

PROTECTED_NAMESPACES = frozenset(
    {"portal", "backoffice", "moderation", "companies_portal", "cooperation_portal"}
)


class MfaRequiredMiddleware:
    """Sends staff without an active authenticator (TOTP or passkey) to the MFA set-up.

    Runs in ``process_view`` so it knows the URL namespace, whatever the language prefix.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or not PROTECTED_NAMESPACES.intersection(match.namespaces):
            return None
        user = request.user
        if not needs_mfa(user) or is_mfa_enabled(user, types=["totp", "webauthn"]):
            return None
        messages.info(
            request, _("Please set up a second factor first: an authenticator app or a passkey.")
        )
        return redirect("mfa_index")
