"""The close procedure: responses written once, keys destroyed, leftovers deleted.

See ``procedure`` for the stages, ``cleanup`` for what a close or a cancel
deletes, ``schedule`` for closing on the closing date, and
docs/anonymity.md (section 4, step 5) for why.
"""

from ledenpanel.closing.cleanup import panel_discard, panel_discard_task
from ledenpanel.closing.procedure import (
    CloseError,
    panel_close,
    panel_close_enqueue,
    panel_close_task,
    panel_closing_stage,
)
from ledenpanel.closing.schedule import (
    close_due_panels,
    panel_close_due,
    schedule_close_due,
)

__all__ = [
    "CloseError",
    "close_due_panels",
    "panel_close",
    "panel_close_due",
    "panel_close_enqueue",
    "panel_close_task",
    "panel_closing_stage",
    "panel_discard",
    "panel_discard_task",
    "schedule_close_due",
]
