"""Fixtures for the answering tests."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.cache import cache
from django.test import Client

from ledenpanel.responses import selectors
from tests.builders import Party, open_link_panel, verified_client
from tests.support.redis_caches import clear_own_keys, redis_caches, redis_running


@pytest.fixture
def link_panel(party: Party):
    """Branch A1's panel, open, with a public link."""
    return open_link_panel(party)


@pytest.fixture
def volunteer(board_a1) -> Client:
    """Branch A1's board member, logged in with both factors, as the volunteer."""
    return verified_client(board_a1)


@pytest.fixture(params=["redis", "file"])
def shared_cache(request, settings, tmp_path):
    """The two caches production counts in: Redis, and the file cache of one server."""
    if request.param == "redis":
        if not redis_running():
            pytest.skip("no Redis on 127.0.0.1:6379")
        settings.CACHES = redis_caches()
    else:
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(tmp_path / "cache"),
            }
        }
    # Redis may serve other test runs at the same time: only this run's keys.
    clear = clear_own_keys if request.param == "redis" else cache.clear
    clear()
    yield request.param
    clear()


@pytest.fixture(name="counted_lookups")
def counted_lookups_fixture(monkeypatch) -> list[str]:
    """Every lookup of a secret, recorded; each finds nothing and takes a little while."""
    lookups: list[str] = []
    lock = threading.Lock()

    def lookup(*, secret: str, **_kwargs):
        with lock:
            lookups.append(secret)
        time.sleep(0.005)  # a database round trip: the window the old code raced in
        return None

    monkeypatch.setattr(selectors, "answering_session_for_secret", lookup)
    return lookups
