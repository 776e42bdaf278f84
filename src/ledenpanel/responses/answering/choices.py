"""Choice questions: single and multiple choice, agree scales, ratings, grids."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ledenpanel.kernel.questionnaire.schema import Question
from ledenpanel.responses.answering.inputs import Parsed, choose_one, field_values, single_value
from ledenpanel.responses.answering.types import (
    AnswerError,
    error,
    field_name,
    option_label,
    quoted,
)

_RATING = re.compile(r"[0-9]{1,2}")


def read_single_choice(question: Question, data: Mapping[str, list[str]]) -> Parsed:
    field = field_name(question)
    value, several = single_value(data, field)
    if several:
        return None, [choose_one(question, field)]
    if value is None:
        return None, []
    if value not in {option.name for option in question.options}:
        return None, [
            error(
                question,
                field,
                "Kies een antwoord uit de lijst.",
                "Choose an answer from the list.",
            )
        ]
    return value, []


def read_rating(question: Question, data: Mapping[str, list[str]]) -> Parsed:
    field = field_name(question)
    value, several = single_value(data, field)
    if several:
        return None, [choose_one(question, field)]
    if value is None:
        return None, []
    dont_know = [option for option in question.options if option.dont_know]
    if value in {option.name for option in dont_know}:
        return value, []
    if _RATING.fullmatch(value) and int(value) <= 10:
        return int(value), []
    nl, en = "Kies een cijfer van 0 tot en met 10", "Choose a number from 0 to 10"
    if dont_know:
        nl += f" of ‘{option_label(dont_know[0])}’"
        en += f" or ‘{option_label(dont_know[0], 'en')}’"
    return None, [error(question, field, nl + ".", en + ".")]


def read_multiple_choice(question: Question, data: Mapping[str, list[str]]) -> Parsed:
    field = field_name(question)
    chosen = set(field_values(data, field))
    if not chosen:
        return None, []
    if chosen - {option.name for option in question.options}:
        return None, [
            error(
                question,
                field,
                "Kies alleen antwoorden uit de lijst.",
                "Choose only answers from the list.",
            )
        ]
    dont_know = [option for option in question.options if option.dont_know]
    chosen_dont_know = [option for option in dont_know if option.name in chosen]
    if chosen_dont_know and len(chosen) > len(chosen_dont_know):
        option = chosen_dont_know[0]
        return None, [
            error(
                question,
                field,
                f"Kies ‘{option_label(option)}’ of antwoorden, niet allebei.",
                f"Choose ‘{option_label(option, 'en')}’ or answers, not both.",
            )
        ]
    return [option.name for option in question.options if option.name in chosen], []


def read_grid(question: Question, data: Mapping[str, list[str]]) -> Parsed:
    names = {option.name for option in question.options}
    answer: dict[str, str] = {}
    errors: list[AnswerError] = []
    for statement in question.statements:
        field = field_name(question, statement.name)
        value, several = single_value(data, field)
        nl, en = option_label(statement), option_label(statement, "en")
        if several:
            errors.append(choose_one(question, field, f"‘{nl}’", f"‘{en}’"))
        elif value is not None and value not in names:
            errors.append(
                error(
                    question,
                    field,
                    f"Kies bij ‘{nl}’ een antwoord uit de lijst.",
                    f"Choose an answer from the list for ‘{en}’.",
                )
            )
        elif value is not None:
            answer[statement.name] = value
    if errors or not answer:
        return None, errors
    missing = [statement for statement in question.statements if statement.name not in answer]
    if question.required and missing:
        return None, [
            error(
                question,
                field_name(question, missing[0].name),
                "Beantwoord elke stelling; nog open: "
                f"{quoted([option_label(s) for s in missing])}.",
                "Answer every statement; still open: "
                f"{quoted([option_label(s, 'en') for s in missing], 'en')}.",
            )
        ]
    return answer, []
