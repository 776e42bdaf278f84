"""The worker's side of results: analyse a closed panel once its close is done."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from ledenpanel.panels.models import Panel
from ledenpanel.results.services import AnalysisError, panel_analyse


@task()
def panel_analyse_task(panel_id: int) -> str:
    """The worker's entry: analyse one closed panel; returns a status word only."""
    panel = Panel.objects.filter(pk=panel_id).select_related("approved_version").first()
    if panel is None:
        return "gone"
    try:
        analysis = panel_analyse(panel=panel)
    except AnalysisError:
        return "not closed"
    return "failed" if analysis.error else "done"


def panel_analyse_enqueue(*, panel: Panel) -> None:
    """After the commit that finished closing, let the worker analyse the panel."""
    panel_id = panel.pk
    transaction.on_commit(lambda: panel_analyse_task.enqueue(panel_id))
