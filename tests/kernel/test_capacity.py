"""The panel's fixed size holds the largest answer the answering pages accept."""

from __future__ import annotations

import json

import pytest

from ledenpanel.invitations.crypto import pad
from ledenpanel.kernel.questionnaire.capacity import TEXT_LIMITS, sealed_size
from ledenpanel.kernel.questionnaire.schema import (
    Option,
    Question,
    Questionnaire,
    QuestionType,
    Section,
    Statement,
    agree_options,
)
from ledenpanel.panels.library import TEMPLATES
from ledenpanel.responses.evaluation import QUESTIONS as EVALUATION
from ledenpanel.responses.services import envelope_payload

T = QuestionType
# 4 bytes in UTF-8: the most a character can take.
WIDEST = "\U0001f600"
LONG_NAME = "n" * 40


def _options(count: int) -> list[Option]:
    return [Option(f"{LONG_NAME}_{i}", f"Optie {i}") for i in range(count)]


def every_type() -> Questionnaire:
    statements = [Statement(f"{LONG_NAME}_s{i}", f"Stelling {i}") for i in range(8)]
    return Questionnaire(
        sections=[
            Section(
                "alles",
                "Alles",
                [
                    Question("een", T.SINGLE_CHOICE, "Een?", options=_options(12)),
                    Question("meer", T.MULTIPLE_CHOICE, "Meer?", options=_options(20)),
                    Question("schaal", T.AGREE_SCALE, "Eens?", options=agree_options()),
                    Question("cijfer", T.RATING, "Cijfer?", options=[Option("weet_niet", "?")]),
                    Question("volgorde", T.RANKING, "Volgorde?", options=_options(10)),
                    Question("punten", T.POINTS, "Punten?", options=_options(10)),
                    Question("getal", T.NUMBER, "Getal?"),
                    Question("kort", T.SHORT_TEXT, "Kort?"),
                    Question("lang", T.LONG_TEXT, "Lang?"),
                    Question("lang2", T.LONG_TEXT, "Nog meer?"),
                    Question(
                        "rooster",
                        T.GRID,
                        "Rooster?",
                        options=agree_options(),
                        statements=statements,
                    ),
                    Question("uitleg", T.INFO, "Uitleg"),
                ],
            )
        ]
    )


def largest_answers(questionnaire: Questionnaire) -> dict:
    """The longest answer every question can get through the answering pages."""
    answers: dict = {}
    for q in questionnaire.questions():
        names = [option.name for option in q.options]
        longest = max(names, key=len, default="")
        if q.type in TEXT_LIMITS:
            answers[q.name] = WIDEST * TEXT_LIMITS[q.type]
        elif q.type == T.NUMBER:
            answers[q.name] = -1.2345678901234567e-300
        elif q.type == T.RATING:
            answers[q.name] = longest or 10
        elif q.type in (T.SINGLE_CHOICE, T.AGREE_SCALE):
            answers[q.name] = longest
        elif q.type == T.MULTIPLE_CHOICE:
            answers[q.name] = names
        elif q.type in (T.RANKING, T.POINTS):
            answers[q.name] = {name: 10**18 for name in names}
        elif q.type == T.GRID:
            answers[q.name] = {s.name: longest for s in q.statements}
    return answers


def _largest_payloads(questionnaire: Questionnaire) -> list[bytes]:
    answers = largest_answers(questionnaire)
    evaluation = {q.name: max((c for c, _l in q.choices), key=len) for q in EVALUATION}
    background = {f"band_{i}": "B" * 40 for i in range(6)}
    envelope = envelope_payload(
        answers=answers,
        background=background,
        version=99,
        assisted=True,
        evaluation=evaluation,
    )
    draft = json.dumps(
        {"answers": answers, "page": 99, "evaluation": evaluation, "honeypot": True},
        ensure_ascii=False,
    ).encode()
    return [envelope, draft]


QUESTIONNAIRES = [every_type()] + [template.build() for template in TEMPLATES]


@pytest.mark.parametrize("questionnaire", QUESTIONNAIRES)
def test_the_largest_answers_fit_the_panels_one_size(questionnaire: Questionnaire) -> None:
    size = sealed_size(questionnaire)

    for payload in _largest_payloads(questionnaire):
        assert len(pad(payload, size)) == size  # raises PayloadTooLarge if not


def test_the_size_grows_with_open_questions_and_stays_modest() -> None:
    sizes = [sealed_size(q) for q in QUESTIONNAIRES]

    assert sizes[0] > max(sizes[1:])  # two long texts and a short one
    assert all(size % 1024 == 0 for size in sizes)
    # Four bytes per allowed character for every open answer, plus the rest.
    assert sizes[0] < 4 * (2 * 2000 + 300) + 16 * 1024


def test_the_size_depends_on_the_structure_not_on_wording() -> None:
    reworded = every_type()
    for question in reworded.questions():
        question.label = question.label + " (herschreven, veel langer dan eerst)"

    assert sealed_size(reworded) == sealed_size(every_type())
