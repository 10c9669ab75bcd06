"""A looser Content-Security-Policy for Wagtail's admin (/cms/) only.

Wagtail 8's admin runs inline scripts and sets inline styles, which the site's policy
(``SECURE_CSP``: scripts and styles only from us or with the request's nonce) blocks. The
admin is behind the sign-in and the second factor and shows staff-written content, so it
gets ``CMS_CSP`` (inline scripts and styles allowed, nothing from other hosts, its preview
may frame itself). Every other page keeps the strict policy.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

CMS_PREFIX = "/cms/"


class CmsContentSecurityPolicyMiddleware:
    """Goes right after Django's CSP middleware, so its answer is seen first on the way out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(CMS_PREFIX) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.CMS_CSP  # type: ignore[attr-defined]
        return response
