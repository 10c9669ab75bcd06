"""Other login pages hand over to allauth (password, then the second factor).

The Django admin's (/admin/login/), Wagtail's admin (/cms/login/) and Wagtail's front-end
login (/_util/login/) would each sign people in by password alone; these replace them.
"""

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .mfa import CMS_ACCESS


def hand_over_login(request: HttpRequest, *, home: str, may_enter: bool) -> HttpResponseRedirect:
    """Signed-out people go to allauth's login (which checks ``next`` and asks for the second
    factor); signed-in people who may enter go on to ``next``; anyone else signed in gets
    403, as allauth would send them straight back here.
    """
    target = request.GET.get(REDIRECT_FIELD_NAME) or home
    if request.user.is_authenticated:
        if not (request.user.is_active and may_enter):
            raise PermissionDenied
        safe = url_has_allowed_host_and_scheme(target, {request.get_host()})
        return HttpResponseRedirect(target if safe else home)
    query = urlencode({REDIRECT_FIELD_NAME: target})
    return HttpResponseRedirect(f"{reverse('account_login')}?{query}")


def admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponseRedirect:
    """Replaces ``admin.site.login``: Django's own form would sign staff in by password alone."""
    may_enter = bool(request.user.is_staff)
    return hand_over_login(request, home=reverse("admin:index"), may_enter=may_enter)


def cms_login(request: HttpRequest) -> HttpResponseRedirect:
    """Replaces Wagtail's admin login (/cms/login/) and its front-end login (/_util/login/)."""
    may_enter = request.user.is_authenticated and request.user.has_perm(CMS_ACCESS)
    return hand_over_login(request, home=reverse("wagtailadmin_home"), may_enter=may_enter)
