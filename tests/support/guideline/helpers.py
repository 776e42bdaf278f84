"""Small builders for guideline tests."""

from __future__ import annotations

from ledenpanel.guideline import Finding, lint_question
from ledenpanel.kernel.questionnaire.schema import (
    Author,
    Option,
    Question,
    Questionnaire,
    QuestionType,
    Section,
    Statement,
    agree_options,
)


def question(
    label: str,
    kind: QuestionType = QuestionType.AGREE_SCALE,
    options: list[str] | None = None,
    *,
    name: str = "q",
    statements: list[str] | None = None,
    hint: str = "",
) -> Question:
    if options is None:
        choices = agree_options(5) if kind in (QuestionType.AGREE_SCALE, QuestionType.GRID) else []
    else:
        choices = [
            Option(f"o{i}", text, dont_know=text.lower().startswith("weet"))
            for i, text in enumerate(options)
        ]
    return Question(
        name=name,
        type=kind,
        label=label,
        hint=hint,
        options=choices,
        statements=[Statement(f"s{i}", text) for i, text in enumerate(statements or [])],
        author=Author(name="Afdelingsbestuur"),
        rationale="Voor het besluit over de campagne.",
    )


def form(*questions: Question, language: str = "nl") -> Questionnaire:
    return Questionnaire(
        title="Test", language=language, sections=[Section(name="s", questions=list(questions))]
    )


def rules(q: Question, *, language: str = "nl", lang: str = "nl") -> set[str]:
    return {f.rule for f in lint_question(q, questionnaire=form(q, language=language), lang=lang)}


def finding(q: Question, rule: str, *, language: str = "nl", lang: str = "nl") -> Finding:
    findings = lint_question(q, questionnaire=form(q, language=language), lang=lang)
    return next(f for f in findings if f.rule == rule)
