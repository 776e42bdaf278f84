"""Ranking (positions 1..k) and points (a fixed total divided over the options)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ledenpanel.kernel.questionnaire.schema import Question
from ledenpanel.responses.answering.inputs import Parsed, choose_one, single_value
from ledenpanel.responses.answering.types import (
    AnswerError,
    error,
    field_name,
    first_field,
    join_words,
    option_label,
    parse_number,
    quoted,
)

_POSITION = re.compile(r"[0-9]{1,4}")
_MAX_POINTS = 10**9


def read_ranking(question: Question, data: Mapping[str, list[str]]) -> Parsed:
    size = len(question.options)
    positions: dict[str, int] = {}
    errors: list[AnswerError] = []
    for option in question.options:
        field = field_name(question, option.name)
        value, several = single_value(data, field)
        nl, en = option_label(option), option_label(option, "en")
        if several:
            errors.append(choose_one(question, field, f"‘{nl}’", f"‘{en}’"))
        elif value is not None and _POSITION.fullmatch(value) and 1 <= int(value) <= size:
            positions[option.name] = int(value)
        elif value is not None:
            errors.append(
                error(
                    question,
                    field,
                    f"Geef ‘{nl}’ een plaats van 1 tot en met {size}.",
                    f"Give ‘{en}’ a position from 1 to {size}.",
                )
            )
    if errors or not positions:
        return None, errors
    by_position: dict[int, list[str]] = {}
    for name, position in positions.items():
        by_position.setdefault(position, []).append(name)
    labels = {option.name: option for option in question.options}
    for position, names in sorted(by_position.items()):
        if len(names) > 1:
            options = [labels[name] for name in names]
            errors.append(
                error(
                    question,
                    field_name(question, names[0]),
                    f"Plaats {position} is {len(names)} keer gegeven: aan "
                    f"{quoted([option_label(o) for o in options])}. Geef elke plaats één keer.",
                    f"Position {position} was given {len(names)} times: to "
                    f"{quoted([option_label(o, 'en') for o in options], 'en')}. "
                    "Give each position once.",
                )
            )
    if errors:
        return None, errors
    unranked = [o for o in question.answer_options or question.options if o.name not in positions]
    if question.required and unranked:
        return None, [
            error(
                question,
                field_name(question, unranked[0].name),
                "Geef elke optie een plaats; nog zonder plaats: "
                f"{quoted([option_label(o) for o in unranked])}.",
                "Give every option a position; not yet placed: "
                f"{quoted([option_label(o, 'en') for o in unranked], 'en')}.",
            )
        ]
    count = len(positions)
    gaps = [str(p) for p in range(1, count + 1) if p not in by_position]
    if gaps:
        first = next(name for name, p in positions.items() if p > count)
        return None, [_gap_error(question, field_name(question, first), count, gaps)]
    return {o.name: positions[o.name] for o in question.options if o.name in positions}, []


def _gap_error(question: Question, field: str, count: int, gaps: list[str]) -> AnswerError:
    if count == 1:
        return error(
            question,
            field,
            "U hebt één optie een plaats gegeven; geef die plaats 1.",
            "You ranked one option; give it position 1.",
        )
    plural = len(gaps) > 1
    return error(
        question,
        field,
        f"U hebt {count} opties een plaats gegeven; gebruik daarvoor de plaatsen 1 tot en "
        f"met {count} ({'plaatsen' if plural else 'plaats'} {join_words(gaps)} "
        f"{'ontbreken' if plural else 'ontbreekt'}).",
        f"You ranked {count} options; use positions 1 to {count} for them "
        f"({'positions' if plural else 'position'} {join_words(gaps, 'en')} "
        f"{'are' if plural else 'is'} missing).",
    )


def read_points(question: Question, data: Mapping[str, list[str]]) -> Parsed:
    given: dict[str, int] = {}
    errors: list[AnswerError] = []
    for option in question.options:
        field = field_name(question, option.name)
        value, several = single_value(data, field)
        nl, en = option_label(option), option_label(option, "en")
        number = parse_number(value) if value is not None else None
        if several:
            errors.append(choose_one(question, field, f"‘{nl}’", f"‘{en}’"))
        elif number is not None and number.is_integer() and 0 <= number <= _MAX_POINTS:
            given[option.name] = int(number)
        elif value is not None:
            errors.append(
                error(
                    question,
                    field,
                    f"Vul bij ‘{nl}’ een heel getal van 0 of meer in.",
                    f"Enter a whole number of 0 or more for ‘{en}’.",
                )
            )
    if errors or not given:
        return None, errors
    total, wanted = sum(given.values()), question.points_total
    if total == 0 and not question.required:
        return None, []  # zeros everywhere: the member chose not to divide any
    if total != wanted:
        difference = abs(wanted - total)
        few = total < wanted
        return None, [
            error(
                question,
                first_field(question),
                f"Verdeel precies {wanted} punten; u hebt er nu {total} verdeeld "
                f"({difference} te {'weinig' if few else 'veel'}).",
                f"Divide exactly {wanted} points; you have now divided {total} "
                f"({difference} too {'few' if few else 'many'}).",
            )
        ]
    return {option.name: given.get(option.name, 0) for option in question.options}, []
