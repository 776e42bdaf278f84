"""Per-address rate limits for the pages that need no account.

Counts live in Django's cache (shared by all workers, see ``CACHES`` in
settings) under an HMAC of the client's address (``core.clientaddress``), so
neither the cache nor the logs ever hold an address. A fixed window per scope
and address, started by its first attempt; a refused attempt is not counted.

An attempt is counted **before** the work it limits, in one atomic step
(check and increment together), so parallel requests cannot all pass the
check before any of them is counted (issue 10, finding 10). Work that turns
out not to need limiting — a member's own valid link — gives its attempt
back with :meth:`Attempt.refund`. Atomic means:

- Redis (``LEDENPANEL_CACHE_URL=redis://…``): one Lua script per step, which
  Redis runs as a unit for every process on every server.
- The file cache (the default): the step runs under an exclusive file lock
  next to the cache files, so it is atomic for every process on one server.
  Several servers each have their own files: use Redis there.
- Any other cache: ``add`` and ``incr``, atomic in the local-memory cache
  (one process) and in memcached.
"""

from __future__ import annotations

import contextlib
import ipaddress
import math
import os
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from django.core.files import locks
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from ledenpanel.core.clientaddress import client_address

_LABEL = "ledenpanel rate limit v2"

# Unknown letter codes or link tokens, on every page that looks one up
# (/code/, /p/…/, /afmelden/…/): one budget of settings.CODE_RATE an hour per
# address, counted before the lookup and refunded when the secret is found.
GUESS_SCOPE = "secret-guess"

# One lock file per stripe: two addresses rarely wait for each other, and the
# number of lock files stays fixed.
_FILE_LOCK_STRIPES = 64

# INCR keeps a key's expiry, so the window stays fixed; a key without one (a
# race with an expiry elsewhere) gets it here, so none lives for ever.
_TAKE_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
if redis.call('TTL', KEYS[1]) < 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
if count > tonumber(ARGV[1]) then
  redis.call('DECR', KEYS[1])
  return 0
end
return 1
"""
# Back to zero means the key is removed, not left at 0 without an expiry.
_REFUND_SCRIPT = """
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count <= 1 then
  redis.call('DEL', KEYS[1])
else
  redis.call('DECR', KEYS[1])
end
return count
"""


@dataclass(frozen=True)
class Attempt:
    """One counted attempt, which the caller may give back."""

    key: str

    def refund(self) -> None:
        """Uncount this attempt: the work it guarded turned out not to be limited."""
        _refund(_backend(), self.key)


def count_attempt(
    request: HttpRequest, *, scope: str, limit: int, window: int = 3600
) -> Attempt | None:
    """Count one attempt in ``scope`` for this address, or None when it used up ``limit``.

    Call it before the work it limits, and :meth:`Attempt.refund` when that
    work proves not to count. A refused attempt is not counted.
    """
    key = _key(request, scope)
    return Attempt(key) if _take(_backend(), key, limit=limit, window=window) else None


def count_guess(request: HttpRequest) -> Attempt | None:
    """Count a lookup of a member's code or link as a guess, before the lookup.

    None: this address tried too many unknown codes or links this hour. It is
    refused before any lookup, so a right code looks the same as a wrong one:
    guessing online stays far below one hit (docs/anonymity.md). Counting
    first, in one atomic step, holds parallel guesses to the limit as well;
    the caller refunds the count when the secret is found, so members are
    never counted.
    """
    return count_attempt(request, scope=GUESS_SCOPE, limit=settings.CODE_RATE)


def rate_allows(request: HttpRequest, *, scope: str, limit: int, window: int = 3600) -> bool:
    """Count one attempt in ``scope`` for this address; False when over ``limit``."""
    return count_attempt(request, scope=scope, limit=limit, window=window) is not None


def _address_key(request: HttpRequest) -> str:
    address = client_address(request) or ""
    return salted_hmac(_LABEL, _bucket(address), algorithm="sha256").hexdigest()[:32]


def _bucket(address: str) -> str:
    """IPv6 counts per /64: one household or server gets a whole /64 and
    could otherwise use a fresh address for every attempt."""
    if ":" in address:
        try:
            return str(ipaddress.IPv6Network(f"{address.partition('%')[0]}/64", strict=False))
        except ValueError:
            pass
    return address


def _key(request: HttpRequest, scope: str) -> str:
    return f"rate:{scope}:{_address_key(request)}"


def _backend() -> BaseCache:
    return caches[DEFAULT_CACHE_ALIAS]


def _take(backend: BaseCache, key: str, *, limit: int, window: int) -> bool:
    if limit <= 0:
        return False
    if isinstance(backend, RedisCache):
        return bool(_redis_run(backend, _TAKE_SCRIPT, key, limit, window))
    if isinstance(backend, FileBasedCache):
        return _file_take(backend, key, limit=limit, window=window)
    backend.add(key, 0, timeout=window)
    try:
        count = backend.incr(key)
    except ValueError:  # the window ended between the two calls
        backend.set(key, 1, timeout=window)
        count = 1
    if count > limit:
        backend.decr(key)
        return False
    return True


def _refund(backend: BaseCache, key: str) -> None:
    if isinstance(backend, RedisCache):
        _redis_run(backend, _REFUND_SCRIPT, key)
    elif isinstance(backend, FileBasedCache):
        _file_refund(backend, key)
    else:
        # A window that ended meanwhile has nothing to give back.
        with contextlib.suppress(ValueError):
            backend.decr(key)


# --- Redis ------------------------------------------------------------------


def _redis_run(backend: RedisCache, script: str, key: str, *args: int) -> int:
    stored = backend.make_and_validate_key(key)
    # Django's Redis cache has no atomic check-and-increment, so the script
    # runs on its own client for the key (writes go to the primary).
    client = backend._cache.get_client(stored, write=True)
    return int(client.register_script(script)(keys=[stored], args=list(args)))


# --- File cache (one server) -----------------------------------------------


@contextmanager
def _file_locked(backend: FileBasedCache, key: str) -> Iterator[None]:
    # The cache writes each value to a new file and renames it into place, so
    # the value's own file cannot carry the lock: a fixed lock file does.
    stripe = zlib.crc32(key.encode()) % _FILE_LOCK_STRIPES
    directory = backend._dir
    path = os.path.join(directory, f"ratelimit-{stripe:02d}.lock")
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except FileNotFoundError:  # the cache directory was removed (cache.clear() keeps it)
        os.makedirs(directory, mode=0o700, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    with open(descriptor, "rb") as lock_file:
        locks.lock(lock_file, locks.LOCK_EX)
        try:
            yield
        finally:
            locks.unlock(lock_file)


def _file_value(backend: FileBasedCache, key: str) -> tuple[int, float]:
    """(count, end of the window); the cache keeps no expiry we can read back."""
    value = backend.get(key)
    if isinstance(value, tuple) and len(value) == 2:
        return int(value[0]), float(value[1])
    return 0, 0.0


def _file_store(backend: FileBasedCache, key: str, count: int, ends: float) -> None:
    if count <= 0:
        backend.delete(key)
    else:
        backend.set(key, (count, ends), timeout=max(1, math.ceil(ends - time.time())))


def _file_take(backend: FileBasedCache, key: str, *, limit: int, window: int) -> bool:
    with _file_locked(backend, key):
        count, ends = _file_value(backend, key)
        if count >= limit:
            return False
        if count == 0:
            ends = time.time() + window
        _file_store(backend, key, count + 1, ends)
        return True


def _file_refund(backend: FileBasedCache, key: str) -> None:
    with _file_locked(backend, key):
        count, ends = _file_value(backend, key)
        if count > 0:
            _file_store(backend, key, count - 1, ends)
