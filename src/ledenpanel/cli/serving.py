"""Run the web server (gunicorn) and the background worker side by side.

Used by `ledenpanel demo` and `ledenpanel serve`. The parent process watches
both children: when one dies the other is stopped; Ctrl-C stops both cleanly.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

READY_TIMEOUT_SECONDS = 60
# Threads per gunicorn worker (gthread): keep-alive connections, and a worker
# keeps serving while one of its requests waits on the database. On 2 cores,
# bench/answering.py measured less CPU per answered panel and lower latency
# with gthread than with sync workers. Each thread keeps its own database
# connection (CONN_MAX_AGE): workers × threads connections per server.
WEB_THREADS = int(os.environ.get("WEB_THREADS", "4"))


def served_url(host: str, port: int) -> str:
    """The address of a server bound to ``host``:``port``, as a browser here reaches it."""
    if host in {"", "0.0.0.0", "::"}:  # noqa: S104 - every interface, so loopback too
        host = "127.0.0.1"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address
    return f"http://{host}:{port}"


def _wait_until_ready(url: str, processes: list[subprocess.Popen[bytes]]) -> bool:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in processes):
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    return False


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


SWEEP_SECONDS = 600


class _Sweep:
    """Runs ``close_due_panels`` now and then, beside the worker.

    The worker closes panels on their date by itself (a task queued at
    opening), but a task lost with a killed worker or a restored queue is
    not retried; this catches those panels and unfinished closes. With
    several servers, run the command from cron on one of them instead.
    """

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None
        self.due = time.monotonic() + 30  # let the worker start first

    def tick(self) -> None:
        if self.process is not None and self.process.poll() is None:
            return
        if time.monotonic() < self.due:
            return
        self.due = time.monotonic() + SWEEP_SECONDS
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ledenpanel.cli", "manage", "close_due_panels"],
            env=self.env,
            stdout=subprocess.DEVNULL,
        )


def run_web_and_worker(
    *, host: str, port: int, web_workers: int, banner: str, with_worker: bool = True
) -> int:
    env = dict(os.environ)
    web = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "ledenpanel.config.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(web_workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(WEB_THREADS),
            "--graceful-timeout",
            "10",
            # No access log: later URLs carry members' personal link tokens.
            "--error-logfile",
            "-",
        ],
        env=env,
    )
    processes = [web]
    if with_worker:
        processes.append(
            subprocess.Popen(
                # No autoreload: it polls every source file and can cut a task short.
                [sys.executable, "-m", "ledenpanel.cli", "manage", "db_worker", "--no-reload"],
                env=env,
            )
        )
    try:
        if not _wait_until_ready(f"{served_url(host, port)}/healthz", processes):
            print("ledenpanel: the server did not start; see the messages above.", file=sys.stderr)
            return 1
        print(f"\n{banner}\nPress Ctrl-C to stop.\n", flush=True)
        sweep = _Sweep(env) if with_worker else None
        while all(process.poll() is None for process in processes):
            if sweep is not None:
                sweep.tick()
            time.sleep(0.5)
        print("ledenpanel: a server process stopped; stopping the others.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nledenpanel: stopping…", file=sys.stderr)
        return 0
    finally:
        _stop(processes)
