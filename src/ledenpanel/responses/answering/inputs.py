"""Reading a submitted form: values of a field, robust to what tampering sends."""

from __future__ import annotations

from collections.abc import Mapping

from ledenpanel.kernel.questionnaire.schema import Question
from ledenpanel.responses.answering.types import Answer, AnswerError, error

Parsed = tuple[Answer, list[AnswerError]]


def field_values(data: Mapping[str, list[str]], key: str) -> list[str]:
    """The distinct non-blank values of a field, stripped; robust to odd shapes."""
    raw = data.get(key)
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list | tuple):
        return []
    values = [value.strip() for value in raw if isinstance(value, str)]
    return list(dict.fromkeys(value for value in values if value))


def single_value(data: Mapping[str, list[str]], field: str) -> tuple[str | None, bool]:
    """The single value of a field; the flag says several were sent."""
    values = field_values(data, field)
    return (values[0] if len(values) == 1 else None), len(values) > 1


def choose_one(question: Question, field: str, what_nl: str = "", what_en: str = "") -> AnswerError:
    nl = f"Kies bij {what_nl} één antwoord." if what_nl else "Kies één antwoord."
    en = f"Choose one answer for {what_en}." if what_en else "Choose one answer."
    return error(question, field, nl, en)
