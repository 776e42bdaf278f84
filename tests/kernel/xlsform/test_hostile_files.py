"""Hostile XLSForms: a FormIssue on the web and from `ledenpanel lint`, never a dead process.

Issue 10, finding 9: one cell at XFD1048576 made calamine abort its process,
and a 4.8 MB zip bomb kept a web worker busy for 300 s.
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ledenpanel.cli.lint import add_lint_arguments, run_lint
from ledenpanel.kernel.xlsform import FormIssue, read_xlsform, validate_with_pyxform
from tests.builders import Party, verified_client
from tests.support import hostile

HEADERS = ("type", "name", "label")


def errors_of(data: bytes) -> list[FormIssue]:
    result = read_xlsform(data, "form.xlsx")
    assert result.questionnaire is None
    return result.errors


def test_one_far_cell_is_an_issue_at_its_sheet_and_row() -> None:
    [issue] = errors_of(hostile.far_cell(HEADERS, sheet_name="survey"))

    assert (issue.sheet, issue.row) == ("survey", 1_048_576)
    assert "past the 50,000 rows allowed" in issue.message
    assert issue.message.startswith('sheet "survey" has row 1,048,576')


def test_a_far_cell_in_a_near_row_names_its_column() -> None:
    [issue] = errors_of(hostile.far_cell_in_a_near_row(HEADERS))

    assert (issue.row, issue.column) == (1_048_576, "XFD")


def test_a_lying_dimension_is_an_issue() -> None:
    [issue] = errors_of(hostile.lying_dimension(HEADERS))

    assert "A1:XFD1048576" in issue.message


@pytest.mark.parametrize("build", [hostile.zip_bomb, hostile.lying_sizes])
def test_a_zip_bomb_is_refused_at_once(build) -> None:
    data = build(HEADERS, unpacked_mib=40)
    started = time.perf_counter()

    [issue] = errors_of(data)

    assert time.perf_counter() - started < 5
    assert "xl/worksheets/sheet1.xml" in issue.message


def test_a_grid_within_the_rows_and_columns_but_too_large_is_refused() -> None:
    """500 × 49,999 cells: calamine builds the grid in the child (800 MB), which is
    then refused before it becomes 25 million Python objects."""
    [issue] = errors_of(hostile.wide_and_deep(HEADERS, column="SF", row=49_999))

    assert "spans A1:SF49999, 24,999,500 cells" in issue.message


def test_pyxform_validation_is_guarded_too() -> None:
    """pyxform (openpyxl) pads every row to the declared dimension: 17 billion cells."""
    started = time.perf_counter()

    [issue] = validate_with_pyxform(hostile.lying_dimension(HEADERS))

    assert time.perf_counter() - started < 5
    assert "A1:XFD1048576" in issue.message


def test_lint_exits_1_with_the_issue(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    path.write_bytes(hostile.far_cell(HEADERS, sheet_name="survey"))
    parser = argparse.ArgumentParser()
    add_lint_arguments(parser)
    out, err = io.StringIO(), io.StringIO()

    code = run_lint(parser.parse_args([str(path)]), stdout=out, stderr=err)

    assert code == 1
    assert "survey row 1048576" in err.getvalue()
    assert "past the 50,000 rows allowed" in err.getvalue()


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (lambda: hostile.far_cell(HEADERS, sheet_name="survey"), "rij 1048576"),
        (lambda: hostile.zip_bomb(HEADERS, unpacked_mib=40), "zip bomb"),
        (lambda: hostile.lying_sizes(HEADERS, unpacked_mib=40), "than it declares"),
    ],
)
def test_the_web_import_shows_the_issue_and_the_worker_lives_on(
    party: Party, board_a1, build, expected: str
) -> None:
    client = verified_client(board_a1)
    url = reverse("panels:xlsform_import", kwargs={"panel_id": party.panel_a1.public_id})

    page = client.post(url, {"file": SimpleUploadedFile("v.xlsx", build())})

    assert page.status_code == 200
    content = page.content.decode()
    assert "Het bestand kon niet worden gelezen" in content
    assert expected in content
    assert client.get(url).status_code == 200
