"""Small questionnaires for the answering tests."""

from __future__ import annotations

from ledenpanel.kernel.questionnaire.schema import (
    DONT_KNOW,
    Condition,
    Operator,
    Option,
    Question,
    Questionnaire,
    QuestionType,
    Section,
    Statement,
    agree_options,
)
from ledenpanel.responses.answering import Answer, AnswerError, parse_page

T = QuestionType


def options(*names: str, dont_know: bool = False) -> list[Option]:
    found = [Option(name, name.capitalize()) for name in names]
    if dont_know:
        found.append(Option(*DONT_KNOW, dont_know=True))
    return found


def question(name: str, kind: QuestionType, **kwargs: object) -> Question:
    defaults: dict[str, object] = {"label": f"Vraag {name}"}
    if kind in (T.SINGLE_CHOICE, T.MULTIPLE_CHOICE, T.RANKING, T.POINTS):
        defaults["options"] = options("a", "b", "c")
    if kind in (T.AGREE_SCALE, T.GRID):
        defaults["options"] = agree_options()
    if kind == T.GRID:
        defaults["statements"] = [Statement("s1", "Stelling één"), Statement("s2", "Stelling twee")]
    defaults.update(kwargs)
    return Question(name=name, type=kind, **defaults)  # type: ignore[arg-type]


def when(source: str, operator: Operator, value: str = "") -> list[Condition]:
    return [Condition(source, operator, value)]


def page(*questions: Question, name: str = "p") -> Section:
    return Section(name=name, title=name, questions=list(questions))


def questionnaire(*sections: Section) -> Questionnaire:
    return Questionnaire(title="Test", sections=list(sections))


def answer_one(
    q: Question, data: dict[str, list[str]], earlier: dict[str, Answer] | None = None
) -> tuple[Answer, list[AnswerError]]:
    """Parse a page holding only ``q``: its answer and the errors."""
    answers, errors = parse_page(page(q), data, earlier=earlier or {})
    return answers[q.name], errors


def messages(errors: list[AnswerError]) -> list[str]:
    return [error.message_nl for error in errors]
