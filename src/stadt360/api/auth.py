"""Bearer-token authentication and per-token limits of the write API.

``Authorization: Bearer s360_…`` → the provider's :class:`~stadt360.providers.models.ApiToken`
(active, not revoked; ``last_used_at`` recorded). No, unknown or revoked token → 401 (ninja).
A missing scope → 403, too many writes → 429 with ``Retry-After``. Too many unknown
tokens from one client address (guessing) → 429 for every request from it until the
window ends; the address comes from :func:`stadt360.accounts.throttle.client_ip`.
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer

from stadt360.accounts.throttle import address_block, client_ip, hit, peek
from stadt360.providers.models import ApiToken
from stadt360.providers.tokens import token_for_secret

DEFAULT_RATE_LIMIT = 120  # writes per token and minute
DEFAULT_FAILED_TOKEN_LIMIT = 30  # unknown tokens per client address and minute
WINDOW_SECONDS = 60
BAD_TOKEN_SCOPE = "api-bad-token"


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        address = address_block(client_ip(request))
        limit = getattr(settings, "API_FAILED_TOKEN_LIMIT", DEFAULT_FAILED_TOKEN_LIMIT)
        if peek(BAD_TOKEN_SCOPE, address, window=WINDOW_SECONDS).count >= limit:
            raise HttpError(429, _("Too many requests. Try again later."))
        found = token_for_secret(token)
        if found is None:
            hit(BAD_TOKEN_SCOPE, address, window=WINDOW_SECONDS)
        return found


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after


def require_scope(token: ApiToken, scope: str) -> None:
    if not token.has_scope(scope):
        raise HttpError(403, _("This API key lacks the scope %(scope)s.") % {"scope": scope})


def count_write(token: ApiToken) -> None:
    """Fixed one-minute window per token in the cache; over the limit → :class:`RateLimited`."""
    limit = getattr(settings, "API_WRITE_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    used = hit("api-write", str(token.pk), window=WINDOW_SECONDS)
    if used.over(limit):
        raise RateLimited(retry_after=used.retry_after)
