"""Writes of results: the analysis of a closed panel, and the edits of its report text.

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
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ledenpanel.accounts.models import User
from ledenpanel.closing.models import PanelClosing
from ledenpanel.panels.lifecycle import PanelRole
from ledenpanel.panels.models import Panel, PanelState
from ledenpanel.panels.selectors import panel_roles
from ledenpanel.panels.services import PanelError
from ledenpanel.results.analysis_input import analysis_input
from ledenpanel.results.models import ExportChoice, PanelAnalysis, ReportVersion
from ledenpanel.results.selectors import (
    ReportText,
    panel_close_done,
    report_editor_roles_hold,
    report_text_get,
    responses_exportable,
)

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


# -- the report text ---------------------------------------------------------
#
# The coach (or the board, where the panel has no coach) edits the drafted
# discussion points and writes a commentary between the close and the board
# marking the report final. Every edit saves a whole new ReportVersion.

TITLE_MAX = 300
TEXT_MAX = 5000
COMMENTARY_MAX = 20000


class ReportError(ValueError):
    """An edit the report does not allow (final, not closed, bad input); says why."""


def _edit(
    *, panel: Panel, actor: User, change: str, apply: Callable[[ReportText], ReportText]
) -> ReportVersion:
    with transaction.atomic():
        panel = Panel.objects.select_for_update().select_related("unit").get(pk=panel.pk)
        if not report_editor_roles_hold(user=actor, panel=panel):
            raise PermissionDenied
        if panel.state != PanelState.CLOSED:
            raise ReportError(
                _(
                    "Het verslag kan alleen worden bewerkt zolang het panel gesloten is "
                    "en het verslag niet definitief."
                )
            )
        text = report_text_get(panel=panel)
        if text is None:
            raise ReportError(_("Er is nog geen analyse om een verslag van te maken."))
        if text.final:
            raise ReportError(_("Het verslag is definitief en kan niet meer worden bewerkt."))
        edited = apply(text)
        number = 1 if text.version is None else text.version.number + 1
        return ReportVersion.objects.create(
            panel=panel,
            number=number,
            points=edited.points,
            commentary=edited.commentary,
            change=change,
            author=actor,
        )


def _clean(value: str, *, limit: int, what: str, required: bool = True) -> str:
    value = value.strip()
    if required and not value:
        raise ReportError(_("Vul %(what)s in.") % {"what": what})
    if len(value) > limit:
        raise ReportError(
            _("%(what)s is te lang: ten hoogste %(limit)d tekens.") % {"what": what, "limit": limit}
        )
    return value


def _point_at(points: list[dict[str, Any]], index: int) -> dict[str, Any]:
    if not 0 <= index < len(points):
        raise ReportError(_("Dit punt bestaat niet (meer); laad de pagina opnieuw."))
    return points[index]


def _with_points(text: ReportText, points: list[dict[str, Any]]) -> ReportText:
    return ReportText(points=points, commentary=text.commentary, version=text.version)


def report_point_save(
    *, panel: Panel, actor: User, index: int, title: str, text: str
) -> ReportVersion:
    """Rewrite point ``index``: its figures stay, the words are the editor's own."""
    title = _clean(title, limit=TITLE_MAX, what=_("de kop"))
    body = _clean(text, limit=TEXT_MAX, what=_("de toelichting"), required=False)

    def apply(current: ReportText) -> ReportText:
        points = [dict(point) for point in current.points]
        point = _point_at(points, index)
        if point.get("title") != title:
            # A rewritten title is printed as written, in every language.
            point.pop("code", None)
            point.pop("params", None)
        point.update(title=title, text=body)
        return _with_points(current, points)

    return _edit(panel=panel, actor=actor, change=f"edit:{index + 1}", apply=apply)


def report_point_add(*, panel: Panel, actor: User, title: str, text: str) -> ReportVersion:
    """A point of the editor's own, after the others (no figures attached)."""
    title = _clean(title, limit=TITLE_MAX, what=_("de kop"))
    body = _clean(text, limit=TEXT_MAX, what=_("de toelichting"), required=False)

    def apply(current: ReportText) -> ReportText:
        point = {"kind": "added", "title": title, "text": body, "questions": [], "evidence": {}}
        return _with_points(current, [*current.points, point])

    return _edit(panel=panel, actor=actor, change="add", apply=apply)


def report_point_remove(*, panel: Panel, actor: User, index: int) -> ReportVersion:
    def apply(current: ReportText) -> ReportText:
        _point_at(current.points, index)
        return _with_points(current, [p for i, p in enumerate(current.points) if i != index])

    return _edit(panel=panel, actor=actor, change=f"remove:{index + 1}", apply=apply)


def report_point_move(*, panel: Panel, actor: User, index: int, step: int) -> ReportVersion:
    """Move point ``index`` one place up (``step`` -1) or down (+1)."""
    if step not in (-1, 1):
        raise ReportError(_("Een punt gaat één plaats omhoog of omlaag."))

    def apply(current: ReportText) -> ReportText:
        points = list(current.points)
        _point_at(points, index)
        target = index + step
        if not 0 <= target < len(points):
            raise ReportError(_("Dit punt staat al bovenaan of onderaan."))
        points[index], points[target] = points[target], points[index]
        return _with_points(current, points)

    direction = "up" if step < 0 else "down"
    return _edit(panel=panel, actor=actor, change=f"{direction}:{index + 1}", apply=apply)


def report_commentary_save(*, panel: Panel, actor: User, text: str) -> ReportVersion:
    commentary = _clean(text, limit=COMMENTARY_MAX, what=_("het commentaar"), required=False)

    def apply(current: ReportText) -> ReportText:
        return ReportText(points=current.points, commentary=commentary, version=current.version)

    return _edit(panel=panel, actor=actor, change="commentary", apply=apply)


def report_final_mark(*, panel: Panel, source: PanelState, seed: int | None, note: str) -> None:
    """The board marks the report final (the ``MARK_REPORTED`` transition's effect).

    Runs inside the transition's transaction. The latest version becomes
    final; without any edit, the drafted text is saved as version 1 first,
    so what is final is always a stored version.
    """
    text = report_text_get(panel=panel)
    if text is None:
        raise PanelError(_("Er is nog geen analyse: het verslag kan nog niet definitief worden."))
    version = text.version
    if version is None:
        version = ReportVersion.objects.create(
            panel=panel,
            number=1,
            points=text.points,
            commentary="",
            change="final_as_drafted",
        )
    version.final_at = timezone.now()
    version.save(update_fields=["final_at"])


# -- the exports ---------------------------------------------------------------


class ExportError(ValueError):
    """A choice about the exports that cannot be made now; says why."""


@transaction.atomic
def export_open_answers_set(*, panel: Panel, actor: User, include: bool) -> ExportChoice:
    """The panel's board includes the open answers in the exports, or leaves them out.

    Only the panel's own board decides: the answers are its members' words.
    Included, they are still scrubbed of names, addresses and numbers
    (``analysis.exports``); the choice and who made it are kept.
    """
    panel = Panel.objects.select_for_update().select_related("unit").get(pk=panel.pk)
    if PanelRole.BOARD not in panel_roles(user=actor, unit=panel.unit):
        raise PermissionDenied
    if not responses_exportable(panel=panel):
        raise ExportError(_("Dit panel heeft geen antwoorden om te exporteren."))
    choice, _created = ExportChoice.objects.update_or_create(
        panel=panel,
        defaults={"open_answers": include, "changed_by": actor, "changed_at": timezone.now()},
    )
    return choice
