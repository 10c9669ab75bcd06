"""Who is asking (the client's IP address) and how often: one place for every limit.

``client_ip`` is the only function that reads an address from a request. django-axes
(``AXES_CLIENT_IP_CALLABLE``), allauth's rate limits (``AccountAdapter.get_client_ip``),
the write API and the barrier-report form all ask it, so a proxy is configured once:

* ``BEHIND_PROXY=0`` (default): ``REMOTE_ADDR``. ``X-Forwarded-For`` is never read, since
  anybody can send it.
* ``BEHIND_PROXY=1``: the hop our own proxies appended to ``X-Forwarded-For``. Each of the
  ``PROXY_COUNT`` proxies appends the address it received the request from, so the
  client is the ``PROXY_COUNT``-th entry from the right; everything left of it came from
  the client and may be forged. A header with fewer hops, or a hop that is not an IP
  address, means the request did not come through the proxies: ``REMOTE_ADDR``.

Limits per address count an IPv6 client by its /64 network (``address_block``): one
connection usually holds a whole /64, and counting each of its 2^64 addresses apart
would let one sender rotate past every limit.

``hit`` counts requests per key in a fixed window in the cache (shared through Redis in
production), the building block of the limits.
"""

import hashlib
import ipaddress
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    if not getattr(settings, "BEHIND_PROXY", False):
        return remote
    count = max(int(getattr(settings, "PROXY_COUNT", 1)), 1)
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


IPV6_BLOCK_PREFIX = 64


def address_block(address: str) -> str:
    """The key a per-address limit counts: an IPv4 address itself, an IPv6 one's /64."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:  # ::ffff:203.0.113.9 is that IPv4 address
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/{IPV6_BLOCK_PREFIX}", strict=False))
    return str(ip)


@dataclass(frozen=True)
class Hit:
    """One counted request: how many the window holds now and when the window ends."""

    count: int
    retry_after: int  # seconds until the window ends

    def over(self, limit: int) -> bool:
        return self.count > limit


def _window(scope: str, key: str, window: int) -> tuple[str, int]:
    """The cache key of ``key``'s current window and the seconds until it ends.

    The key is hashed, so no IP address is kept in the cache in clear.
    """
    now = int(time.time())
    start = now // window
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"s360-rate:{scope}:{digest}:{start}", (start + 1) * window - now


def hit(scope: str, key: str, *, window: int) -> Hit:
    """Count one request of ``key`` (an IP address, a token id) in a window of ``window`` s."""
    cache_key, retry_after = _window(scope, key, window)
    cache.add(cache_key, 0, timeout=window + 5)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window + 5)
        count = 1
    return Hit(count=count, retry_after=retry_after)


def peek(scope: str, key: str, *, window: int) -> Hit:
    """The requests of ``key`` counted so far in the current window, without counting one."""
    cache_key, retry_after = _window(scope, key, window)
    return Hit(count=int(cache.get(cache_key, 0)), retry_after=retry_after)
