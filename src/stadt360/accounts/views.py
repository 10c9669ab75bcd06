"""The Django admin's login page hands over to allauth (password, then the second factor)."""

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponseRedirect:
    """Replaces ``admin.site.login``: Django's own form would sign staff in by password alone.

    Signed-out people go to allauth's login (which checks ``next`` and asks for the second
    factor); signed-in staff on to ``next``; anyone else signed in gets 403, as allauth
    would send them straight back here.
    """
    target = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
    if request.user.is_authenticated:
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        safe = url_has_allowed_host_and_scheme(target, {request.get_host()})
        return HttpResponseRedirect(target if safe else reverse("admin:index"))
    query = urlencode({REDIRECT_FIELD_NAME: target})
    return HttpResponseRedirect(f"{reverse('account_login')}?{query}")
