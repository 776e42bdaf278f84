"""Writes of results: running the analysis of a closed panel and keeping its result.

The close procedure, on reaching ``done``, queues ``tasks.panel_analyse_task``
for the worker; ``ledenpanel manage analyse_panel <panel id>`` runs it again
(after an engine upgrade, or when the worker lost the task). Each run reads
the stored responses (``analysis_input``), runs
``ledenpanel.analysis.engine.analyse`` and replaces the panel's
:class:`PanelAnalysis`: running it twice gives the same row.

A panel with fewer than k respondents gets a result too: the engine returns
the counts only, with ``results_withheld: true``.

Privacy: the logs and the task's return value hold the panel's id, counts and
timings only. When the engine fails, ``PanelAnalysis.error`` records the
exception's type and the code locations, never its message, which could
quote an answer.
"""

from __future__ import annotations

import logging
import time
import traceback

from django.db import transaction
from django.utils import timezone

from ledenpanel.closing.models import PanelClosing
from ledenpanel.panels.models import Panel
from ledenpanel.results.analysis_input import analysis_input
from ledenpanel.results.models import PanelAnalysis
from ledenpanel.results.selectors import panel_close_done

logger = logging.getLogger("ledenpanel.analysis")


class AnalysisError(Exception):
    """The panel cannot be analysed (it has not finished closing)."""


def _error_text(exc: BaseException) -> str:
    """The exception's type and where it was raised: no message, no values."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = "\n".join(f"  {frame.filename}:{frame.lineno} in {frame.name}" for frame in frames)
    return f"{type(exc).__module__}.{type(exc).__qualname__}\n{where}"


def panel_analyse(*, panel: Panel) -> PanelAnalysis:
    """Analyse a panel whose close procedure is done; store (replace) its result.

    Engine failures are recorded on the row (and logged without message),
    not raised: an earlier good result is kept. Raises :class:`AnalysisError`
    for a panel that is not closed yet.
    """
    if not panel_close_done(panel=panel):
        raise AnalysisError(f"panel {panel.public_id} has not finished closing")
    started = time.perf_counter()
    try:
        # Imported here: an engine that fails to import is a failed analysis
        # on the row, never a failed close procedure.
        from ledenpanel.analysis.engine import analyse

        inputs = analysis_input(panel)
        result = analyse(
            inputs.form, inputs.responses, population=inputs.population, options=inputs.options
        )
    except Exception as exc:  # the worker must record any failure, not crash on it
        seconds = round(time.perf_counter() - started, 3)
        logger.error(
            "panel %s: analysis failed after %.1f s (%s)",
            panel.public_id,
            seconds,
            type(exc).__name__,
        )
        return _store(panel, error=_error_text(exc))
    seconds = round(time.perf_counter() - started, 3)
    _add_close_figures(result, panel)
    analysis = _store(panel, result=result, seconds=seconds)
    logger.info(
        "panel %s analysed: %d responses, %d questions in %.1f s",
        panel.public_id,
        result.get("n_responses", 0),
        len(result.get("questions", [])),
        seconds,
    )
    return analysis


def _add_close_figures(result: dict, panel: Panel) -> None:
    """Figures only the close could compute, from every invitation's fine bands.

    Participation per branch, region and band (already suppressed), and —
    when a sample or the invitation cap means the engine cannot compare with
    non-respondents — the R-indicator of the invited members.
    """
    aggregates = (
        PanelClosing.objects.filter(panel=panel).values_list("aggregates", flat=True).first()
    ) or {}
    if aggregates.get("participation"):
        result["response"]["participation"] = aggregates["participation"]
    representativeness = result.get("representativeness")
    if representativeness is not None and representativeness.get("r_indicator") is None:
        representativeness["r_indicator"] = aggregates.get("representativeness")


@transaction.atomic
def _store(
    panel: Panel, *, result: dict | None = None, seconds: float | None = None, error: str = ""
) -> PanelAnalysis:
    analysis, _created = PanelAnalysis.objects.select_for_update().get_or_create(panel=panel)
    if result is not None:
        analysis.result = result
        analysis.computed_at = timezone.now()
        analysis.seconds = seconds
    analysis.error = error
    analysis.save()
    return analysis
