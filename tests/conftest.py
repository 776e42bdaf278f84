"""Shared fixtures: a small party and one staff account per role.

The party: national NL → regions G1, G2 → branches A1, A2 (in G1), B1 (in G2),
plus a network N1 under the national unit.
"""

from __future__ import annotations

import email
import email.policy
import logging
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django_otp import DEVICE_ID_SESSION_KEY

from ledenpanel.accounts.models import User
from ledenpanel.organisations.models import Member, Role, RoleKind, Unit, UnitKind
from ledenpanel.panels.models import Panel, PanelRequest, QuestionComment
from tests.factories import MemberFactory, RoleFactory, UnitFactory, UserFactory, totp_device_for

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


@dataclass
class Party:
    national: Unit
    region_1: Unit
    region_2: Unit
    branch_a1: Unit
    branch_a2: Unit
    branch_b1: Unit
    network: Unit
    member_a1: Member
    member_b1: Member
    board_role_a1: Role
    panel_a1: Panel
    request_a1: PanelRequest
    comment_a1: QuestionComment


@pytest.fixture
def party(db) -> Party:
    national = UnitFactory(code="NL", name="Landelijk", kind=UnitKind.LANDELIJK)
    region_1 = UnitFactory(code="G1", name="Gewest Noord", kind=UnitKind.GEWEST, parent=national)
    region_2 = UnitFactory(code="G2", name="Gewest Zuid", kind=UnitKind.GEWEST, parent=national)
    branch_a1 = UnitFactory(code="A1", name="Afdeling Aa", kind=UnitKind.AFDELING, parent=region_1)
    branch_a2 = UnitFactory(code="A2", name="Afdeling Ab", kind=UnitKind.AFDELING, parent=region_1)
    branch_b1 = UnitFactory(code="B1", name="Afdeling Ba", kind=UnitKind.AFDELING, parent=region_2)
    network = UnitFactory(code="N1", name="Netwerk Zorg", kind=UnitKind.NETWERK, parent=national)
    member_a1 = MemberFactory(branch=branch_a1, last_name="Aalders")
    member_a1.groups.add(network)
    member_b1 = MemberFactory(branch=branch_b1, last_name="Bakker")
    board_role_a1 = RoleFactory(unit=branch_a1, kind=RoleKind.BOARD)
    panel_a1 = Panel.objects.create(
        unit=branch_a1,
        title="Wonen",
        topic="Betaalbaar wonen",
        purpose="Standpunt bepalen",
        coach_review_required=False,
        questionnaire={
            "sections": [
                {
                    "name": "deel_1",
                    "questions": [
                        {
                            "name": "woonlasten",
                            "type": "rating",
                            "label": "Welk cijfer geeft u uw woonlasten?",
                            "rationale": "Om te vergelijken.",
                        }
                    ],
                }
            ]
        },
    )
    comment_a1 = QuestionComment.objects.create(
        panel=panel_a1, question_name="woonlasten", text="Duidelijk."
    )
    request_a1 = PanelRequest.objects.create(
        unit=branch_a1,
        topic="Zorg",
        reason="Zorgen",
        requester_kind="members",
        requesters="Leden",
        contact_email="leden@example.org",
    )
    return Party(
        national,
        region_1,
        region_2,
        branch_a1,
        branch_a2,
        branch_b1,
        network,
        member_a1,
        member_b1,
        board_role_a1,
        panel_a1,
        request_a1,
        comment_a1,
    )


def staff_with_role(unit: Unit, kind: RoleKind, email: str) -> User:
    return RoleFactory(user=UserFactory(email=email), unit=unit, kind=kind).user


def verified_client(user: User) -> Client:
    """A client logged in with password and a confirmed second factor."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device_for(user).persistent_id
    session.save()
    return client


@pytest.fixture
def coordinator(party: Party) -> User:
    return staff_with_role(party.national, RoleKind.COORDINATOR, "coordinator@example.org")


@pytest.fixture
def board_a1(party: Party) -> User:
    return staff_with_role(party.branch_a1, RoleKind.BOARD, "board-a1@example.org")


@dataclass
class SmtpServer:
    """A real SMTP server on loopback that keeps what it receives."""

    messages: list[email.message.EmailMessage]

    def wait_for(self, count: int, timeout: float = 5.0) -> list[email.message.EmailMessage]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.messages


class _Collector:
    def __init__(self, messages: list[email.message.EmailMessage]) -> None:
        self.messages = messages

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(parsed)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings) -> Iterator[SmtpServer]:
    """Point Django's SMTP backend at an aiosmtpd server on 127.0.0.1."""
    from aiosmtpd.controller import Controller

    # aiosmtpd logs every connection from its own thread; keep test output clean.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    received: list[email.message.EmailMessage] = []
    with socket.socket() as probe:  # aiosmtpd needs a concrete port to check it started
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(_Collector(received), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield SmtpServer(received)
    controller.stop()
