"""The ``--profile`` mode of bench/answering.py: where an answering request's time goes.

One process, no gunicorn: simulated members go through Django's test client
(CSRF enforced) against the benchmark's PostgreSQL database. Prints the time
and CPU a request takes, the time per SQL statement, and cProfile's top
functions (cumulative and own time).
"""

from __future__ import annotations

import sys
import time

from answering_client import answer_form, fill_form

HOST = "127.0.0.1"


def _client_panel(secret: str, rng) -> int:
    """One member through Django's test client (CSRF enforced); the request count."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True, HTTP_HOST=HOST)
    link = f"/p/{secret}/"
    page = client.get(link).content.decode()
    requests = 1
    while True:
        fields, final = fill_form(answer_form(page) or "", rng)
        data: dict[str, list[str]] = {}
        for name, value in fields:
            data.setdefault(name, []).append(value)
        response = client.post(link, data)
        requests += 1
        if response.status_code == 302:  # post/redirect/get
            response = client.get(response["Location"])
            requests += 1
        assert response.status_code == 200, response.status_code
        page = response.content.decode()
        assert 'class="error-summary"' not in page, "validation errors"
        if final:
            return requests


def profile(links: list[str], panels: int) -> None:
    """Single process, no gunicorn: where a request's time goes (Django test client)."""
    import cProfile
    import pstats
    import random

    rng = random.Random(1)
    for secret in links[:5]:  # warm: compiled templates, regexes, connection
        _client_panel(secret, rng)
    started, cpu, requests = time.perf_counter(), time.process_time(), 0
    for secret in links[5 : 5 + panels]:
        requests += _client_panel(secret, rng)
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"{panels} panels, {requests} requests in {took:.2f} s: "
        f"{1000 * took / requests:.1f} ms a request, {1000 * cpu / requests:.1f} ms of CPU "
        "(Django test client in one process, PostgreSQL apart, no profiler)",
        file=sys.stderr,
    )
    from collections import defaultdict

    from django.db import connection

    spent: dict[str, list[float]] = defaultdict(list)

    def timed(execute, sql, params, many, context):
        begun = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[" ".join(sql.split()[:8])[:110]].append(time.perf_counter() - begun)

    with connection.execute_wrapper(timed):
        for secret in links[5 + panels : 5 + 2 * panels]:
            requests += _client_panel(secret, rng)
    for sql, times in sorted(spent.items(), key=lambda item: -sum(item[1])):
        print(
            f"{len(times):6d} × {1000 * sum(times) / len(times):6.2f} ms  {sql}",
            file=sys.stderr,
        )
    profiler = cProfile.Profile()
    profiler.enable()
    for secret in links[5 + 2 * panels : 5 + 3 * panels]:
        _client_panel(secret, rng)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stderr)
    stats.sort_stats("cumulative").print_stats(60)
    stats.sort_stats("tottime").print_stats(30)
