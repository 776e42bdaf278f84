"""Writes of closing: the close procedure, discarding a cancelled panel, closing when due.

docs/anonymity.md, section 4, step 5. Three stages, each recorded in
``PanelClosing.stage`` so the procedure resumes where a crash left it and
repeating it is harmless:

``started`` → **transaction A** (:func:`close_write_responses`): open every
envelope, compute the aggregates from the fine data, choose the panel-wide
band coding, insert the responses in random order with random ids, delete the
opened envelopes, and record ``written``. It writes no row that names a member
or an invitation, so on PostgreSQL no response shares an ``xmin`` with one.
If the worker dies inside A, nothing was written and the keys still exist.

``written`` → **destroy the keys** (:func:`close_destroy_keys`), then
``keys_destroyed``. From here every leftover, in any copy, is unreadable.

``keys_destroyed`` → **transaction B** (:func:`close_clean_up`): delete
receipts, drafts, leftover envelopes, pending mail and letter files, empty the
letter batches' lists of invitations, clear the responded flags, then
``done``; then the steps registered to follow a close run (the analysis,
which ``results`` registers at start-up: it sits above this package).

What a close or a cancel deletes is :func:`leftovers_delete`; a cancelled open
panel's answers are discarded unread by :func:`panel_discard`. Panels whose
closing date has passed are closed by :func:`panel_close_if_due` (the task
queued at opening, ``closing.tasks``) and :func:`close_due_panels` (cron).
The tasks that run these in the worker are in ``closing.tasks``; reads are in
``closing.selectors``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from ledenpanel.analysis.disclosure import DEFAULT_MIN_GROUP
from ledenpanel.closing.aggregates import Opened, build_aggregates
from ledenpanel.closing.models import CloseStage, PanelClosing
from ledenpanel.closing.selectors import close_is_due
from ledenpanel.invitations import crypto
from ledenpanel.invitations.keyring import key_store
from ledenpanel.invitations.letters import letter_batches_forget, letter_files_delete
from ledenpanel.invitations.models import (
    Invitation,
    MessageKind,
    OutboxMessage,
    OutboxState,
)
from ledenpanel.kernel.questionnaire.schema import Questionnaire
from ledenpanel.panels.lifecycle import CLOSED_STATES, Action
from ledenpanel.panels.models import Panel, PanelState
from ledenpanel.panels.services import panel_transition
from ledenpanel.responses.models import Draft, Envelope, Receipt, Response

logger = logging.getLogger("ledenpanel.closing")

# Run once a close is done, in the transaction of its last stage: the analysis
# (``results.apps`` registers it). A close that nothing analyses is a
# configuration error, said loudly rather than leaving a panel without results.
_AFTER_CLOSE: list[Callable[..., None]] = []


def after_close_register(step: Callable[..., None]) -> None:
    """Call ``step(panel=…)`` when a close is done (once per step)."""
    if step not in _AFTER_CLOSE:
        _AFTER_CLOSE.append(step)


BATCH = 1000


class CloseError(Exception):
    """The procedure cannot go on (the panel is not closed, or its keys are gone early)."""


def _closing(panel: Panel) -> PanelClosing:
    closing, _created = PanelClosing.objects.get_or_create(
        panel=panel, defaults={"min_group": DEFAULT_MIN_GROUP}
    )
    return closing


def _inside_transaction() -> bool:
    """True inside an ``atomic`` block (a test case's own blocks do not count)."""
    blocks = transaction.get_connection().atomic_blocks
    return any(not getattr(block, "_from_testcase", False) for block in blocks)


def panel_close(*, panel: Panel) -> PanelClosing:
    """Run (or resume) the close procedure of a closed panel, synchronously.

    It must run outside any transaction: A has to commit before the keys are
    destroyed, and B must be a transaction of its own, or responses would
    share a transaction id with the invitations B updates.
    """
    if _inside_transaction():
        raise CloseError("the close procedure runs outside a transaction")
    panel.refresh_from_db(fields=["state"])
    if panel.state not in CLOSED_STATES:
        raise CloseError(f"panel {panel.public_id} is {panel.state}, not closed")
    started = time.monotonic()
    closing = _closing(panel)
    if closing.stage == CloseStage.STARTED:
        closing = close_write_responses(panel=panel)
    if closing.stage == CloseStage.RESPONSES_WRITTEN:
        closing = close_destroy_keys(panel=panel)
    if closing.stage == CloseStage.KEYS_DESTROYED:
        closing = close_clean_up(panel=panel)
    logger.info(
        "panel %s closed: %d member and %d open responses in %.1f s",
        panel.public_id,
        closing.respondents,
        closing.open_respondents,
        time.monotonic() - started,
    )
    return closing


def _read_keys(panel: Panel) -> crypto.PanelKeys | None:
    try:
        return key_store().read(str(panel.public_id))
    except crypto.KeysDestroyed:  # (a KeysMissing too: catch it first)
        raise CloseError(
            f"the keys of panel {panel.public_id} are destroyed but its responses were "
            "never written: its envelopes cannot be opened any more"
        ) from None
    except crypto.KeysMissing:
        return None


@transaction.atomic
def close_write_responses(*, panel: Panel) -> PanelClosing:
    """Transaction A: envelopes → aggregates, coding and shuffled responses."""
    closing = PanelClosing.objects.select_for_update().get(panel=panel)
    if closing.stage != CloseStage.STARTED:
        return closing  # another run got here first
    envelopes = list(
        Envelope.objects.filter(panel=panel).values_list("id", "ciphertext", "is_open")
    )
    keys = _read_keys(panel)
    if envelopes and keys is None:
        raise CloseError(f"panel {panel.public_id} has envelopes but no keys on this server")
    opened = [
        Opened.from_payload(
            crypto.open_envelope(keys.private_key, bytes(ciphertext)), is_open=is_open
        )
        for _id, ciphertext, is_open in envelopes
    ]
    del keys
    invited = list(Invitation.objects.filter(panel=panel).values_list("background", "responded"))
    definition = panel.approved_version.definition if panel.approved_version else {}
    aggregates, coding = build_aggregates(
        opened=opened,
        invited=invited,
        questionnaire=Questionnaire.from_dict(definition),
        k=closing.min_group,
    )
    keep_bands = aggregates["has_results"]
    responses = [
        Response(
            panel=panel,
            answers=item.answers,
            bands={} if item.is_open or not keep_bands else coding.apply(item.background),
            is_open=item.is_open,
            evaluation=item.evaluation,
        )
        for item in opened
    ]
    del opened
    # The order of the rows on disk must not follow the order of submitting.
    responses = crypto.random_order(responses)
    Response.objects.bulk_create(responses, batch_size=BATCH)
    ids = [envelope_id for envelope_id, _ciphertext, _is_open in envelopes]
    for start in range(0, len(ids), BATCH):
        Envelope.objects.filter(id__in=ids[start : start + BATCH]).delete()
    closing.stage = CloseStage.RESPONSES_WRITTEN
    closing.respondents = aggregates["respondents"]
    closing.open_respondents = aggregates["open_respondents"]
    closing.coding = aggregates.pop("coding")
    closing.aggregates = aggregates
    closing.save()
    return closing


def close_destroy_keys(*, panel: Panel) -> PanelClosing:
    """Destroy the panel's keys once the responses are safely written.

    The link key alone stays (until the panel is archived): the results mail
    and letter carry each member's own link and code, which only it rebuilds.
    It opens no answer; see ``crypto.keystore``."""
    closing = PanelClosing.objects.get(panel=panel)
    if closing.stage != CloseStage.RESPONSES_WRITTEN:
        return closing
    key_store().destroy(str(panel.public_id), keep_link_key=True)
    PanelClosing.objects.filter(pk=closing.pk, stage=CloseStage.RESPONSES_WRITTEN).update(
        stage=CloseStage.KEYS_DESTROYED
    )
    closing.refresh_from_db()
    return closing


@transaction.atomic
def close_clean_up(*, panel: Panel) -> PanelClosing:
    """Transaction B: delete every leftover of fieldwork (idempotent)."""
    closing = PanelClosing.objects.select_for_update().get(panel=panel)
    if closing.stage != CloseStage.KEYS_DESTROYED:
        return closing
    late = leftovers_delete(panel=panel, reason="panel gesloten")
    if late:
        # Submitted after transaction A read the envelopes: unreadable now.
        logger.warning("panel %s: %d late envelopes could not be opened", panel.public_id, late)
    closing.aggregates = {**closing.aggregates, "late_envelopes": late}
    closing.stage = CloseStage.DONE
    closing.finished_at = timezone.now()
    closing.save(update_fields=["aggregates", "stage", "finished_at"])
    if not _AFTER_CLOSE:
        raise ImproperlyConfigured("nothing is registered to follow a close (the analysis)")
    for step in _AFTER_CLOSE:
        step(panel=panel)
    return closing


def leftovers_delete(*, panel: Panel, reason: str) -> int:
    """Delete what fieldwork left behind, at close (transaction B) and on cancel.

    What goes: envelopes (only late ones remain at close: transaction A
    deletes the ones it opened), receipts, every draft, mail not yet sent (its
    body was never stored: the worker renders it when it sends), letter files,
    the letter batches' lists of invitations (which member got which letter
    run), and the per-member responded flags (the counts are kept in
    ``PanelClosing``). What stays, on purpose: invitations with their
    verifiers (a link keeps opening the member's results page), delivery
    status and the follow-up choices, which say that a member took part, never
    what they answered (docs/anonymity.md).

    Returns how many envelopes were left. Run inside a transaction, after the
    keys are destroyed. Mail that is still queued is marked failed with
    ``reason``; a cancellation notice is left alone (it carries no link and
    must still reach the members).
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


def panel_close_if_due(*, panel: Panel) -> bool:
    """Close an open panel whose closing date has passed; False if it is not (any more)."""
    with transaction.atomic():
        panel = Panel.objects.select_for_update().get(pk=panel.pk)
        if panel.state != PanelState.OPEN or not close_is_due(panel=panel):
            return False
        panel_transition(panel=panel, action=Action.CLOSE, actor=None)
    logger.info("panel %s closed on its closing date", panel.public_id)
    return True


def close_due_panels() -> list[Panel]:
    """Close every open panel whose closing date has passed (cron, operations)."""
    today = timezone.localdate()
    closed = []
    for panel in Panel.objects.filter(state=PanelState.OPEN, closes_on__lt=today):
        if panel_close_if_due(panel=panel):
            closed.append(panel)
    return closed
