"""Reads of closing: which closes are unfinished, when a panel is due to close."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from ledenpanel.closing.models import CloseStage
from ledenpanel.panels.lifecycle import CLOSED_STATES
from ledenpanel.panels.models import Panel


def closings_unfinished() -> list[Panel]:
    """Closed panels whose close procedure never finished (a worker died in it).

    The task queue does not retry a task whose worker was killed, so this is
    how such a close is found again: ``close_due_panels`` resumes them.
    """
    return list(
        Panel.objects.filter(state__in=CLOSED_STATES).exclude(closing__stage=CloseStage.DONE)
    )


def close_moment(*, panel: Panel) -> datetime | None:
    """The end of the closing date in the site's time zone."""
    if panel.closes_on is None:
        return None
    midnight = datetime.combine(panel.closes_on + timedelta(days=1), time.min)
    return timezone.make_aware(midnight, timezone.get_current_timezone())


def close_is_due(*, panel: Panel, now: datetime | None = None) -> bool:
    moment = close_moment(panel=panel)
    return moment is not None and (now or timezone.now()) >= moment
