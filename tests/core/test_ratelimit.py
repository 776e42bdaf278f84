"""Per-address rate limits: shared by every worker, and no address is stored."""

from __future__ import annotations

import socket

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from ledenpanel.core.ratelimit import rate_allows, rate_exhausted


def _request(address: str):
    return RequestFactory().get("/", REMOTE_ADDR=address)


def test_it_refuses_an_address_over_its_limit_and_not_another():
    first, second = _request("192.0.2.1"), _request("192.0.2.2")

    assert [rate_allows(first, scope="t", limit=2) for _ in range(3)] == [True, True, False]
    assert rate_exhausted(first, scope="t", limit=2)
    assert rate_allows(second, scope="t", limit=2)


def test_scopes_are_counted_apart():
    request = _request("192.0.2.1")
    rate_allows(request, scope="a", limit=1)

    assert rate_allows(request, scope="b", limit=1)


def test_the_cache_holds_no_address(settings):
    rate_allows(_request("192.0.2.77"), scope="t", limit=5)

    keys = [path.read_bytes() for path in settings.VAR_DIR.joinpath("cache").rglob("*.djcache")]
    assert keys
    assert not any(b"192.0.2.77" in content for content in keys)


def _redis_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_running(), reason="no Redis on 127.0.0.1:6379")
def test_it_works_on_redis_when_configured():
    redis = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    }
    with override_settings(CACHES=redis):
        cache.clear()
        request = _request("192.0.2.9")
        assert [rate_allows(request, scope="t", limit=1) for _ in range(2)] == [True, False]
        cache.clear()
