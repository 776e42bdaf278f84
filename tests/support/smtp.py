"""A real SMTP server on loopback (aiosmtpd) that records what it receives.

The ``smtp_server`` fixture in tests/conftest.py starts one and points
Django's SMTP backend at it; import these names only for type hints.
"""

from __future__ import annotations

import email
import email.policy
import socket
import time
from dataclasses import dataclass, field
from functools import cached_property


@dataclass
class Delivery:
    """One message as the SMTP server received it: envelope and bytes."""

    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    peer: tuple = ()  # the client's (host, port): one per SMTP connection

    @cached_property
    def message(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.raw, policy=email.policy.default)


@dataclass
class SmtpServer:
    """A real SMTP server on loopback that keeps what it receives.

    It records each delivery's envelope (the VERP sender, the recipients) and
    raw bytes (a resend must be identical), and refuses or defers the
    addresses in ``refuse`` with the SMTP reply given there.
    """

    deliveries: list[Delivery] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # address → SMTP reply
    port: int = 0

    @property
    def messages(self) -> list[email.message.EmailMessage]:
        return [delivery.message for delivery in self.deliveries]

    def wait_for(self, count: int, timeout: float = 5.0) -> list[email.message.EmailMessage]:
        """The messages, once there are ``count`` (or fewer when ``timeout`` passes)."""
        deadline = time.monotonic() + timeout
        while len(self.deliveries) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.messages

    def to(self, address: str) -> list[Delivery]:
        return [delivery for delivery in self.deliveries if address in delivery.rcpt_tos]

    # aiosmtpd handler hooks

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.deliveries.append(
            Delivery(
                envelope.mail_from,
                list(envelope.rcpt_tos),
                bytes(envelope.content),
                tuple(session.peer),
            )
        )
        return "250 Message accepted for delivery"


def free_port() -> int:
    """A loopback port nobody listens on (aiosmtpd needs a concrete one to check it started)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
