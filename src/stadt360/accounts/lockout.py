"""django-axes hooks: which name a login attempt counts against, and the lockout page."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def login_name(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The e-mail address tried: allauth passes it as ``email``, its form posts ``login``."""
    credentials = credentials or {}
    name = credentials.get("email") or credentials.get("username") or request.POST.get("login", "")
    return str(name).strip().lower()


def lockout_response(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """A page in the site's look saying why and for how long, with status 429."""
    context = {"cooloff_hours": settings.AXES_COOLOFF_TIME}
    return render(request, "account/locked_out.html", context, status=429)
