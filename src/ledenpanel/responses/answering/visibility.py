"""Show-if conditions, pages and progress.

Conditions are evaluated in questionnaire order against the answers of
*visible* questions only, so chains work: if B shows only when A is answered
and C only when B is, hiding B hides C even when a stale answer to B is still
around. The schema guarantees that a condition refers to an earlier question.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ledenpanel.kernel.questionnaire.schema import (
    Condition,
    Operator,
    Question,
    Questionnaire,
    QuestionType,
    Section,
)
from ledenpanel.responses.answering.types import Answer, is_empty, is_number, parse_number


def condition_holds(condition: Condition, answers: Mapping[str, Answer]) -> bool:
    """Whether one condition holds; malformed answers simply make it false."""
    answer = answers.get(condition.question)
    operator = condition.operator
    if operator == Operator.ANSWERED:
        return not is_empty(answer)
    if operator == Operator.NOT_EQUALS:
        # As in XLSForm (``${q} != 'x'``): also true when q is unanswered.
        return not _equals(answer, condition.value)
    if operator == Operator.EQUALS:
        return _equals(answer, condition.value)
    if operator == Operator.SELECTED:
        if isinstance(answer, list):
            return condition.value in answer
        return isinstance(answer, str) and answer == condition.value
    if operator in (Operator.GREATER_THAN, Operator.LESS_THAN):
        limit = parse_number(condition.value)
        if limit is None or not isinstance(answer, int | float) or isinstance(answer, bool):
            return False
        return answer > limit if operator == Operator.GREATER_THAN else answer < limit
    return False


def _equals(answer: Answer, value: str) -> bool:
    if isinstance(answer, str):
        return answer == value
    if is_number(answer):
        number = parse_number(value)
        return number is not None and answer == number
    if isinstance(answer, list):
        # An "equals" on a multiple choice (imported forms) means "selected".
        return value in answer
    return False


def is_visible(question: Question, answers: Mapping[str, Answer]) -> bool:
    """All of the question's conditions hold against ``answers``."""
    return all(condition_holds(condition, answers) for condition in question.show_if)


def _walk(
    questions: Iterable[Question], answers: Mapping[str, Answer]
) -> tuple[list[Question], dict[str, Answer]]:
    """Visible questions and the answers of visible questions, in order."""
    visible: list[Question] = []
    effective: dict[str, Answer] = {}
    for question in questions:
        if not is_visible(question, effective):
            continue
        visible.append(question)
        if question.type != QuestionType.INFO and not is_empty(answers.get(question.name)):
            effective[question.name] = answers[question.name]
    return visible, effective


def visible_questions(
    questionnaire: Questionnaire, answers: Mapping[str, Answer]
) -> list[Question]:
    """The questions a member with these answers sees (info texts included)."""
    return _walk(questionnaire.questions(), answers)[0]


def drop_hidden(questionnaire: Questionnaire, answers: Mapping[str, Answer]) -> dict[str, Answer]:
    """Only the non-empty answers of visible questions of this questionnaire.

    Call it on the whole draft after every saved page: a member who changes
    an earlier answer must not keep answers to questions that are now hidden.
    """
    return _walk(questionnaire.questions(), answers)[1]


def pages(questionnaire: Questionnaire) -> list[Section]:
    """One page per section; sections without questions are skipped."""
    return [section for section in questionnaire.sections if section.questions]


def estimated_progress(questionnaire: Questionnaire, page_index: int) -> tuple[int, int]:
    """``(n, m)`` for "page n of m"; ``page_index`` counts from 0 and is clamped.

    Estimated: a page whose questions are all hidden is skipped, so a member
    may finish before page m.
    """
    total = len(pages(questionnaire))
    if total == 0:
        return 0, 0
    return min(max(page_index, 0), total - 1) + 1, total
