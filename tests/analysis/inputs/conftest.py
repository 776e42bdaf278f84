"""Fixtures for the analysis' input readers: XLSForms written with openpyxl (the
CSV fixtures are files in fixtures/), the app's own exports, a form read by both
readers, and small CSV limits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ledenpanel.analysis.data import Form
from ledenpanel.analysis.exports import export_table, table_csv_lines
from ledenpanel.analysis.inputs import read_form, responses_csv
from ledenpanel.kernel.questionnaire.schema import (
    Option,
    Question,
    Questionnaire,
    QuestionType,
    Section,
    Statement,
    agree_options,
    validate,
)
from ledenpanel.kernel.xlsform import read_xlsform, write_xlsform
from tests.support.formula_injection import injection_questionnaire, injection_responses
from tests.support.workbooks import Rows, write_workbook
from tests.support.xlsform import BothReads, Table, xlsx

# A KoboToolbox-style form: English and Dutch labels (Dutch the default),
# groups, a grid, numeric choice names, metadata and non-question rows.
SURVEY: Rows = [
    {"type": "start", "name": "start"},
    {"type": "end", "name": "end"},
    {"type": "note", "name": "intro", "label::English (en)": "Welcome"},
    {"type": "begin_group", "name": "grp", "label::English (en)": "About you"},
    {
        "type": "select_one yn",
        "name": "member",
        "label::English (en)": "Are you a member?",
        "label::Nederlands (nl)": "Bent u lid?",
    },
    {
        "type": "select_multiple topics",
        "name": "topics",
        "label::English (en)": "Topics",
        "label::Nederlands (nl)": "Onderwerpen",
    },
    {"type": "end_group", "name": "grp"},
    {
        "type": "begin_group",
        "name": "opinions",
        "appearance": "table-list",
        "label::English (en)": "Statements",
    },
    {"type": "select_one agree", "name": "s1", "label::English (en)": "Statement one"},
    {"type": "select_one agree", "name": "s2", "label::English (en)": "Statement two"},
    {"type": "end_group"},
    {"type": "integer", "name": "age_years", "label::English (en)": "Age"},
    {"type": "decimal", "name": "hours", "label::English (en)": "Hours a week"},
    {"type": "select_one code", "name": "code", "label::English (en)": "Code"},
    {"type": "rank x", "name": "prio", "label::English (en)": "Priorities"},
    {"type": "text", "name": "remarks", "label::English (en)": "Remarks"},
    {"type": "calculate", "name": "score", "calculation": "1"},
]
CHOICES: Rows = [
    {
        "list_name": "yn",
        "name": "yes",
        "label::English (en)": "Yes",
        "label::Nederlands (nl)": "Ja",
    },
    {"list_name": "yn", "name": "no", "label::English (en)": "No", "label::Nederlands (nl)": "Nee"},
    {"list_name": "topics", "name": "housing", "label::English (en)": "Housing"},
    {"list_name": "topics", "name": "care", "label::English (en)": "Care"},
    {"list_name": "topics", "name": "climate", "label::English (en)": "Climate"},
    {"list_name": "agree", "name": "sd", "label::English (en)": "Strongly disagree"},
    {"list_name": "agree", "name": "d", "label::English (en)": "Disagree"},
    {"list_name": "agree", "name": "n", "label::English (en)": "Neither agree nor disagree"},
    {"list_name": "agree", "name": "a", "label::English (en)": "Agree"},
    {"list_name": "agree", "name": "sa", "label::English (en)": "Strongly agree"},
    {"list_name": "agree", "name": "dk", "label::English (en)": "Don't know"},
    {"list_name": "code", "name": 1, "label::English (en)": "One"},
    {"list_name": "code", "name": 2, "label::English (en)": "Two"},
    {"list_name": "code", "name": 3, "label::English (en)": "Three"},
    {"list_name": "code", "name": 99, "label::English (en)": "No answer"},
    {"list_name": "x", "name": "a"},
    {"list_name": "x", "name": "b"},
    {"list_name": "x", "name": "c"},
]
SETTINGS: Rows = [
    {"form_title": "Member survey", "form_id": "members", "default_language": "Nederlands (nl)"}
]


@pytest.fixture
def kobo_form(tmp_path: Path) -> Path:
    return write_workbook(
        tmp_path / "form.xlsx",
        {"survey": SURVEY, "choices": CHOICES, "settings": SETTINGS},
    )


@pytest.fixture
def make_form(tmp_path: Path) -> Callable[..., Path]:
    """A form from survey (and choices, settings) rows, for the one thing a test varies."""

    def make(survey: Rows, choices: Rows = (), settings: Rows = (), name: str = "f.xlsx") -> Path:
        sheets: dict[str, Rows] = {"survey": survey}
        if choices:
            sheets["choices"] = choices
        if settings:
            sheets["settings"] = settings
        return write_workbook(tmp_path / name, sheets)

    return make


def _app_questionnaire() -> Questionnaire:
    questions = [
        Question(name="intro", type=QuestionType.INFO, label="Welkom"),
        Question(
            name="kanaal",
            type=QuestionType.SINGLE_CHOICE,
            label="Hoe hoorde u van het panel?",
            options=[
                Option("1", "Krant"),
                Option("2", "Website"),
                Option("3", "Vrienden"),
                Option("99", "Weet niet", dont_know=True),
            ],
        ),
        Question(
            name="stelling",
            type=QuestionType.AGREE_SCALE,
            label="De partij luistert naar haar leden.",
            options=agree_options(5),
        ),
        Question(
            name="tevredenheid",
            type=QuestionType.RATING,
            label="Welk rapportcijfer geeft u?",
            options=[Option("weet_niet", "Weet niet / geen mening", dont_know=True)],
        ),
        Question(
            name="stellingen",
            type=QuestionType.GRID,
            label="Stellingen",
            options=agree_options(5),
            statements=[Statement("st_1", "Eerste"), Statement("st_2", "Tweede")],
        ),
        Question(
            name="budget",
            type=QuestionType.POINTS,
            label="Verdeel 100 punten",
            options=[
                Option("wegen", "Wegen"),
                Option("zorg", "Zorg"),
                Option("cultuur", "Cultuur"),
            ],
        ),
        Question(
            name="volgorde",
            type=QuestionType.RANKING,
            label="Zet in volgorde",
            options=[Option("a", "A"), Option("b", "B"), Option("c", "C")],
        ),
        Question(name="jaren", type=QuestionType.NUMBER, label="Jaren lid", minimum=0, maximum=80),
        Question(
            name="toelichting", type=QuestionType.LONG_TEXT, label="Toelichting", required=False
        ),
    ]
    questionnaire = Questionnaire(
        title="Ledenpeiling 2026",
        sections=[Section(name="algemeen", title="Algemeen", questions=questions)],
    )
    validate(questionnaire)
    return questionnaire


@pytest.fixture
def app_form(tmp_path: Path) -> Path:
    """The app's XLSForm export of a questionnaire with every kind of question."""
    path = tmp_path / "ledenpeiling.xlsx"
    path.write_bytes(write_xlsform(_app_questionnaire()))
    return path


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, Path]:
    """The app's XLSForm and responses CSV exports of formula-like labels and answers."""
    form_path = tmp_path / "vragen.xlsx"
    form_path.write_bytes(write_xlsform(injection_questionnaire()))
    form = read_form(form_path)
    csv_path = tmp_path / "antwoorden.csv"
    table = export_table(form, injection_responses(), include_open=True)
    csv_path.write_text("".join(table_csv_lines(table)), newline="")
    return form_path, csv_path


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Responses CSVs limited to 1 MiB, 5 rows, 20 columns and 500 cells."""
    limits = responses_csv.CSV_LIMITS._replace(
        max_file_bytes=1024 * 1024, max_rows=5, max_columns=20, max_cells=500
    )
    monkeypatch.setattr(responses_csv, "CSV_LIMITS", limits)


@pytest.fixture
def read_both(tmp_path: Path) -> Callable[..., BothReads]:
    """Reads a form from survey (and choices, settings) rows with both readers."""

    def read(survey: Table, choices: Table | None = None, settings: Table | None = None):
        data = xlsx(survey, choices, settings)
        imported = read_xlsform(data, "vorm.xlsx")
        assert imported.errors == []
        assert imported.questionnaire is not None
        path = tmp_path / "vorm.xlsx"
        path.write_bytes(data)
        warnings: list = []
        form = read_form(path, warnings=warnings)
        return BothReads(
            imported.questionnaire, imported.not_imported, form, [w.message for w in warnings]
        )

    return read


SMALL_SURVEY = [
    {"type": "select_one c", "name": "q3", "label": "Q3"},
    {"type": "integer", "name": "n", "label": "N"},
    {"type": "decimal", "name": "x", "label": "X"},
    {"type": "select_multiple m", "name": "m", "label": "M"},
    {"type": "rank m", "name": "r", "label": "R"},
    {"type": "text", "name": "t", "label": "T"},
]
SMALL_CHOICES = [
    *({"list_name": "c", "name": name, "label": f"Choice {name}"} for name in (1, 2, 3, 99)),
    *({"list_name": "m", "name": name, "label": name.upper()} for name in ("a", "b", "c")),
]


@pytest.fixture
def small_form(make_form) -> Form:
    """A form with a choice, integer, decimal, multiple, rank and text question."""
    return read_form(make_form(SMALL_SURVEY, SMALL_CHOICES))


@pytest.fixture
def write_csv(tmp_path) -> Callable[..., Path]:
    """Writes a CSV text under tmp_path in an encoding of the test's choice."""

    def write(text: str, name: str = "responses.csv", encoding: str = "utf-8"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write
