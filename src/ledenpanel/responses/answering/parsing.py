"""Submitted form data → validated answers, one page at a time.

Nothing here raises on what a browser (or someone tampering with one) sends:
unknown fields are ignored, values of the wrong shape give an error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ledenpanel.kernel.questionnaire.schema import Question, Questionnaire, QuestionType, Section
from ledenpanel.responses.answering import choices, freeform, ordering
from ledenpanel.responses.answering.inputs import Parsed
from ledenpanel.responses.answering.types import (
    Answer,
    AnswerError,
    first_field,
    is_empty,
    required_error,
)
from ledenpanel.responses.answering.visibility import drop_hidden, is_visible, visible_questions


def parse_page(
    section: Section, data: Mapping[str, list[str]], *, earlier: Mapping[str, Answer]
) -> tuple[dict[str, Answer], list[AnswerError]]:
    """Validate one page (section) of answers.

    ``data`` is the POST as a multi-dict (``dict(request.POST.lists())``);
    ``earlier`` the answers of earlier pages (best passed through
    :func:`drop_hidden`). Show-if is evaluated against ``earlier`` plus this
    page's answers in order. The result has a key for every answerable
    question of the section: its answer, or ``None`` when it is empty,
    invalid or hidden — hidden questions are never validated and their
    answers are dropped.
    """
    own = {question.name for question in section.questions}
    effective = {
        name: answer for name, answer in earlier.items() if name not in own and not is_empty(answer)
    }
    answers: dict[str, Answer] = {}
    errors: list[AnswerError] = []
    for question in section.questions:
        if question.type == QuestionType.INFO:
            continue
        answers[question.name] = None
        if not is_visible(question, effective):
            continue
        answer, problems = parse_question(question, data)
        if problems:
            errors.extend(problems)
        elif is_empty(answer):
            if question.required:
                errors.append(required_error(question, first_field(question)))
        else:
            answers[question.name] = answer
            effective[question.name] = answer
    return answers, errors


def check_complete(
    questionnaire: Questionnaire, answers: Mapping[str, Answer]
) -> list[AnswerError]:
    """Required visible questions still unanswered (for the final submit)."""
    kept = drop_hidden(questionnaire, answers)
    return [
        required_error(question, first_field(question))
        for question in visible_questions(questionnaire, kept)
        if question.type != QuestionType.INFO and question.required and question.name not in kept
    ]


def parse_question(question: Question, data: Mapping[str, list[str]]) -> Parsed:
    """One question's answer from the form data (``None`` when left empty)."""
    parser = _PARSERS.get(question.type)
    return parser(question, data) if parser else (None, [])


_PARSERS: dict[QuestionType, Callable[[Question, Mapping[str, list[str]]], Parsed]] = {
    QuestionType.SINGLE_CHOICE: choices.read_single_choice,
    QuestionType.AGREE_SCALE: choices.read_single_choice,
    QuestionType.MULTIPLE_CHOICE: choices.read_multiple_choice,
    QuestionType.RATING: choices.read_rating,
    QuestionType.GRID: choices.read_grid,
    QuestionType.RANKING: ordering.read_ranking,
    QuestionType.POINTS: ordering.read_points,
    QuestionType.NUMBER: freeform.read_number,
    QuestionType.SHORT_TEXT: freeform.read_text,
    QuestionType.LONG_TEXT: freeform.read_text,
}
