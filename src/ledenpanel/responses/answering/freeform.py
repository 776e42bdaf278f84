"""Open questions: numbers and text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from ledenpanel.kernel.questionnaire.capacity import TEXT_LIMITS
from ledenpanel.kernel.questionnaire.schema import Question
from ledenpanel.responses.answering.inputs import Parsed, single_value
from ledenpanel.responses.answering.types import (
    AnswerError,
    error,
    field_name,
    format_number,
    parse_number,
)

# Control characters a member cannot mean (and PostgreSQL cannot store: NUL).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def read_number(question: Question, data: Mapping[str, list[str]]) -> Parsed:
    field = field_name(question)
    value, several = single_value(data, field)
    if several:
        return None, [error(question, field, "Vul één getal in.", "Enter one number.")]
    if value is None:
        return None, []
    amount = parse_number(value)
    if amount is None:
        return None, [
            error(
                question,
                field,
                "Vul een getal in, bijvoorbeeld 12 of 3,5.",
                "Enter a number, for example 12 or 3.5.",
            )
        ]
    low, high = question.minimum, question.maximum
    if (low is not None and amount < low) or (high is not None and amount > high):
        return None, [_range_error(question, field, low, high)]
    return amount, []


def _range_error(
    question: Question, field: str, low: float | None, high: float | None
) -> AnswerError:
    def nl(value: float) -> str:
        return format_number(value, "nl")

    def en(value: float) -> str:
        return format_number(value, "en")

    if low is not None and high is not None:
        texts = f"van {nl(low)} tot en met {nl(high)}", f"from {en(low)} to {en(high)}"
    elif low is not None:
        texts = f"van {nl(low)} of meer", f"of {en(low)} or more"
    elif high is not None:
        texts = f"van hoogstens {nl(high)}", f"of at most {en(high)}"
    else:  # not reached: only called when a bound is set
        texts = "", ""
    nl_text, en_text = (f" {text}" if text else "" for text in texts)
    return error(question, field, f"Vul een getal in{nl_text}.", f"Enter a number{en_text}.")


def clean_text(text: str) -> str:
    """NFC, ``\\n`` line ends, no control characters, no outer whitespace."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def read_text(question: Question, data: Mapping[str, list[str]]) -> Parsed:
    field = field_name(question)
    raw = data.get(field)
    if isinstance(raw, str):
        raw = [raw]
    values = list(
        dict.fromkeys(
            cleaned
            for value in (raw if isinstance(raw, list | tuple) else [])
            if isinstance(value, str) and (cleaned := clean_text(value))
        )
    )
    if len(values) > 1:
        return None, [error(question, field, "Vul één antwoord in.", "Enter one answer.")]
    if not values:
        return None, []
    answer, limit = values[0], TEXT_LIMITS[question.type]
    if len(answer) > limit:
        over = len(answer) - limit
        return None, [
            error(
                question,
                field,
                f"Uw antwoord is {format_number(len(answer))} tekens lang; het mag hoogstens "
                f"{format_number(limit)} tekens zijn ({format_number(over)} te veel).",
                f"Your answer is {format_number(len(answer), 'en')} characters long; it may be at "
                f"most {format_number(limit, 'en')} characters ({format_number(over, 'en')} "
                "too many).",
            )
        ]
    return answer, []
