"""Building XLSForm workbooks and questionnaires for the tests."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook

from ledenpanel.analysis.data import Form
from ledenpanel.kernel.questionnaire.schema import (
    Author,
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

Cell = str | int | float | None
Table = Sequence[Sequence[Cell]]


def xlsx(
    survey: Table,
    choices: Table | None = None,
    settings: Table | None = None,
    **other_sheets: Table,
) -> bytes:
    """An .xlsx with the given sheets; each table's first row is the header."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    tables = {"choices": choices, "settings": settings, **other_sheets}
    for row in survey:
        sheet.append(list(row))
    for name, table in tables.items():
        if table is not None:
            extra = book.create_sheet(name)
            for row in table:
                extra.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def question_of(kind: QuestionType, name: str = "q") -> Question:
    """A filled-in question of each type."""
    two = [Option("ja", "Ja"), Option("nee", "Nee")]
    if kind in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE, QuestionType.RANKING):
        return Question(name, kind, "Welke?", options=two)
    if kind == QuestionType.AGREE_SCALE:
        return Question(name, kind, "De afdeling luistert naar leden.", options=agree_options(5))
    if kind == QuestionType.RATING:
        return Question(name, kind, "Welk cijfer geeft u?")
    if kind == QuestionType.POINTS:
        return Question(name, kind, "Verdeel 100 punten", options=two)
    if kind == QuestionType.NUMBER:
        return Question(name, kind, "Hoe oud bent u?", minimum=16, maximum=120)
    if kind == QuestionType.GRID:
        return Question(
            name,
            kind,
            "Hoe eens bent u het met deze stellingen?",
            options=agree_options(7),
            statements=[Statement(f"{name}_a", "Een"), Statement(f"{name}_b", "Twee")],
        )
    return Question(name, kind, "Tekst")


def full_questionnaire() -> Questionnaire:
    """Every type, with conditions, translations, authors, randomize and "weet niet"."""
    jan = Author("Jan de Vries", "voorzitter", "Afdeling Utrecht")
    return Questionnaire(
        title="Ledenpeiling gemeenteraad 2026",
        language="nl",
        sections=[
            Section(
                "intro",
                "Inleiding",
                translations={"en": "Introduction"},
                questions=[
                    Question(
                        "welkom",
                        QuestionType.INFO,
                        "Fijn dat u meedoet.",
                        translations={"en": {"label": "Thanks for taking part."}},
                    ),
                    Question(
                        "deelname",
                        QuestionType.SINGLE_CHOICE,
                        "Moet de afdeling meedoen aan de verkiezingen?",
                        hint="Kies één antwoord.",
                        options=[
                            Option("ja", "Ja", translations={"en": "Yes"}),
                            Option("nee", "Nee", translations={"en": "No"}),
                            Option("weet_niet", "Weet niet", dont_know=True),
                        ],
                        author=jan,
                        rationale="Het bestuur beslist in maart.",
                        translations={"en": {"label": "Take part?", "hint": "Choose one."}},
                    ),
                    Question(
                        "lijst",
                        QuestionType.AGREE_SCALE,
                        "De afdeling moet een eigen lijst indienen.",
                        options=agree_options(5),
                        show_if=[Condition("deelname", Operator.EQUALS, "ja")],
                    ),
                    Question(
                        "tevreden",
                        QuestionType.RATING,
                        "Welk cijfer geeft u het bestuur?",
                        options=[Option("dk", "Weet niet", dont_know=True)],
                    ),
                ],
            ),
            Section(
                "programma",
                "Het programma",
                questions=[
                    Question(
                        "themas",
                        QuestionType.MULTIPLE_CHOICE,
                        "Welke thema's vindt u belangrijk?",
                        required=False,
                        randomize=True,
                        options=[Option("wonen", "Wonen"), Option("zorg", "Zorg")],
                        show_if=[
                            Condition("lijst", Operator.NOT_EQUALS, "oneens"),
                            Condition("tevreden", Operator.GREATER_THAN, "5"),
                        ],
                    ),
                    Question(
                        "volgorde",
                        QuestionType.RANKING,
                        "Zet de thema's in volgorde.",
                        options=[Option("wonen", "Wonen"), Option("zorg", "Zorg")],
                        show_if=[
                            Condition("themas", Operator.SELECTED, "wonen"),
                            Condition("deelname", Operator.ANSWERED),
                        ],
                    ),
                    Question(
                        "budget",
                        QuestionType.POINTS,
                        "Verdeel 10 punten over de thema's.",
                        points_total=10,
                        randomize=True,
                        options=[
                            Option("wonen", "Wonen", translations={"en": "Housing"}),
                            Option("zorg", "Zorg", translations={"en": "Care"}),
                        ],
                    ),
                    Question(
                        "leeftijd",
                        QuestionType.NUMBER,
                        "Hoe oud bent u?",
                        minimum=16,
                        maximum=120,
                        show_if=[Condition("tevreden", Operator.LESS_THAN, "3")],
                    ),
                    Question("woonplaats", QuestionType.SHORT_TEXT, "Waar woont u?"),
                    Question(
                        "toelichting",
                        QuestionType.LONG_TEXT,
                        "Wilt u dat toelichten?",
                        required=False,
                    ),
                    Question(
                        "stellingen",
                        QuestionType.GRID,
                        "Hoe eens bent u het met deze stellingen?",
                        options=agree_options(7),
                        statements=[
                            Statement("s_wonen", "Wonen is urgent.", {"en": "Housing is urgent."}),
                            Statement("s_zorg", "Zorg is urgent."),
                        ],
                        randomize=True,
                        author=Author("Werkgroep programma"),
                        rationale="Input voor het programma.",
                    ),
                ],
            ),
        ],
    )


@dataclass
class BothReads:
    """One form read by the builder's import and by the analysis (``read_both``
    in tests/analysis/inputs/conftest.py)."""

    questionnaire: Questionnaire  # the builder's import
    not_imported: list[str]
    form: Form  # the analysis' reading
    warnings: list[str]  # the analysis' notes
