"""Reads of the follow-up: the board's answer, the promised dates, the members' page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ledenpanel.followup.models import AnswerVersion, Position, ProgressUpdate
from ledenpanel.organisations.models import Unit
from ledenpanel.panels.models import Panel
from ledenpanel.results.models import Publication


def answer_latest(*, panel: Panel) -> AnswerVersion | None:
    """The board's latest draft (or the published answer, if nothing came after)."""
    return AnswerVersion.objects.filter(panel=panel).select_related("author").first()


def answer_published(*, panel: Panel) -> AnswerVersion | None:
    """The answer the members read; None until the board publishes it."""
    return AnswerVersion.objects.filter(panel=panel, published_at__isnull=False).first()


def answer_versions_list(*, panel: Panel) -> list[AnswerVersion]:
    return list(AnswerVersion.objects.filter(panel=panel).select_related("author"))


def progress_updates_list(*, panel: Panel) -> list[ProgressUpdate]:
    """The board's later updates, oldest first (what members read after the answer)."""
    return list(ProgressUpdate.objects.filter(panel=panel).order_by("number"))


# -- keeping promises -------------------------------------------------------------

STATUS_LABELS = {
    "on_time": _("op tijd"),
    "late": _("te laat"),
    "overdue": _("te laat, nog niet gegeven"),
    "pending": _("nog niet"),
    "none": _("geen datum beloofd"),
}


@dataclass(frozen=True)
class Promise:
    """A date promised to the members and when it was kept: ``status`` says how it stands."""

    due: date | None
    done: date | None
    today: date

    @property
    def status(self) -> str:
        if self.done is not None:
            return "late" if self.due is not None and self.done > self.due else "on_time"
        if self.due is None:
            return "none"
        return "overdue" if self.today > self.due else "pending"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def late(self) -> bool:
        return self.status in {"late", "overdue"}


@dataclass(frozen=True)
class Responsiveness:
    """Whether the board gave the results and its answer when it said it would."""

    results: Promise
    answer: Promise


def _local_date(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment is not None else None


def responsiveness(*, panel: Panel, today: date | None = None) -> Responsiveness:
    today = today or timezone.localdate()
    publication = Publication.objects.filter(panel=panel).only("published_at").first()
    answer = answer_published(panel=panel)
    return Responsiveness(
        results=Promise(
            due=panel.results_by,
            done=_local_date(publication.published_at) if publication else None,
            today=today,
        ),
        answer=Promise(
            due=panel.response_by,
            done=_local_date(answer.published_at) if answer else None,
            today=today,
        ),
    )


# -- the members' page ---------------------------------------------------------------


def _position_label(value: str) -> str:
    try:
        return str(Position(value).label)
    except ValueError:
        return ""


def member_points(
    *, publication: Publication, answer: AnswerVersion | None
) -> list[dict[str, Any]]:
    """The published discussion points, each with the board's published answer to it."""
    answers = answer.points if answer is not None else []
    points = []
    for index, point in enumerate(publication.report_version.points):
        given = answers[index] if index < len(answers) else None
        points.append(
            {
                "number": index + 1,
                "title": str(point.get("title") or ""),
                "text": str(point.get("text") or ""),
                "answer": None
                if given is None
                else {
                    "position": given.get("position", ""),
                    "position_label": _position_label(given.get("position", "")),
                    "reasoning": given.get("reasoning", ""),
                    "next_step": given.get("next_step", ""),
                    "next_step_on": date.fromisoformat(given["next_step_on"])
                    if given.get("next_step_on")
                    else None,
                },
            }
        )
    return points


@dataclass(frozen=True)
class PanelRecord:
    """One panel in a unit's public record: when it ran and whether promises were kept."""

    panel: Panel
    promises: Responsiveness
    public: bool


def unit_record(*, unit: Unit) -> list[PanelRecord]:
    """The unit's panels whose results went to the members, newest first.

    Public (the members have no accounts): only panels whose results were
    published to every invited member, with their promised and kept dates.
    """
    publications = (
        Publication.objects.filter(panel__unit=unit)
        .select_related("panel__unit")
        .order_by("-published_at")
    )
    today = timezone.localdate()
    return [
        PanelRecord(
            panel=publication.panel,
            promises=responsiveness(panel=publication.panel, today=today),
            public=publication.public,
        )
        for publication in publications
    ]
