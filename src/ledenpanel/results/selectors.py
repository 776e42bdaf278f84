"""Reads of results: a panel's stored analysis, and which panels still lack one."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from ledenpanel.closing.models import CloseStage, PanelClosing
from ledenpanel.panels.lifecycle import CLOSED_STATES
from ledenpanel.panels.models import Panel
from ledenpanel.results.models import PanelAnalysis

# A closed panel's analysis task is normally queued when the close finishes;
# after this long without a result, the sweep queues it again.
ANALYSIS_GRACE = timedelta(minutes=30)


def panel_close_done(*, panel: Panel) -> bool:
    """Closed and its close procedure done (a cancelled panel is "done" with nothing)."""
    panel.refresh_from_db(fields=["state"])
    stage = PanelClosing.objects.filter(panel=panel).values_list("stage", flat=True).first()
    return panel.state in CLOSED_STATES and stage == CloseStage.DONE


def panel_analysis_get(*, panel: Panel) -> PanelAnalysis | None:
    """The panel's stored analysis with a result, if there is one."""
    return PanelAnalysis.objects.filter(panel=panel, result__isnull=False).first()


def responses_exportable(*, panel: Panel) -> bool:
    """Closed, its close done, and at least k member respondents (else no figures at all)."""
    closing = PanelClosing.objects.filter(panel=panel).first()
    return (
        closing is not None
        and closing.stage == CloseStage.DONE
        and panel.state in CLOSED_STATES
        and closing.respondents >= closing.min_group
    )


def analyses_missing(*, now: datetime | None = None) -> list[Panel]:
    """Closed panels whose analysis never ran (the worker lost the task)."""
    finished_before = (now or timezone.now()) - ANALYSIS_GRACE
    return list(
        Panel.objects.filter(
            closing__stage=CloseStage.DONE,
            closing__finished_at__lt=finished_before,
            analysis__isnull=True,
        ).order_by("pk")
    )
