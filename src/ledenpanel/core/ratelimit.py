"""Per-address rate limits for the pages that need no account.

Counts live in Django's cache (shared by all workers, see ``CACHES`` in
settings) under an HMAC of the client's address, so neither the cache nor
the logs ever hold an address. A fixed window per scope and address; a
refused attempt is not counted, so someone who waits gets in again.
"""

from __future__ import annotations

import hashlib
import hmac

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from ledenpanel.invitations import crypto

_LABEL = "ledenpanel rate limit v1"


def _address_key(request: HttpRequest) -> str:
    key = crypto.derive_key(settings.SECRET_KEY, _LABEL)
    # The same address resolution django-axes uses (honours AXES_PROXY_COUNT).
    address = (get_client_ip_address(request) or "").encode()
    return hmac.new(key, address, hashlib.sha256).hexdigest()[:32]


def _key(request: HttpRequest, scope: str) -> str:
    return f"rate:{scope}:{_address_key(request)}"


def rate_exhausted(request: HttpRequest, *, scope: str, limit: int) -> bool:
    """Whether this address used up ``scope`` already (counts nothing)."""
    return cache.get(_key(request, scope), 0) >= limit


def rate_allows(request: HttpRequest, *, scope: str, limit: int, window: int = 3600) -> bool:
    """Count one attempt in ``scope`` for this address; False when over ``limit``."""
    key = _key(request, scope)
    cache.add(key, 0, timeout=window)
    if cache.get(key, 0) >= limit:
        return False
    try:
        cache.incr(key)
    except ValueError:  # the window expired between the two calls
        cache.set(key, 1, timeout=window)
    return True
