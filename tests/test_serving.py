"""`ledenpanel serve` runs gunicorn and the worker, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_starts_web_and_worker_and_stops_on_ctrl_c(tmp_path):
    port = _free_port()
    env = {
        **{key: value for key, value in os.environ.items() if key != "LEDENPANEL_DEMO"},
        "DATABASE_URL": f"sqlite:///{tmp_path}/serve.sqlite3",
        "LEDENPANEL_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "test-only-" + "x" * 40,
        # As in production: the readiness probe by IP must still get through.
        "ALLOWED_HOSTS": "ledenpanel.example.org",
        "SECURE_SSL_REDIRECT": "1",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ledenpanel.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        banner = ""
        deadline = time.monotonic() + 90
        while "Ctrl-C" not in banner and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
            banner += line
        assert f"http://127.0.0.1:{port}/" in banner, banner
        assert "DisallowedHost" not in banner

        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            assert response.read() == b"ok"
        # The worker is a separate process of the same session.
        children = subprocess.run(
            ["ps", "-o", "args=", "--ppid", str(process.pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        assert "gunicorn" in children
        assert "db_worker" in children

        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
