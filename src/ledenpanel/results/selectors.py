"""Reads of results: a panel's stored analysis, which panels still lack one, its report text,
and the respondent table its exports write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from ledenpanel.analysis.exports import ExportTable, export_table
from ledenpanel.closing.models import CloseStage, PanelClosing
from ledenpanel.kernel.questionnaire.schema import Questionnaire
from ledenpanel.organisations.selectors import AnyUser, unit_coaches, unit_has_coach
from ledenpanel.panels.lifecycle import CLOSED_STATES, PanelRole
from ledenpanel.panels.models import Panel
from ledenpanel.panels.selectors import panel_roles
from ledenpanel.results.analysis_input import analysis_input
from ledenpanel.results.models import ExportChoice, PanelAnalysis, Publication, ReportVersion

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


def export_open_answers_included(*, panel: Panel) -> bool:
    """Whether the board included the open answers in the exports (not by default)."""
    return ExportChoice.objects.filter(panel=panel, open_answers=True).exists()


def responses_export_table(*, panel: Panel, lang: str = "nl") -> ExportTable | None:
    """The one respondent table every export of the responses writes; None without one.

    Only for a panel whose close is done with at least k member respondents
    (:func:`responses_exportable`). The rows are the stored responses in the
    order of their random ids; :func:`ledenpanel.analysis.exports.export_table`
    keeps only the background that discloses no group's answers, and the
    open answers (scrubbed) only when the board included them.
    """
    if not responses_exportable(panel=panel):
        return None
    inputs = analysis_input(panel)
    return export_table(
        inputs.form,
        inputs.responses,
        include_open=export_open_answers_included(panel=panel),
        k=inputs.options.min_group,
        population=inputs.population,
        labels=inputs.options.labels,
        value_labels=inputs.options.value_labels,
        lang=lang,
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


# -- the report text ---------------------------------------------------------


@dataclass(frozen=True)
class ReportText:
    """The report's editable text as it stands: the latest version, or the draft.

    ``version`` is None until the first edit (the points are then the
    engine's drafted ones). ``final`` is true once the board marked it final.
    """

    points: list[dict[str, Any]]
    commentary: str
    version: ReportVersion | None

    @property
    def final(self) -> bool:
        return self.version is not None and self.version.final_at is not None


def report_text_get(*, panel: Panel) -> ReportText | None:
    """The report text of a panel with an analysis; None without one."""
    version = ReportVersion.objects.filter(panel=panel).select_related("author").first()
    if version is not None:
        return ReportText(points=version.points, commentary=version.commentary, version=version)
    analysis = panel_analysis_get(panel=panel)
    if analysis is None:
        return None
    drafted = analysis.result.get("discussion_points") or []
    return ReportText(points=[dict(point) for point in drafted], commentary="", version=None)


def report_versions_list(*, panel: Panel) -> list[ReportVersion]:
    """Every saved version, newest first, with its author."""
    return list(ReportVersion.objects.filter(panel=panel).select_related("author"))


def report_editor_roles_hold(*, user: AnyUser, panel: Panel) -> bool:
    """Whether ``user`` edits this panel's report: its coach, or its board where none serves."""
    roles = panel_roles(user=user, unit=panel.unit)
    if PanelRole.COACH in roles:
        return True
    return PanelRole.BOARD in roles and not unit_has_coach(unit=panel.unit)


def report_transparency(*, panel: Panel) -> dict[str, Any]:
    """Who asked what and why: the report's first principle, as members see it when answering.

    The board that asked and its reason, the requesters it came from, the
    coach, the promised dates, and each question's author and rationale.
    Only names of staff and of question authors, which the answering page
    already shows; nothing about who answered.
    """
    request = panel.request
    definition = panel.approved_version.definition if panel.approved_version else {}
    questionnaire = Questionnaire.from_dict(definition or panel.questionnaire)
    coaches = unit_coaches(unit=panel.unit).select_related("user").order_by("user__full_name")
    return {
        "board": panel.unit.name,
        "purpose": panel.purpose,
        "requesters": request.requesters if request else "",
        "request_reason": request.reason if request else "",
        "coaches": sorted({role.user.full_name for role in coaches}),
        "dates": {
            name: value.isoformat() if value else None
            for name, value in (
                ("opens_on", panel.opens_on),
                ("closes_on", panel.closes_on),
                ("results_by", panel.results_by),
                ("response_by", panel.response_by),
            )
        },
        "questions": [
            {
                "name": question.name,
                "label": question.label,
                "author": question.author.name if question.author else "",
                "author_role": question.author.role if question.author else "",
                "rationale": question.rationale,
            }
            for question in questionnaire.questions()
        ],
    }


def report_with_text(
    *,
    result: dict[str, Any],
    text: ReportText | None,
    transparency: dict[str, Any] | None = None,
    earlier: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The analysis result as the report prints it: the editor's words, who asked and why.

    What the report page, its PDF and (later) the members' copy print: the
    engine's figures with the editor's points and commentary, and the
    panel's transparency block.
    """
    report = dict(result)
    if transparency is not None:
        report["transparency"] = transparency
    if earlier:
        report["earlier"] = earlier
    if text is not None and text.version is not None:
        report.update(discussion_points=text.points, commentary=text.commentary)
    return report


def publication_get(*, panel: Panel) -> Publication | None:
    """The panel's publication to the members; None until the board publishes."""
    return Publication.objects.filter(panel=panel).select_related("report_version").first()
