"""Bearer-token authentication and per-token limits of the write API.

``Authorization: Bearer s360_…`` → the provider's :class:`~stadt360.providers.models.ApiToken`
(active, not revoked; ``last_used_at`` recorded). No, unknown or revoked token → 401 (ninja).
A missing scope → 403, too many writes → 429 with ``Retry-After``.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer

from stadt360.providers.models import ApiToken
from stadt360.providers.tokens import token_for_secret

DEFAULT_RATE_LIMIT = 120  # writes per token and minute
WINDOW_SECONDS = 60


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return token_for_secret(token)


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after


def require_scope(token: ApiToken, scope: str) -> None:
    if not token.has_scope(scope):
        raise HttpError(403, _("This API key lacks the scope %(scope)s.") % {"scope": scope})


def count_write(token: ApiToken) -> None:
    """Fixed one-minute window per token in the cache; over the limit → :class:`RateLimited`."""
    limit = getattr(settings, "API_WRITE_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    now = int(time.time())
    window = now // WINDOW_SECONDS
    key = f"api-write-rate:{token.pk}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS + 5)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS + 5)
        used = 1
    if used > limit:
        raise RateLimited(retry_after=(window + 1) * WINDOW_SECONDS - now)
