"""What a panel's state changes set going during fieldwork.

``panels.services.panel_transition`` calls these inside its transaction
(``register`` hands them over at start-up); anything that must wait for the
commit (tasks, mail) uses ``transaction.on_commit``. Every part of fieldwork
(mail, letters, the open link, closing) has its step here, so the order is
visible in one place.
"""

from __future__ import annotations

from ledenpanel.closing import tasks as closing_tasks
from ledenpanel.invitations import letters, outbox
from ledenpanel.invitations.models import PanelOpening
from ledenpanel.invitations.services import panel_open_invitations
from ledenpanel.panels.lifecycle import Action
from ledenpanel.panels.models import Panel, PanelState
from ledenpanel.panels.services import transition_effect_register
from ledenpanel.responses.open_mode import open_slug_assign


def panel_opened(*, panel: Panel, seed: int | None = None) -> PanelOpening:
    """Create the invitations, then start the runs that deliver them."""
    opening = panel_open_invitations(panel=panel, seed=seed)
    open_slug_assign(panel=panel)  # the public link, when the panel has one
    outbox.outbox_invite(panel=panel)  # e-mail invitations, sent by the worker
    outbox.reminders_schedule(panel=panel, opened_at=opening.opened_at)
    letters.letter_run_enqueue(panel=panel)  # letters to members without e-mail, as PDFs
    # It closes itself on its closing date.
    closing_tasks.panel_close_due_enqueue_on_commit(panel=panel)
    return opening


def panel_closed(*, panel: Panel) -> None:
    """The board closed the panel (or its closing date passed)."""
    outbox.outbox_panel_closed(panel=panel)  # no reminder rows survive the close
    closing_tasks.panel_close_enqueue(panel=panel)  # responses written, keys destroyed (worker)


def panel_cancelled(*, panel: Panel, was_open: bool, message: str) -> None:
    """The board cancelled the panel; ``message`` is its note to the members.

    The note itself is kept in the panel's history (the cancel event), from
    which the cancellation e-mail is rendered.
    """
    outbox.outbox_cancel(panel=panel, was_open=was_open)
    if was_open:
        closing_tasks.panel_discard_enqueue(panel=panel)  # answers discarded unread, keys destroyed


def _on_open(*, panel: Panel, source: PanelState, seed: int | None, note: str) -> None:
    panel_opened(panel=panel, seed=seed)


def _on_close(*, panel: Panel, source: PanelState, seed: int | None, note: str) -> None:
    panel_closed(panel=panel)


def _on_cancel(*, panel: Panel, source: PanelState, seed: int | None, note: str) -> None:
    panel_cancelled(panel=panel, was_open=source == PanelState.OPEN, message=note)


def register() -> None:
    """Hand the steps to ``panels.services`` (called once, from ``fieldwork.apps``)."""
    transition_effect_register(action=Action.OPEN, effect=_on_open)
    transition_effect_register(action=Action.CLOSE, effect=_on_close)
    transition_effect_register(action=Action.CANCEL, effect=_on_cancel)
