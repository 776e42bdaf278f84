"""Questionnaire-level rules: too_many_questions, too_long_to_answer, too_many_open.

Estimated answering time, in seconds, per question type (member-panel
experience with 5-point scales on a phone; reading the question included):

==================  ==========================================
type                seconds
==================  ==========================================
single_choice       12 (+1 per option above 5)
multiple_choice     18 (+1 per option above 5)
agree_scale         10
rating (0–10)       10
grid                8 + 7 per statement
ranking             10 + 5 per option
points              20 + 8 per option
number              12
short_text          30
long_text           90
info                1 per 4 words (reading at ~240 words a minute)
==================  ==========================================

A question shown only under a condition (``show_if``) counts in full: the
estimate is for the member who sees everything. Above 600 seconds (10 minutes)
the rule `too_long_to_answer` warns. `too_many_questions` counts questions
(a grid is one question, information texts are not counted) above 25;
`too_many_open` counts short and long open questions above 3.
"""

from __future__ import annotations

import math

from ledenpanel.guideline.hits import Hit
from ledenpanel.guideline.text import words
from ledenpanel.kernel.questionnaire.schema import (
    OPEN_TYPES,
    Question,
    Questionnaire,
    QuestionType,
)

MAX_QUESTIONS = 25
MAX_OPEN = 3
MAX_SECONDS = 600

BASE_SECONDS: dict[QuestionType, float] = {
    QuestionType.SINGLE_CHOICE: 12,
    QuestionType.MULTIPLE_CHOICE: 18,
    QuestionType.AGREE_SCALE: 10,
    QuestionType.RATING: 10,
    QuestionType.GRID: 8,
    QuestionType.RANKING: 10,
    QuestionType.POINTS: 20,
    QuestionType.NUMBER: 12,
    QuestionType.SHORT_TEXT: 30,
    QuestionType.LONG_TEXT: 90,
    QuestionType.INFO: 0,
}
PER_STATEMENT = 7.0  # grid
PER_RANKED_OPTION = 5.0  # ranking
PER_POINTS_OPTION = 8.0  # points
PER_EXTRA_OPTION = 1.0  # single and multiple choice, above FREE_OPTIONS
FREE_OPTIONS = 5
INFO_WORDS_PER_SECOND = 4.0


def question_seconds(question: Question) -> float:
    """Estimated seconds a member needs for ``question`` (see the module's table)."""
    seconds = BASE_SECONDS[question.type]
    if question.type == QuestionType.GRID:
        seconds += PER_STATEMENT * len(question.statements)
    elif question.type == QuestionType.RANKING:
        seconds += PER_RANKED_OPTION * len(question.options)
    elif question.type == QuestionType.POINTS:
        seconds += PER_POINTS_OPTION * len(question.options)
    elif question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
        seconds += PER_EXTRA_OPTION * max(0, len(question.options) - FREE_OPTIONS)
    elif question.type == QuestionType.INFO:
        seconds += len(words(f"{question.label} {question.hint}")) / INFO_WORDS_PER_SECOND
    return seconds


def estimated_seconds(questionnaire: Questionnaire) -> float:
    return sum(question_seconds(question) for question in questionnaire.questions())


def check_questionnaire(questionnaire: Questionnaire) -> list[Hit]:
    hits: list[Hit] = []
    questions = [q for q in questionnaire.questions() if q.type != QuestionType.INFO]
    if len(questions) > MAX_QUESTIONS:
        hits.append(Hit("too_many_questions", params={"count": str(len(questions))}))
    seconds = estimated_seconds(questionnaire)
    if seconds > MAX_SECONDS:
        minutes = str(math.ceil(seconds / 60))
        hits.append(Hit("too_long_to_answer", params={"minutes": minutes}))
    open_count = sum(1 for q in questions if q.type in OPEN_TYPES)
    if open_count > MAX_OPEN:
        hits.append(Hit("too_many_open", params={"count": str(open_count)}))
    return hits
