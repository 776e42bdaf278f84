"""`ledenpanel serve` runs gunicorn and the worker, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _child_processes(pid: int) -> list[tuple[str, dict[str, str]]]:
    """The whole command line and the environment of each child of ``pid``, from /proc.

    Not `ps -o args=`: it cuts command lines at $COLUMNS (80 in many
    terminals), and a checkout at a long path pushes `db_worker` past that.
    """
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # "<pid> (<comm>) <state> <ppid> …"; comm may hold spaces and ")".
            parent = int((entry / "stat").read_text().rpartition(")")[2].split()[1])
            if parent != pid:
                continue
            arguments = (entry / "cmdline").read_bytes().rstrip(b"\0").split(b"\0")
            variables = (entry / "environ").read_bytes().rstrip(b"\0").split(b"\0")
        except (OSError, ValueError, IndexError):
            continue  # the process ended while we looked
        command = " ".join(argument.decode(errors="replace") for argument in arguments)
        environment = dict(v.decode(errors="replace").partition("=")[::2] for v in variables)
        children.append((command, environment))
    return children


def _child_command_lines(pid: int) -> list[str]:
    return [command for command, _ in _child_processes(pid)]


def test_it_reads_the_whole_command_lines_of_child_processes(monkeypatch):
    # As in a terminal of 80 columns, and as from a checkout at a long path:
    # the word that matters comes after the 80th character.
    monkeypatch.setenv("COLUMNS", "80")
    script = "import time; time.sleep(60)"
    child = subprocess.Popen([sys.executable, "-c", script, "x" * 200, "db_worker"])
    try:
        deadline = time.monotonic() + 10
        seen: list[str] = []
        while not any(line.endswith(" db_worker") for line in seen):
            assert time.monotonic() < deadline, [line for line in seen if script in line]
            time.sleep(0.05)
            seen = _child_command_lines(os.getpid())
    finally:
        child.kill()
        child.wait()


def test_serve_starts_web_and_worker_and_stops_on_ctrl_c(tmp_path):
    port = _free_port()
    env = {
        **{
            key: value
            for key, value in os.environ.items()
            if key not in {"LEDENPANEL_DEMO", "SITE_URL"}
        },
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
        children = _child_processes(process.pid)
        commands = " ".join(command for command, _ in children)
        assert "gunicorn" in commands
        assert "db_worker" in commands
        # Without SITE_URL, links in mails and letters point where it serves.
        assert {env.get("SITE_URL") for _, env in children} == {f"http://127.0.0.1:{port}"}

        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
