"""A Redis cache for tests that cannot disturb, or be disturbed by, another run.

The tests of the rate limits run against a real Redis on 127.0.0.1:6379
(database 5). Several test runs may share that server, so each process counts
under a key prefix of its own and clears only its own keys, never the whole
database.
"""

from __future__ import annotations

import os
import socket
import uuid
from typing import Any

from django.core.cache import caches

LOCATION = "redis://127.0.0.1:6379/5"
_PREFIX = f"ledenpanel-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"


def redis_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def redis_caches() -> dict[str, Any]:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": LOCATION,
            "KEY_PREFIX": _PREFIX,
        }
    }


def clear_own_keys() -> None:
    """Delete this run's keys in the configured Redis cache, and only those."""
    client = caches["default"]._cache.get_client(None, write=True)
    keys = list(client.scan_iter(match=f"{_PREFIX}:*"))
    if keys:
        client.delete(*keys)


def own_keys() -> list[bytes]:
    client = caches["default"]._cache.get_client(None, write=True)
    return list(client.scan_iter(match=f"{_PREFIX}:*"))
