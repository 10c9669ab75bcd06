"""Who may enter the portal, whose objects they see, which organisation they act for.

The order of checks gives the statuses the permission matrix pins: not signed in →
login; no membership → 403; another organisation's object → 404 (the scoped queryset
does not find it); own object without the permission → 403.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from stadt360.providers.models import Provider

SESSION_KEY = "portal_provider"
View = Callable[..., HttpResponse]


def require(user: Any, perm: str, obj: Any = None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def portal_view(view: View) -> View:
    """Signed in and member of some organisation (``portal.access``), else login or 403."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        require(request.user, "portal.access")
        return view(request, *args, **kwargs)

    return wrapper


def my_providers(user: Any) -> models.QuerySet[Provider]:
    return Provider.objects.of_user(user).order_by("name", "pk")


def acting_provider(request: HttpRequest) -> Provider | None:
    """The organisation the person acts for: chosen in the session, else their first, else None."""
    providers = my_providers(request.user)
    chosen_pk = request.session.get(SESSION_KEY)
    chosen = providers.filter(pk=chosen_pk).first() if chosen_pk is not None else None
    return chosen or providers.first()


def current_provider(request: HttpRequest) -> Provider:
    """The organisation the person acts for; 403 for someone who is no member anywhere."""
    provider = acting_provider(request)
    if provider is None:
        raise PermissionDenied
    return provider


def scoped(model: type[models.Model], user: Any) -> models.QuerySet:
    """Objects of ``model`` that belong to one of the person's organisations."""
    return model._default_manager.filter(provider__memberships__user=user)


def scoped_object(model: type[models.Model], user: Any, pk: int, perm: str) -> Any:
    obj = get_object_or_404(scoped(model, user), pk=pk)
    require(user, perm, obj)
    return obj
