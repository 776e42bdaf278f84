"""What the close procedure computes from the opened envelopes (in memory).

Everything here runs inside transaction A, between opening the envelopes and
writing the responses: it is the last moment the fine background bands and
the assisted flag and wording version of each answer exist. What it returns
is already suppressed (``analysis.disclosure``) and holds no per-member or
per-response value.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ledenpanel.analysis.bands import Coding, choose_coding
from ledenpanel.analysis.disclosure import panel_has_results
from ledenpanel.analysis.participation import participation, participation_hide, r_indicator
from ledenpanel.analysis.slices import reconciled_slices
from ledenpanel.kernel.questionnaire.schema import Questionnaire, QuestionType

YES, NO = "ja", "nee"


@dataclass
class Opened:
    """One opened envelope (only in memory, during transaction A)."""

    answers: dict[str, Any]
    is_open: bool = False
    background: dict[str, str] = field(default_factory=dict)
    version: int = 0
    assisted: bool = False
    evaluation: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_payload(cls, payload: bytes, *, is_open: bool) -> Opened:
        data = json.loads(payload)
        return cls(
            answers=data.get("answers") or {},
            is_open=is_open,
            background={} if is_open else dict(data.get("background") or {}),
            version=int(data.get("version") or 0),
            assisted=bool(data.get("assisted")),
            evaluation=dict(data.get("evaluation") or {}),
        )


def closed_items(questionnaire: Questionnaire) -> dict[str, list[str]]:
    """Closed questions as items with their values in order.

    A grid gives one item per statement, a multiple-choice question one
    yes/no item per option; ranking, points, numbers and text have no
    per-sub-unit distribution.
    """
    items: dict[str, list[str]] = {}
    for question in questionnaire.questions():
        options = [option.name for option in question.options]
        if question.type in {QuestionType.SINGLE_CHOICE, QuestionType.AGREE_SCALE}:
            items[question.name] = options
        elif question.type == QuestionType.RATING:
            items[question.name] = [str(value) for value in range(11)] + options
        elif question.type == QuestionType.MULTIPLE_CHOICE:
            for option in options:
                items[f"{question.name}.{option}"] = [YES, NO]
        elif question.type == QuestionType.GRID:
            for statement in question.statements:
                items[f"{question.name}.{statement.name}"] = options
    return items


def item_values(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> dict[str, str]:
    """One response's answers as ``{item: value}`` (see :func:`closed_items`)."""
    values: dict[str, str] = {}
    for question in questionnaire.questions():
        answer = answers.get(question.name)
        if answer is None or answer in ("", [], {}):
            continue
        if question.type in {
            QuestionType.SINGLE_CHOICE,
            QuestionType.AGREE_SCALE,
            QuestionType.RATING,
        }:
            values[question.name] = str(answer)
        elif question.type == QuestionType.MULTIPLE_CHOICE and isinstance(answer, list):
            for option in question.options:
                values[f"{question.name}.{option.name}"] = YES if option.name in answer else NO
        elif question.type == QuestionType.GRID and isinstance(answer, dict):
            for statement, value in answer.items():
                values[f"{question.name}.{statement}"] = str(value)
    return values


def region_map(backgrounds: Sequence[Mapping[str, str]]) -> dict[str, str]:
    return {str(b.get("branch", "")): str(b.get("region", "")) for b in backgrounds}


def build_aggregates(
    *,
    opened: Sequence[Opened],
    invited: Sequence[tuple[Mapping[str, str], bool]],
    questionnaire: Questionnaire,
    k: int,
) -> tuple[dict[str, Any], Coding]:
    """The stored aggregates and the panel-wide band coding.

    ``invited``: every invitation's fine bands and whether it responded.
    """
    members = [item for item in opened if not item.is_open]
    backgrounds = [background for background, _responded in invited]
    responded = [bool(flag) for _background, flag in invited]
    regions = region_map(backgrounds)
    regions.update(region_map([item.background for item in members]))
    has_results = panel_has_results(len(members), k=k)
    coding = choose_coding([item.background for item in members], region_of=regions, k=k)
    table = participation(backgrounds, responded, region_of=regions, k=k)
    subunits: dict[str, Any] = {}
    if has_results:
        subunits = _slices(opened, questionnaire, coding=coding, regions=regions, table=table, k=k)
        # The participation table shows a unit's respondents only where its
        # slice does: either alone could otherwise be subtracted from the other.
        table = participation_hide(
            table,
            branches=_suppressed(subunits["branch"]),
            regions=_suppressed(subunits["region"]),
        )
    hidden = {
        variable: {name for name, cell in cells.items() if cell["suppressed"]}
        for variable, cells in table["by"].items()
    }
    aggregates = {
        "k": k,
        "has_results": has_results,
        "respondents": len(members),
        "open_respondents": len(opened) - len(members),
        "assisted": sum(item.assisted for item in opened),
        "versions": {
            str(version): count
            for version, count in sorted(Counter(item.version for item in opened).items())
        },
        "participation": table,
        "representativeness": r_indicator(backgrounds, responded, hidden=hidden),
        "subunits": subunits,
        "coding": coding.to_dict(),
    }
    return aggregates, coding


def _suppressed(cells: Mapping[str, Mapping[str, Any]]) -> set[str]:
    return {name for name, cell in cells.items() if cell["suppressed"]}


def _slices(
    opened: Sequence[Opened],
    questionnaire: Questionnaire,
    *,
    coding: Coding,
    regions: Mapping[str, str],
    table: Mapping[str, Any],
    k: int,
) -> dict[str, Any]:
    """Per branch and region the respondents and closed-item distributions
    (``analysis.slices``): reconciled with the coded bands the responses keep,
    the whole panel (open-link answers included) and the participation table.
    """
    return reconciled_slices(
        [
            (item.background, item_values(questionnaire, item.answers))
            for item in opened
            if not item.is_open
        ],
        closed_items(questionnaire),
        coding=coding,
        region_of=regions,
        k=k,
        open_answers=[item_values(questionnaire, item.answers) for item in opened if item.is_open],
        hide_branches=_suppressed(table["by"]["branch"]),
        hide_regions=_suppressed(table["by"]["region"]),
    )
