"""Earlier results of the same question, to stand beside a panel's own.

A question copied from the library carries its origin (``Question.origin``,
``"<template>/<question>"``). When an earlier panel of the same unit — or of
a sibling unit (same parent) that agreed to share (``UnitPanelSettings
.share_results_with_siblings``) — asked a question of the same origin, with
the same type and the same answer options, and published its results, the
members' page and the report show that earlier result beside the new one.

Only published figures travel: the earlier panel's ``Publication.figures``,
the sentence its own members' page printed under the chart. Nothing is
recomputed, so nothing that panel hid can appear here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

from ledenpanel.kernel.questionnaire.schema import Question, Questionnaire
from ledenpanel.panels.models import Panel
from ledenpanel.results.models import Publication


@dataclass(frozen=True)
class Earlier:
    """One earlier panel's published figures for a question of the same origin."""

    panel_title: str
    unit_name: str
    published_on: str  # ISO date
    label: str  # the question as that panel asked it
    figures: dict[str, str]  # language → the figures as a sentence


def _questionnaire(panel: Panel) -> Questionnaire:
    version = panel.approved_version
    return Questionnaire.from_dict(version.definition if version else panel.questionnaire)


def _comparable(new: Question, old: Question) -> bool:
    """Same library question, same type, same answer options (in the same order)."""
    return (
        bool(new.origin)
        and new.origin == old.origin
        and new.type == old.type
        and [option.name for option in new.options] == [option.name for option in old.options]
        and [statement.name for statement in new.statements]
        == [statement.name for statement in old.statements]
    )


def _candidates(panel: Panel, before: datetime | None) -> QuerySet[Publication]:
    """Publications of other panels of this unit, or of sharing siblings: newest first."""
    unit = panel.unit
    siblings = Q(
        panel__unit__parent_id=unit.parent_id,
        panel__unit__panel_settings__share_results_with_siblings=True,
    )
    scope = Q(panel__unit=unit) | siblings if unit.parent_id else Q(panel__unit=unit)
    publications = Publication.objects.filter(scope)
    if before is not None:
        publications = publications.filter(published_at__lt=before)
    return (
        publications.exclude(panel=panel)
        .select_related("panel__unit", "panel__approved_version")
        .order_by("-published_at")
    )


def earlier_results(*, panel: Panel, before: datetime | None = None) -> dict[str, Earlier]:
    """Per question of ``panel`` (by name), the newest comparable earlier result.

    ``before``: only publications before that moment (the panel's own
    publication, once there is one: a later panel is not "earlier").
    """
    questions = [question for question in _questionnaire(panel).questions() if question.origin]
    if not questions:
        return {}
    found: dict[str, Earlier] = {}
    for publication in _candidates(panel, before):
        old_questions = {q.origin: q for q in _questionnaire(publication.panel).questions()}
        for question in questions:
            old = old_questions.get(question.origin)
            if question.name in found or old is None or not _comparable(question, old):
                continue
            figures = {
                lang: texts[old.name]
                for lang, texts in (publication.figures or {}).items()
                if texts.get(old.name)
            }
            if figures:
                found[question.name] = Earlier(
                    panel_title=publication.panel.title,
                    unit_name=publication.panel.unit.name,
                    published_on=publication.published_at.date().isoformat(),
                    label=old.label,
                    figures=figures,
                )
        if len(found) == len(questions):
            break
    return found
