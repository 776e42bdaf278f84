"""What a panel's state changes set going during fieldwork.

``panels.services.panel_transition`` calls these inside its transaction;
anything that must wait for the commit (tasks, mail) uses
``transaction.on_commit``. Each part of fieldwork (mail, letters, the open
link, closing) adds its own step here, so the order is visible in one place.
"""

from __future__ import annotations

from ledenpanel.invitations.models import PanelOpening
from ledenpanel.invitations.services import panel_open_invitations
from ledenpanel.panels.models import Panel


def panel_opened(*, panel: Panel, seed: int | None = None) -> PanelOpening:
    """Create the invitations, then start the runs that deliver them."""
    opening = panel_open_invitations(panel=panel, seed=seed)
    # STEPS-OPENED (each part adds its call above this line)
    return opening


def panel_closed(*, panel: Panel) -> None:
    """The board closed the panel (or its closing date passed)."""
    # STEPS-CLOSED (each part adds its call above this line)


def panel_cancelled(*, panel: Panel, was_open: bool, message: str) -> None:
    """The board cancelled the panel; ``message`` is its note to the members."""
    # STEPS-CANCELLED (each part adds its call above this line)
