"""allauth adapter: new people are residents; after login each role lands on its start page.

allauth's rate limits take the client address from ``accounts.throttle.client_ip``, like
django-axes and the site's own limits.
"""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse

from .roles import Role, group
from .throttle import client_ip


def user_display(user: Any) -> str:
    """How allauth names a person ("Signed in as …"): the e-mail address they signed up
    with, never the username allauth generated for them (a code nobody recognises)."""
    return str(user.email or user.get_username())


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user.groups.add(group(Role.RESIDENT))
        return user

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        user = request.user
        if user.has_perm("portal.access"):
            return reverse("portal:dashboard")
        if user.has_perm("backoffice.access"):
            return reverse("moderation:provider-queue")
        return super().get_login_redirect_url(request)

    def get_client_ip(self, request: HttpRequest) -> str:
        address = client_ip(request)
        if not address:  # as allauth does: no limit can count an unknown client
            raise PermissionDenied("Unable to determine client IP address")
        return address
