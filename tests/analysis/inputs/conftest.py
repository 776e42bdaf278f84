"""XLSForm fixtures, written with openpyxl (the CSV fixtures are files in fixtures/)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.analysis.workbooks import Rows, write_workbook

FIXTURES = Path(__file__).parent / "fixtures"


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
