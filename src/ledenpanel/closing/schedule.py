"""Closing a panel automatically at the end of its closing date.

At opening, a ``panel_close_due`` task is queued to run at midnight after
``closes_on`` (local time). When it runs it checks the date again: a panel
whose closing date was moved later is queued again for the new date, one
already closed or cancelled is left alone. ``ledenpanel manage
close_due_panels`` does the same for every open panel, for cron or for a
queue that lost its scheduled task.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from ledenpanel.closing.models import CloseStage
from ledenpanel.panels.lifecycle import CLOSED_STATES, Action
from ledenpanel.panels.models import Panel, PanelState
from ledenpanel.panels.services import panel_transition

logger = logging.getLogger("ledenpanel.closing")


def close_moment(panel: Panel) -> datetime | None:
    """The end of the closing date in the site's time zone."""
    if panel.closes_on is None:
        return None
    midnight = datetime.combine(panel.closes_on + timedelta(days=1), time.min)
    return timezone.make_aware(midnight, timezone.get_current_timezone())


def is_due(panel: Panel, *, now: datetime | None = None) -> bool:
    moment = close_moment(panel)
    return moment is not None and (now or timezone.now()) >= moment


def schedule_close_due(*, panel: Panel) -> None:
    """Queue the automatic close for the panel's closing date.

    Backends that cannot defer (the immediate backend in tests) run the
    task at once; it then finds the panel not due and does nothing.
    """
    moment = close_moment(panel)
    if moment is None:
        return
    if panel_close_due.get_backend().supports_defer:
        panel_close_due.using(run_after=moment).enqueue(panel.pk)
    else:
        panel_close_due.enqueue(panel.pk)


def schedule_close_due_on_commit(*, panel: Panel) -> None:
    panel_id = panel.pk

    def schedule() -> None:
        fresh = Panel.objects.filter(pk=panel_id).first()
        if fresh is not None:
            schedule_close_due(panel=fresh)

    transaction.on_commit(schedule)


def _close_now(panel: Panel) -> bool:
    with transaction.atomic():
        panel = Panel.objects.select_for_update().get(pk=panel.pk)
        if panel.state != PanelState.OPEN or not is_due(panel):
            return False
        panel_transition(panel=panel, action=Action.CLOSE, actor=None)
    logger.info("panel %s closed on its closing date", panel.public_id)
    return True


@task()
def panel_close_due(panel_id: int) -> str:
    """Close the panel if its closing date has passed; queue again if it moved."""
    panel = Panel.objects.filter(pk=panel_id).first()
    if panel is None or panel.state != PanelState.OPEN:
        return "not open"
    if not is_due(panel):
        if panel_close_due.get_backend().supports_defer:
            schedule_close_due(panel=panel)  # the closing date was moved later
        return "not due"
    return "closed" if _close_now(panel) else "not open"


def closings_unfinished() -> list[Panel]:
    """Closed panels whose close procedure never finished (a worker died in it).

    The task queue does not retry a task whose worker was killed, so this is
    how such a close is found again: ``close_due_panels`` resumes them.
    """
    return list(
        Panel.objects.filter(state__in=CLOSED_STATES).exclude(closing__stage=CloseStage.DONE)
    )


def close_due_panels() -> list[Panel]:
    """Close every open panel whose closing date has passed (cron, operations)."""
    today = timezone.localdate()
    closed = []
    for panel in Panel.objects.filter(state=PanelState.OPEN, closes_on__lt=today):
        if _close_now(panel):
            closed.append(panel)
    return closed
