from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template
from django.utils.translation import get_language

from ledenpanel.kernel.questionnaire.capacity import TEXT_LIMITS
from ledenpanel.kernel.questionnaire.schema import QuestionType
from ledenpanel.responses.answering.types import format_number

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, Any] | None, key: str) -> Any:
    """``answers|get_item:name`` — a saved answer (or error) by name, or None."""
    if not isinstance(mapping, Mapping):
        return None
    return mapping.get(str(key))


@register.filter
def contains(values: Any, value: str) -> bool:
    return isinstance(values, list | tuple | set) and value in values


@register.filter
def text_limit(question_type: str) -> int:
    """The character limit of an open answer (``maxlength``)."""
    return TEXT_LIMITS[QuestionType(question_type)]


@register.filter
def text_limit_shown(question_type: str) -> str:
    """The character limit of an open answer as members read it: "2.000" or "2,000"."""
    language = "en" if (get_language() or "nl").startswith("en") else "nl"
    return format_number(text_limit(question_type), language)
