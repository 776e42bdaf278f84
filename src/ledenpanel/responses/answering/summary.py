"""The "check your answers" page: every visible question with the answer in
the member's own words (option labels, not codes)."""

from __future__ import annotations

from collections.abc import Mapping

from ledenpanel.kernel.questionnaire.schema import Question, Questionnaire, QuestionType
from ledenpanel.responses.answering.types import (
    Answer,
    format_number,
    option_label,
    question_label,
)
from ledenpanel.responses.answering.visibility import drop_hidden, visible_questions

NOT_ANSWERED = {"nl": "Niet beantwoord", "en": "Not answered"}


def summary(
    questionnaire: Questionnaire, answers: Mapping[str, Answer], *, language: str = "nl"
) -> list[tuple[str, str]]:
    """``(question label, answer)`` for each visible question, in order.

    Info texts are left out; hidden questions too (and their stale answers).
    Labels come from the translations for ``language`` when there are any.
    """
    kept = drop_hidden(questionnaire, answers)
    return [
        (question_label(question, language), describe(question, kept.get(question.name), language))
        for question in visible_questions(questionnaire, kept)
        if question.type != QuestionType.INFO
    ]


def describe(question: Question, answer: Answer, language: str = "nl") -> str:
    """One answer as the member would say it; odd stored values never raise."""
    labels = {option.name: option_label(option, language) for option in question.options}
    if isinstance(answer, str):
        return labels.get(answer, answer) if question.options else answer
    if isinstance(answer, list):
        return ", ".join(labels.get(name, name) for name in answer if isinstance(name, str))
    if isinstance(answer, int | float) and not isinstance(answer, bool):
        return format_number(answer, language)
    if isinstance(answer, dict) and answer:
        return _describe_mapping(question, answer, labels, language)
    return NOT_ANSWERED.get(language, NOT_ANSWERED["nl"])


def _describe_mapping(
    question: Question,
    answer: dict[str, str] | dict[str, int],
    labels: dict[str, str],
    language: str,
) -> str:
    if question.type == QuestionType.GRID:
        rows = {s.name: option_label(s, language) for s in question.statements}
        return "; ".join(
            f"{rows.get(name, name)}: {labels.get(str(value), str(value))}"
            for name, value in answer.items()
        )
    if question.type == QuestionType.RANKING:
        ranked = sorted(answer.items(), key=lambda item: (str(item[1]).zfill(8), item[0]))
        return ", ".join(f"{position}. {labels.get(name, name)}" for name, position in ranked)
    # Points: the options that got any, in option order.
    return ", ".join(
        f"{labels.get(name, name)}: {value}" for name, value in answer.items() if value != 0
    )
