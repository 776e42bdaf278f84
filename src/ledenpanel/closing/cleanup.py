"""Deleting what fieldwork leaves behind: at close (transaction B) and on cancel.

What goes: envelopes (only late ones remain at close: transaction A deletes
the ones it opened), receipts, every draft, mail not yet sent (its body was
never stored: the worker renders it when it sends), letter files, the
letter batches' lists of invitations (which member got which letter run),
and the per-member responded flags (the counts are kept in ``PanelClosing``).

What stays, on purpose: invitations with their verifiers (a link keeps
opening the member's results page), delivery status and the follow-up
choices ("keep me informed", "join a network"), which say that a member took
part, never what they answered (docs/anonymity.md).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from ledenpanel.closing.models import CloseStage, PanelClosing
from ledenpanel.invitations.letters import letter_batches_forget, letter_files_delete
from ledenpanel.invitations.models import (
    Invitation,
    MessageKind,
    OutboxMessage,
    OutboxState,
)
from ledenpanel.invitations.services import key_store
from ledenpanel.panels.models import Panel, PanelState
from ledenpanel.responses.models import Draft, Envelope, Receipt

logger = logging.getLogger("ledenpanel.closing")


def leftovers_delete(*, panel: Panel, reason: str) -> int:
    """Delete the panel's fieldwork leftovers; returns how many envelopes were left.

    Run inside a transaction, after the keys are destroyed. Mail that is
    still queued is marked failed with ``reason``; a cancellation notice is
    left alone (it carries no link and must still reach the members).
    """
    envelopes, _by_model = Envelope.objects.filter(panel=panel).delete()
    Receipt.objects.filter(panel=panel).delete()
    Draft.objects.filter(panel=panel).delete()
    OutboxMessage.objects.filter(
        panel=panel, state__in=[OutboxState.QUEUED, OutboxState.SENDING]
    ).exclude(kind=MessageKind.CANCELLATION).update(state=OutboxState.FAILED, error=reason)
    letter_files_delete(panel=panel)
    # Every batch is emptied (one UPDATE, so all share this transaction's id):
    # a reminder run's list once named exactly those who had not answered.
    letter_batches_forget(panel=panel)
    Invitation.objects.filter(panel=panel).exclude(responded=None).update(responded=None)
    return envelopes


def panel_discard(*, panel: Panel) -> PanelClosing:
    """A cancelled open panel: destroy its keys and delete every answer, unread.

    No response is written: the members were told the panel is cancelled.
    ``PanelClosing`` records only how many had submitted.
    """
    panel.refresh_from_db(fields=["state"])
    if panel.state != PanelState.CANCELLED:
        raise ValueError(f"panel {panel.public_id} is {panel.state}, not cancelled")
    closing, _created = PanelClosing.objects.get_or_create(panel=panel)
    if closing.stage == CloseStage.DONE:
        return closing
    submitted = Envelope.objects.filter(panel=panel).count()
    key_store().destroy(str(panel.public_id))
    with transaction.atomic():
        closing = PanelClosing.objects.select_for_update().get(pk=closing.pk)
        if closing.stage == CloseStage.DONE:
            return closing
        leftovers_delete(panel=panel, reason="panel geannuleerd")
        closing.stage = CloseStage.DONE
        closing.finished_at = timezone.now()
        closing.aggregates = {"discarded": True, "submitted": submitted}
        closing.save()
    logger.info("panel %s cancelled: %d submitted answers discarded", panel.public_id, submitted)
    return closing


@task()
def panel_discard_task(panel_id: int) -> str:
    panel = Panel.objects.filter(pk=panel_id).first()
    if panel is None or panel.state != PanelState.CANCELLED:
        return "skipped"
    return str(panel_discard(panel=panel).stage)


def panel_discard_enqueue(*, panel: Panel) -> None:
    """After the commit that cancelled an open panel (keys die only if it commits)."""
    panel_id = panel.pk
    transaction.on_commit(lambda: panel_discard_task.enqueue(panel_id))
