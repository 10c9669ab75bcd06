"""Deployment check: the limits against guessing need a cache all processes share.

The second-factor lock (``accounts.forms``), allauth's failed-login limits and the
site's own limits (``accounts.throttle``) count in the default cache. A process-local
cache (``LocMemCache``, the default without ``REDIS_URL``) gives each worker process its
own count and its own lock: with N processes a guesser gets N times the attempts, and a
locked second factor opens on another process. ``check --deploy`` says so.
"""

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register

PROCESS_LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.security, deploy=True)
def shared_cache_for_limits(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in PROCESS_LOCAL_CACHES:
        return []
    return [
        Warning(
            "The default cache is local to each process: rate limits and the second-factor "
            "lock are counted per process and do not hold across workers.",
            hint="Set REDIS_URL (or another shared cache) in production.",
            id="stadt360.W001",
        )
    ]
