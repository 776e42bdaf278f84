"""A real SMTP server on loopback that records envelopes and can refuse addresses.

The shared ``smtp_server`` fixture keeps parsed messages only; the outbox
tests also need the envelope sender (VERP), the raw bytes (resends must be
identical) and a server that refuses or defers chosen recipients.
"""

from __future__ import annotations

import email
import email.policy
import logging
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest


@dataclass
class Delivery:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    peer: tuple = ()  # the client's (host, port): one per SMTP connection

    @property
    def message(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.raw, policy=email.policy.default)


@dataclass
class MailServer:
    deliveries: list[Delivery] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # address → SMTP reply
    port: int = 0

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

    def wait_for(self, count: int, timeout: float = 5.0) -> list[Delivery]:
        deadline = time.monotonic() + timeout
        while len(self.deliveries) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.deliveries

    def to(self, address: str) -> list[Delivery]:
        return [delivery for delivery in self.deliveries if address in delivery.rcpt_tos]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(name="mail_server")
def mail_server_fixture(settings) -> Iterator[MailServer]:
    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)
    server = MailServer(port=free_port())
    controller = Controller(server, hostname="127.0.0.1", port=server.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.MAIL_DOMAIN = "leden.example.org"
    settings.MAIL_RATE = 0
    settings.SITE_URL = "https://panel.example.org"
    yield server
    controller.stop()
