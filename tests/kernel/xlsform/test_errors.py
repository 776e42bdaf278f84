"""Forms that cannot be imported: each error names sheet, Excel row and column."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from openpyxl import Workbook

from ledenpanel.kernel.xlsform import FormIssue, read_xlsform
from tests.support.xlsform import Cell, xlsx

SURVEY = ("type", "name", "label")
YES_NO = [["list_name", "name", "label"], ["yn", "ja", "Ja"], ["yn", "nee", "Nee"]]


def errors_of(
    survey: Sequence[Sequence[Cell]], choices: Sequence[Sequence[Cell]] = YES_NO
) -> list[FormIssue]:
    result = read_xlsform(xlsx([SURVEY, *survey], choices), "form.xlsx")
    assert result.questionnaire is None
    return result.errors


def test_it_refuses_a_file_that_is_not_an_xlsx() -> None:
    result = read_xlsform(b"type,name,label\n", "form.csv")

    assert result.questionnaire is None
    assert result.errors == [FormIssue("", None, None, "form.csv is not an .xlsx file")]


def test_it_explains_the_old_xls_format() -> None:
    result = read_xlsform(b"\xd0\xcf\x11\xe0" + bytes(100), "form.xls")

    assert "save it as .xlsx" in result.errors[0].message


def test_it_refuses_a_zip_that_is_not_a_workbook() -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hallo")

    result = read_xlsform(buffer.getvalue(), "form.xlsx")

    assert result.questionnaire is None
    assert "not a readable .xlsx" in result.errors[0].message


def test_it_needs_a_survey_sheet() -> None:
    book = Workbook()
    assert book.active is not None
    book.active.title = "vragen"
    import io

    buffer = io.BytesIO()
    book.save(buffer)

    result = read_xlsform(buffer.getvalue(), "form.xlsx")

    assert result.errors == [FormIssue("survey", None, None, "there is no survey sheet")]


def test_it_needs_type_name_and_label_columns() -> None:
    result = read_xlsform(xlsx([["type", "naam"], ["note", "n"]]), "form.xlsx")

    assert [(e.sheet, e.row, e.column) for e in result.errors] == [
        ("survey", 1, "name"),
        ("survey", 1, "label"),
    ]


def test_it_reports_an_unknown_list() -> None:
    assert errors_of([["note", "n", "Hoi"], ["select_one jn", "q", "Lid?"]]) == [
        FormIssue("survey", 3, "type", "list 'jn' is not on the choices sheet")
    ]


def test_it_reports_duplicate_names() -> None:
    errors = errors_of(
        [["text", "q", "A"], ["begin group", "g", "G"], ["text", "q", "B"], ["end group"]]
    )

    assert errors == [FormIssue("survey", 4, "name", "duplicate name 'q' (also row 2)")]


def test_it_reports_duplicate_choice_names() -> None:
    errors = errors_of([["select_one yn", "q", "Lid?"]], [*YES_NO, ["yn", "ja", "Jawel"]])

    assert errors == [FormIssue("choices", 4, "name", "duplicate choice name 'ja' in list 'yn'")]


@pytest.mark.parametrize(
    ("survey", "error"),
    [
        (
            [["begin group", "g", "G"], ["note", "n", "Hoi"]],
            FormIssue("survey", 2, "type", "'begin group' (g) has no matching 'end group'"),
        ),
        (
            [["note", "n", "Hoi"], ["end group"]],
            FormIssue(
                "survey",
                3,
                "type",
                "'end group' does not match an open 'begin group' (expected no end row)",
            ),
        ),
        (
            [["begin repeat", "r", "R"], ["end group"]],
            FormIssue(
                "survey",
                3,
                "type",
                "'end group' does not match an open 'begin group' (expected 'end repeat')",
            ),
        ),
    ],
)
def test_it_reports_unmatched_begin_and_end(survey: list[list[Cell]], error: FormIssue) -> None:
    assert error in errors_of(survey)


@pytest.mark.parametrize("name", ["1e_vraag", "vraag-1", "vraag.1", "v" * 65])
def test_it_reports_names_ledenpanel_cannot_use(name: str) -> None:
    [error] = errors_of([["text", name, "Vraag"]])

    assert (error.sheet, error.row, error.column) == ("survey", 2, "name")
    assert "is not a valid name" in error.message


def test_it_reports_a_question_without_a_name() -> None:
    assert errors_of([["text", None, "Vraag"]]) == [
        FormIssue("survey", 2, "name", "this row has no name")
    ]


@pytest.mark.parametrize("kind", ["tekst", "select_one", "rank"])
def test_it_reports_a_type_it_cannot_read(kind: str) -> None:
    assert errors_of([["note", "n", "Hoi"], [kind, "q", "Vraag"]]) == [
        FormIssue("survey", 3, "type", f"question type '{kind}' cannot be read")
    ]


def test_it_reports_a_row_without_a_type() -> None:
    assert errors_of([[None, "q", "Vraag"]]) == [
        FormIssue("survey", 2, "type", "this row has no type")
    ]


def test_it_reports_a_list_with_one_option_where_the_schema_needs_two() -> None:
    choices = [["list_name", "name", "label"], ["een", "a", "A"]]

    assert errors_of([["note", "n", "Hoi"], ["select_one een", "q", "Vraag"]], choices) == [
        FormIssue("survey", 3, "type", "q: needs at least two options")
    ]


def test_it_reports_a_choices_sheet_without_list_names() -> None:
    errors = errors_of([["note", "n", "Hoi"]], [["lijst", "name", "label"], ["a", "b", "c"]])

    assert errors == [
        FormIssue("choices", 1, "list_name", "the choices sheet has no 'list_name' column")
    ]


def test_it_reports_an_invalid_points_total() -> None:
    survey = [
        ["begin group", "p", "Verdeel"],
        ["integer", "p_a", "A"],
        ["integer", "p_b", "B"],
        ["end group"],
    ]
    header = [*SURVEY, "appearance", "parameters"]
    survey[0] += ["ledenpanel-points", "total=veel"]

    result = read_xlsform(xlsx([header, *survey]), "form.xlsx")

    assert result.errors == [
        FormIssue("survey", 2, "parameters", "total=veel is not a positive whole number")
    ]


def test_it_reports_duplicate_section_names() -> None:
    errors = errors_of(
        [
            ["begin group", "deel", "Deel"],
            ["note", "a", "A"],
            ["end group"],
            ["begin group", "deel", "Deel"],
            ["note", "b", "B"],
            ["end group"],
        ]
    )

    assert errors == [FormIssue("survey", 5, "name", "duplicate name 'deel' (also row 2)")]
