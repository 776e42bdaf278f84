"""Per-address rate limits: atomic in every process, and no address is stored."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pytest
from django.core.cache import cache, caches
from django.test import RequestFactory

from ledenpanel.core.ratelimit import count_attempt, rate_allows
from tests.support.redis_caches import own_keys


def _request(address: str, **extra: str):
    return RequestFactory().get("/", REMOTE_ADDR=address, **extra)


def test_it_refuses_an_address_over_its_limit_and_not_another(backend):
    first, second = _request("192.0.2.1"), _request("192.0.2.2")

    assert [rate_allows(first, scope="t", limit=2) for _ in range(3)] == [True, True, False]
    assert rate_allows(second, scope="t", limit=2)


def test_scopes_are_counted_apart(backend):
    request = _request("192.0.2.1")
    rate_allows(request, scope="a", limit=1)

    assert rate_allows(request, scope="b", limit=1)


def test_a_refunded_attempt_does_not_count(backend):
    request = _request("192.0.2.3")
    for _ in range(10):
        attempt = count_attempt(request, scope="t", limit=2)
        assert attempt is not None
        attempt.refund()

    assert [rate_allows(request, scope="t", limit=2) for _ in range(3)] == [True, True, False]


def test_a_refused_attempt_is_not_counted(backend):
    """Refusals leave the count at the limit, so a refund frees exactly one place."""
    request = _request("192.0.2.4")
    held = count_attempt(request, scope="t", limit=1)
    assert held is not None
    assert [count_attempt(request, scope="t", limit=1) for _ in range(5)] == [None] * 5

    held.refund()

    assert count_attempt(request, scope="t", limit=1) is not None
    assert count_attempt(request, scope="t", limit=1) is None


def test_a_member_refund_leaves_no_counter_behind(backend):
    """Valid links would otherwise leave one entry per member in the cache."""
    if backend == "locmem":
        pytest.skip("other caches keep a 0 until the window ends")
    request = _request("192.0.2.5")
    attempt = count_attempt(request, scope="t", limit=5)
    assert attempt is not None
    attempt.refund()

    assert cache.get(attempt.key) is None


def test_ipv6_addresses_count_per_64(backend):
    """One subscriber holds a whole /64: a fresh address per guess must not help."""
    for host in range(3):
        rate_allows(_request(f"2001:db8:1:2::{host + 1}"), scope="t", limit=3)

    assert not rate_allows(_request("2001:db8:1:2:ffff::9"), scope="t", limit=3)
    assert rate_allows(_request("2001:db8:1:3::1"), scope="t", limit=3)


def test_it_counts_the_client_behind_the_proxy_not_the_proxy(backend, settings):
    settings.PROXY_COUNT = 1
    guesser = _request("10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66")
    member = _request("10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert [rate_allows(guesser, scope="t", limit=2) for _ in range(3)] == [True, True, False]
    assert rate_allows(member, scope="t", limit=2)


def test_the_file_cache_holds_no_address(settings):
    rate_allows(_request("192.0.2.77"), scope="t", limit=5)

    files = [p.read_bytes() for p in settings.VAR_DIR.joinpath("cache").rglob("*") if p.is_file()]
    assert files
    assert not any(b"192.0.2.77" in content for content in files)


def test_redis_holds_no_address_and_every_counter_expires(redis_backend):
    rate_allows(_request("192.0.2.78"), scope="t", limit=5, window=600)
    client = caches["default"]._cache.get_client(None, write=True)

    keys = own_keys()
    assert keys
    assert not any(b"192.0.2.78" in key for key in keys)
    # INCR on a key that just expired makes one without an expiry: the script
    # gives it one, so no address is refused for ever.
    client.persist(keys[0])
    rate_allows(_request("192.0.2.78"), scope="t", limit=5, window=600)
    assert 0 < client.ttl(keys[0]) <= 600


def _take_many(attempts: int) -> int:
    """In a separate process: how many of ``attempts`` the limit let through."""
    request = _request("192.0.2.99")
    return sum(rate_allows(request, scope="parallel", limit=20) for _ in range(attempts))


def test_processes_counting_at_once_let_through_at_most_the_limit(backend):
    """Several server processes share one counter: the file lock or Redis keeps it exact."""
    if backend == "locmem":
        pytest.skip("the local-memory cache is one process's own")
    # Forked: the children inherit this test's cache settings.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=6, mp_context=context) as pool:
        allowed = sum(pool.map(_take_many, [50] * 6))

    assert allowed == 20


def test_the_lock_files_are_not_counters(settings):
    """The file cache culls and clears only its own ``*.djcache`` files."""
    rate_allows(_request("192.0.2.80"), scope="t", limit=5)
    directory = settings.VAR_DIR / "cache"

    assert list(directory.glob("ratelimit-*.lock"))
    cache.clear()
    assert rate_allows(_request("192.0.2.80"), scope="t", limit=1)
