"""Cancelling and closing a panel: what happens to its mail."""

from __future__ import annotations

from ledenpanel.fieldwork import transitions as fieldwork
from ledenpanel.invitations.models import (
    Invitation,
    MessageKind,
    OutboxMessage,
    OutboxState,
)
from ledenpanel.panels.lifecycle import Action
from ledenpanel.panels.services import panel_transition
from tests.builders import Party, open_with_mail
from tests.factories import MemberFactory
from tests.support.smtp import SmtpServer


def test_cancelling_an_open_panel_mails_the_boards_note_without_a_link(
    party: Party, board_a1, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    panel = open_with_mail(party, django_capture_on_commit_callbacks)
    opted_out = MemberFactory(branch=party.branch_a1)
    Invitation.objects.create(
        panel=panel, member=opted_out, channel="email", verifier="x" * 64, opted_out=True
    )
    smtp_server.deliveries.clear()

    with django_capture_on_commit_callbacks(execute=True):
        panel_transition(
            panel=panel,
            action=Action.CANCEL,
            actor=board_a1,
            note="De gemeenteraad heeft het besluit al genomen.",
        )

    [delivery] = smtp_server.deliveries
    assert delivery.rcpt_tos == [party.member_a1.email]
    message = delivery.message
    assert message["Subject"] == "Geannuleerd: Wonen"
    assert message["List-Unsubscribe"] is None
    text = message.get_body(("plain",)).get_content()
    assert "De gemeenteraad heeft het besluit al genomen." in text
    assert "/p/" not in text
    assert "/p/" not in message.get_body(("html",)).get_content()


def test_a_cancelled_panel_drops_the_invitations_not_yet_sent(
    party: Party, board_a1, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    panel = open_with_mail(party, django_capture_on_commit_callbacks, extra_members=2)
    OutboxMessage.objects.update(state=OutboxState.QUEUED)  # as if the run had not started
    Invitation.objects.update(delivery="pending")
    smtp_server.deliveries.clear()

    with django_capture_on_commit_callbacks(execute=True):
        panel_transition(panel=panel, action=Action.CANCEL, actor=board_a1, note="Te laat.")

    assert smtp_server.deliveries == []
    assert not OutboxMessage.objects.filter(kind=MessageKind.INVITATION).exists()


def test_closing_forgets_who_was_reminded(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    from ledenpanel.invitations.outbox import reminders_create

    panel = open_with_mail(party, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        reminders_create(panel=panel, number=1)
    # Who was reminded is on the outbox rows only (never on the invitation).
    assert OutboxMessage.objects.filter(panel=panel, kind="reminder", state="sent").exists()

    fieldwork.panel_closed(panel=panel)

    assert not OutboxMessage.objects.filter(panel=panel).exists()
    assert Invitation.objects.get(panel=panel, member=party.member_a1).delivery == "sent"
