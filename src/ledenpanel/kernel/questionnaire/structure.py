"""Comparing two questionnaires: same structure, and a readable diff."""

from __future__ import annotations

import difflib

from ledenpanel.kernel.questionnaire.schema import Question, Questionnaire


def _shape(question: Question) -> tuple[object, ...]:
    return (
        question.name,
        question.type,
        question.required,
        tuple(option.name for option in question.options),
        tuple(option.dont_know for option in question.options),
        tuple(statement.name for statement in question.statements),
        tuple((c.question, c.operator, c.value) for c in question.show_if),
        question.randomize,
        question.points_total,
        question.minimum,
        question.maximum,
    )


def same_structure(before: Questionnaire, after: Questionnaire) -> bool:
    """Whether only wording differs (labels, hints, rationale, titles)."""
    shape = [
        (section.name, [_shape(question) for question in section.questions])
        for section in before.sections
    ]
    return shape == [
        (section.name, [_shape(question) for question in section.questions])
        for section in after.sections
    ]


def as_text(questionnaire: Questionnaire) -> list[str]:
    """A line-per-item rendering that makes versions easy to compare."""
    lines: list[str] = []
    for section in questionnaire.sections:
        lines.append(f"## {section.title or section.name}")
        for question in section.questions:
            flags = "" if question.required else " (optioneel)"
            lines.append(f"[{question.name}] {question.type}{flags}: {question.label}")
            if question.hint:
                lines.append(f"    hint: {question.hint}")
            for statement in question.statements:
                lines.append(f"    - {statement.name}: {statement.label}")
            for option in question.options:
                marker = " (weet niet)" if option.dont_know else ""
                lines.append(f"    * {option.name}: {option.label}{marker}")
            for condition in question.show_if:
                lines.append(f"    als {condition.question} {condition.operator} {condition.value}")
            if question.rationale:
                lines.append(f"    waarom: {question.rationale}")
    return lines


def diff(before: Questionnaire, after: Questionnaire) -> list[str]:
    return list(difflib.unified_diff(as_text(before), as_text(after), lineterm="", n=1))[2:]
