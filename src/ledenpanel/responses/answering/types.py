"""The answer types, errors and the small text helpers every part shares."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TypeAlias

from ledenpanel.kernel.questionnaire.schema import Option, Question, QuestionType, Statement

Answer: TypeAlias = str | list[str] | dict[str, str] | dict[str, int] | float | None

# A number as members type it: "12", "-3", "3,5", "3.5", ",5", "1e3" (what a
# browser's number field may send). No thousands separators: "1.000" is one.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]{1,3})?")
_MAX_NUMBER_LENGTH = 64
_DUTCH_MARKS = str.maketrans(",.", ".,")  # 1,234.5 → 1.234,5


@dataclass(frozen=True)
class AnswerError:
    """One problem with one question, in Dutch and English.

    ``field`` is the HTML field name the error summary links to (the first
    field that needs the member's attention).
    """

    question: str
    field: str
    message_nl: str
    message_en: str


def is_empty(answer: object) -> bool:
    """No answer: ``None``, an empty string, list or dict."""
    return answer is None or (isinstance(answer, str | list | dict) and len(answer) == 0)


def is_number(answer: object) -> bool:
    return isinstance(answer, int | float) and not isinstance(answer, bool)


def parse_number(text: str) -> float | None:
    """``"3,5"`` → 3.5; ``None`` for anything that is not a finite number."""
    text = text.strip().replace("\u2212", "-")  # a typographic minus
    if len(text) > _MAX_NUMBER_LENGTH or not _NUMBER.fullmatch(text):
        return None
    value = float(text.replace(",", "."))
    return value if math.isfinite(value) else None


def format_number(value: float, language: str = "nl") -> str:
    """3.5 → "3,5" (Dutch) or "3.5"; whole numbers without decimals; thousands grouped."""
    if not math.isfinite(value) or abs(value) >= 1e15:
        text = f"{value:g}"
    elif value == int(value):
        text = f"{int(value):,}"
    else:
        text = f"{value:,.10g}"
    if language == "en":
        return text
    return text.translate(_DUTCH_MARKS)


def option_label(option: Option | Statement, language: str = "nl") -> str:
    return option.translations.get(language) or option.label or option.name


def question_label(question: Question, language: str = "nl") -> str:
    return question.translations.get(language, {}).get("label") or question.label or question.name


def quoted(labels: list[str], language: str = "nl") -> str:
    """["A", "B", "C"] → "‘A’, ‘B’ en ‘C’"."""
    items = [f"‘{label}’" for label in labels]
    return join_words(items, language)


def join_words(items: list[str], language: str = "nl") -> str:
    if len(items) <= 1:
        return "".join(items)
    last = " en " if language == "nl" else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def error(question: Question, field: str, nl: str, en: str) -> AnswerError:
    return AnswerError(question=question.name, field=field, message_nl=nl, message_en=en)


def required_error(question: Question, field: str) -> AnswerError:
    return error(question, field, "Deze vraag is verplicht.", "This question is required.")


def field_name(question: Question, part: str = "") -> str:
    """The HTML field name: ``q_<name>`` or ``q_<name>__<statement/option>``."""
    return f"q_{question.name}__{part}" if part else f"q_{question.name}"


def first_field(question: Question) -> str:
    """The field an error about the whole question links to."""
    if question.type == QuestionType.GRID and question.statements:
        return field_name(question, question.statements[0].name)
    if question.type in (QuestionType.RANKING, QuestionType.POINTS) and question.options:
        options = question.answer_options or question.options
        return field_name(question, options[0].name)
    return field_name(question)
