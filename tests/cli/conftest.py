"""Fixtures for the `ledenpanel` command's tests."""

from __future__ import annotations

import uuid

import psycopg
import pytest

POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"


@pytest.fixture
def empty_postgres_database():
    """The URL of a new, empty database on the local PostgreSQL server, dropped afterwards."""
    name = f"ledenpanel_cli_{uuid.uuid4().hex[:8]}"
    try:
        admin = psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True)
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL server on 127.0.0.1:5432")
    admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{POSTGRES_SERVER}/{name}"
    admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.close()


class _ExitedProcess:
    """Stands in for a server process: records how it was started, then has exited."""

    started: list[tuple[list[str], dict[str, str]]]

    def __init__(self, command: list[str], *, env: dict[str, str], **_options) -> None:
        self.started.append((command, env))

    def poll(self) -> int:
        return 1

    def wait(self, timeout: float | None = None) -> int:
        return 1


@pytest.fixture
def demo_without_servers(monkeypatch):
    """`ledenpanel demo` up to starting its processes: returns how they were started."""
    from ledenpanel import demo
    from ledenpanel.cli import commands as cli
    from ledenpanel.cli import serving

    monkeypatch.setattr(cli, "_is_sqlite", lambda: True)
    monkeypatch.setattr(cli, "ensure_migrated", lambda: None)
    monkeypatch.setattr(demo, "ensure_demo_party", lambda **_: demo.DEMO_LOGINS)
    monkeypatch.setattr(_ExitedProcess, "started", [], raising=False)
    monkeypatch.setattr(serving.subprocess, "Popen", _ExitedProcess)
    monkeypatch.setenv("LEDENPANEL_DEMO", "")  # main() sets it; restored afterwards
    monkeypatch.setenv("SITE_URL", "")  # so that undoing the next line restores it
    monkeypatch.delenv("SITE_URL")
    return _ExitedProcess.started
