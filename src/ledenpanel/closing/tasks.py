"""The worker's side of closing: close a panel, discard a cancelled one, close when due.

Each task takes a panel id, loads the panel afresh and returns a short word
for the task log (never a count of answers). Each ``…_enqueue`` queues its
task after the commit of the transaction that asked for it, so nothing runs
for a change that was rolled back (a cancelled panel's keys die only if the
cancel commits).

Closing on the closing date: at opening, ``panel_close_due_task`` is queued to
run at midnight after ``closes_on`` (local time). When it runs it checks the
date again: a panel whose closing date was moved later is queued again for
the new date, one already closed or cancelled is left alone. ``ledenpanel
manage close_due_panels`` does the same for every open panel, for cron or for
a queue that lost its scheduled task.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from ledenpanel.closing.selectors import close_is_due, close_moment
from ledenpanel.closing.services import panel_close, panel_close_if_due, panel_discard
from ledenpanel.panels.models import Panel, PanelState


@task()
def panel_close_task(panel_id: int) -> str:
    """Close (or resume closing) one panel; returns the stage only."""
    panel = Panel.objects.filter(pk=panel_id).select_related("approved_version").first()
    if panel is None:
        return "gone"
    return str(panel_close(panel=panel).stage)


def panel_close_enqueue(*, panel: Panel) -> None:
    """After the commit that closed the panel, let the worker close it."""
    panel_id = panel.pk
    transaction.on_commit(lambda: panel_close_task.enqueue(panel_id))


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


@task()
def panel_close_due_task(panel_id: int) -> str:
    """Close the panel if its closing date has passed; queue again if it moved."""
    panel = Panel.objects.filter(pk=panel_id).first()
    if panel is None or panel.state != PanelState.OPEN:
        return "not open"
    if not close_is_due(panel=panel):
        if panel_close_due_task.get_backend().supports_defer:
            panel_close_due_enqueue(panel=panel)  # the closing date was moved later
        return "not due"
    return "closed" if panel_close_if_due(panel=panel) else "not open"


def panel_close_due_enqueue(*, panel: Panel) -> None:
    """Queue the automatic close for the panel's closing date.

    Backends that cannot defer (the immediate backend in tests) run the
    task at once; it then finds the panel not due and does nothing.
    """
    moment = close_moment(panel=panel)
    if moment is None:
        return
    if panel_close_due_task.get_backend().supports_defer:
        panel_close_due_task.using(run_after=moment).enqueue(panel.pk)
    else:
        panel_close_due_task.enqueue(panel.pk)


def panel_close_due_enqueue_on_commit(*, panel: Panel) -> None:
    """At opening: once it commits, queue the close for the closing date."""
    panel_id = panel.pk

    def schedule() -> None:
        fresh = Panel.objects.filter(pk=panel_id).first()
        if fresh is not None:
            panel_close_due_enqueue(panel=fresh)

    transaction.on_commit(schedule)
