"""Invitation mail through the outbox, received by a real SMTP server."""

from __future__ import annotations

import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.test import Client
from django.utils import timezone

from ledenpanel.invitations.models import (
    Channel,
    DeliveryStatus,
    Invitation,
    MessageKind,
    OutboxMessage,
    OutboxState,
)
from ledenpanel.invitations.outbox import outbox_progress, outbox_send
from ledenpanel.invitations.outbox_send import outbox_claim, outbox_send_pending
from tests.builders import Party, open_with_mail
from tests.support.smtp import SmtpServer


def _link(text: str, marker: str) -> str:
    return next(line.strip() for line in text.splitlines() if marker in line)


def test_it_mails_every_email_invitation_with_deliverability_headers(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://panel.example.org"
    panel = open_with_mail(party, django_capture_on_commit_callbacks)

    invitation = Invitation.objects.get(panel=panel, member=party.member_a1)
    [delivery] = smtp_server.to(party.member_a1.email)
    message = delivery.message
    row = OutboxMessage.objects.get(invitation=invitation, kind=MessageKind.INVITATION)
    assert delivery.mail_from == f"bounces+{invitation.public_id.hex}@leden.example.org"
    assert message["From"].addresses[0].display_name == "Bestuur Afdeling Aa via Ledenpanel"
    assert message["From"].addresses[0].addr_spec == "noreply@leden.example.org"
    assert str(message["Reply-To"]) == party.board_role_a1.user.email
    assert message["Message-ID"].strip() == row.message_id
    assert message["Subject"] == "Uw mening gevraagd: Wonen"
    unsubscribe = message["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://panel.example.org/afmelden/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Standpunt bepalen" in text
    assert "Standpunt bepalen" in html
    assert "anoniem" in text
    assert "Afdeling Aa" in text
    link = _link(text, "/p/")
    assert link in html

    answering = Client().get(urlsplit(link).path)
    assert answering.status_code == 200
    assert Client().get(urlsplit(unsubscribe.strip("<>")).path).status_code == 200

    row.refresh_from_db()
    invitation.refresh_from_db()
    assert row.state == OutboxState.SENT
    assert row.sent_at is not None
    assert invitation.delivery == DeliveryStatus.SENT
    letters = Invitation.objects.filter(panel=panel, channel=Channel.LETTER)
    assert letters.exists()
    assert not OutboxMessage.objects.filter(invitation__in=letters).exists()
    assert outbox_progress(panel=panel) == {"sent": 1, "failed": 0, "to_go": 0}


def test_it_stores_no_body_and_no_token(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    open_with_mail(party, django_capture_on_commit_callbacks)
    [delivery] = smtp_server.deliveries
    token = _link(delivery.message.get_body(("plain",)).get_content(), "/p/").rsplit("/", 2)[1]
    row = OutboxMessage.objects.values().get()
    assert token not in repr(row)


def test_a_message_taken_up_after_a_crash_is_the_same_message(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    open_with_mail(party, django_capture_on_commit_callbacks)
    [first] = smtp_server.deliveries
    row = OutboxMessage.objects.get()
    # A worker claimed it, sent it, and was killed before marking it sent.
    OutboxMessage.objects.filter(pk=row.pk).update(
        state=OutboxState.SENDING, claimed_at=timezone.now() - timedelta(minutes=10)
    )

    summary = outbox_send_pending()

    assert summary.sent == 1
    smtp_server.wait_for(2)
    [_, again] = smtp_server.deliveries
    assert again.message["Message-ID"].strip() == row.message_id
    assert again.raw == first.raw  # same Date, boundary and text


def test_a_claim_still_within_its_lease_is_left_alone(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks, settings
):
    open_with_mail(party, django_capture_on_commit_callbacks, extra_members=3)
    OutboxMessage.objects.update(state=OutboxState.QUEUED)
    first = outbox_claim(size=2)
    second = outbox_claim(size=10)
    assert len(first) == 2
    assert len(second) == 2
    assert not set(first) & set(second)
    assert outbox_claim(size=10) == []  # all four are leased


def test_refused_and_deferred_recipients_are_recorded_per_invitation(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    refused = "weigeraar@example.net"
    deferred = "later@example.net"
    smtp_server.refuse = {
        refused: "550 5.1.1 <weigeraar@example.net>: Recipient address rejected",
        deferred: "451 4.7.1 Greylisted, try again later",
    }
    from tests.factories import MemberFactory

    MemberFactory(branch=party.branch_a1, email=refused)
    MemberFactory(branch=party.branch_a1, email=deferred)
    open_with_mail(party, django_capture_on_commit_callbacks)

    failed = Invitation.objects.get(member__email=refused)
    waiting = Invitation.objects.get(member__email=deferred)
    sent = Invitation.objects.get(member=party.member_a1)
    assert failed.delivery == DeliveryStatus.FAILED
    assert "550 5.1.1" in failed.delivery_error
    assert waiting.delivery == DeliveryStatus.PENDING
    assert "451" in waiting.delivery_error
    assert sent.delivery == DeliveryStatus.SENT
    retry = OutboxMessage.objects.get(invitation=waiting)
    assert retry.state == OutboxState.QUEUED
    assert retry.not_before > timezone.now()
    assert len(smtp_server.deliveries) == 1

    # When the delay has passed, the greylisting server accepts it.
    smtp_server.refuse = {}
    OutboxMessage.objects.filter(pk=retry.pk).update(not_before=timezone.now())
    outbox_send_pending()
    waiting.refresh_from_db()
    assert waiting.delivery == DeliveryStatus.SENT
    assert waiting.delivery_error == ""


def test_a_server_that_is_down_leaves_the_messages_queued(
    party: Party, django_capture_on_commit_callbacks, settings
):
    from tests.support.smtp import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    panel = open_with_mail(party, django_capture_on_commit_callbacks)

    row = OutboxMessage.objects.get(panel=panel)
    assert row.state == OutboxState.QUEUED
    assert row.not_before is not None
    invitation = row.invitation
    assert invitation.delivery == DeliveryStatus.PENDING
    assert "Connection" in invitation.delivery_error or "refused" in invitation.delivery_error


def test_the_rate_limit_spaces_the_messages(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks, settings
):
    open_with_mail(party, django_capture_on_commit_callbacks, extra_members=9)
    assert len(smtp_server.deliveries) == 10
    OutboxMessage.objects.update(state=OutboxState.QUEUED, sent_at=None)
    settings.MAIL_RATE = 20  # 10 messages: 9 gaps of 50 ms

    started = time.monotonic()
    outbox_send.call()
    elapsed = time.monotonic() - started

    assert len(smtp_server.wait_for(20)) == 20
    assert 0.4 <= elapsed < 3.0


def test_the_prepared_template_gives_the_same_mail_as_building_it_in_full(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    import email
    import email.policy

    from ledenpanel.invitations.mailmessage import MailBuilder

    party.member_a1.first_name = "Zoë <&>"
    party.member_a1.save()
    open_with_mail(party, django_capture_on_commit_callbacks)
    row = OutboxMessage.objects.select_related("invitation__member", "panel__unit").get()
    mail = MailBuilder().build(row)
    assert mail.raw is not None
    fast = email.message_from_bytes(mail.raw, policy=email.policy.default)
    mail.raw = None
    full = email.message_from_bytes(mail.message().as_bytes(), policy=email.policy.default)

    assert fast.items() == full.items()
    for kind in ("plain", "html"):
        assert fast.get_body((kind,)).get_content() == full.get_body((kind,)).get_content()
    assert "Beste Zoë <&>," in fast.get_body(("plain",)).get_content()
    assert "Beste Zoë &lt;&amp;&gt;," in fast.get_body(("html",)).get_content()
