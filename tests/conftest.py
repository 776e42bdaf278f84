"""Shared fixtures: a small party (see ``tests.builders.Party``), one staff
account per role, branch A1's panel open, and a real SMTP server.

The functions behind them are in tests/builders.py; import from there, not
from here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from ledenpanel.accounts.models import User
from ledenpanel.organisations.models import RoleKind
from ledenpanel.panels.models import Panel
from tests.builders import (
    Party,
    build_party,
    open_panel_for,
    staff_with_role,
    verified_client,
)
from tests.support.smtp import SmtpServer, free_port

# Background tasks run inline in tests (django-tasks' immediate backend), so a
# queued mail reaches the test SMTP server when the transaction commits. The
# database queue and its worker are tested end to end in tests/core/test_tasks.py.
# Through ``override_settings``, whose signal makes django-tasks drop the
# backend it built while the apps loaded (defining a task builds it).
# Most tests run inside a transaction that another thread cannot see, so the
# outbox sends over one connection in the calling thread; the parallel lanes
# are tested on committed rows in tests/invitations/test_outbox_lanes.py.
override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    MAIL_CONNECTIONS=1,
).enable()


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Rate limits live in the process-wide cache: start every test clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def key_directory(settings, tmp_path) -> None:
    """Each test gets its own directory of panel keys, outside the database."""
    settings.KEY_DIR = tmp_path / "keys"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    """Production hashing costs ~0.3 s a password; tests create hundreds."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def party(db) -> Party:
    return build_party()


@pytest.fixture
def open_panel(party: Party) -> Panel:
    """Branch A1's panel, open, with invitations for its members (see ``open_panel_for``)."""
    return open_panel_for(party)


@pytest.fixture
def coordinator(party: Party) -> User:
    return staff_with_role(party.national, RoleKind.COORDINATOR, "coordinator@example.org")


@pytest.fixture
def board_a1(party: Party) -> User:
    return staff_with_role(party.branch_a1, RoleKind.BOARD, "board-a1@example.org")


@pytest.fixture
def board(party: Party) -> Client:
    """A board member of branch A1, logged in with both factors."""
    return verified_client(staff_with_role(party.branch_a1, RoleKind.BOARD, "bestuur@example.org"))


@pytest.fixture
def letters_dir(settings, tmp_path) -> Path:
    """This test's letter files under its own directory instead of var/."""
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR / "letters"


@pytest.fixture
def smtp_server(settings) -> Iterator[SmtpServer]:
    """Point Django's SMTP backend at an aiosmtpd server on 127.0.0.1.

    Member mail goes out without a rate limit, with From and VERP addresses
    at leden.example.org.
    """
    from aiosmtpd.controller import Controller

    # aiosmtpd logs every connection from its own thread; keep test output clean.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    server = SmtpServer(port=free_port())
    controller = Controller(server, hostname="127.0.0.1", port=server.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.MAIL_DOMAIN = "leden.example.org"
    settings.MAIL_RATE = 0
    yield server
    controller.stop()
