"""Fixtures for the core tests: the caches the rate limits count in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from tests.support.redis_caches import clear_own_keys, redis_caches, redis_running


def _use_cache(settings, kind: str, tmp_path) -> None:
    if kind == "redis":
        if not redis_running():
            pytest.skip("no Redis on 127.0.0.1:6379")
        settings.CACHES = redis_caches()
    elif kind == "file":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(tmp_path / "cache"),
            }
        }
    else:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    _clear(kind)


def _clear(kind: str) -> None:
    # Redis may serve other test runs at the same time: only this run's keys.
    if kind == "redis":
        clear_own_keys()
    else:
        cache.clear()


@pytest.fixture(params=["file", "redis", "locmem"])
def backend(request, settings, tmp_path) -> Iterator[str]:
    """Every kind of cache the counters run on: the file cache (the default),
    Redis (production with several servers) and local memory."""
    _use_cache(settings, request.param, tmp_path)
    yield request.param
    _clear(request.param)


@pytest.fixture
def redis_backend(settings, tmp_path) -> Iterator[None]:
    """The rate-limit counters on Redis only (skipped without a Redis server)."""
    _use_cache(settings, "redis", tmp_path)
    yield
    clear_own_keys()
