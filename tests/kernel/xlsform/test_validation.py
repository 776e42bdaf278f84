"""pyxform's verdict as FormIssues, and the package's purity."""

from __future__ import annotations

import subprocess
import sys

from ledenpanel.kernel.xlsform import FormIssue, validate_with_pyxform
from tests.support.xlsform import xlsx

SURVEY = ("type", "name", "label")


def test_it_accepts_a_form_pyxform_converts() -> None:
    assert validate_with_pyxform(xlsx([SURVEY, ["note", "n", "Hallo"]])) == []


def test_it_maps_pyxform_errors_to_rows_and_columns() -> None:
    data = xlsx([SURVEY, ["note", "n", "Hallo"], ["note", "n", "Nog eens"]])

    [issue] = validate_with_pyxform(data)

    assert (issue.sheet, issue.row, issue.column) == ("survey", 3, "name")
    assert "must be unique" in issue.message


def test_it_reports_errors_without_a_row() -> None:
    data = xlsx(
        [SURVEY, ["select_one yn", "q", None]], [["list_name", "name", "label"], ["yn", "a", "A"]]
    )

    [issue] = validate_with_pyxform(data)

    assert issue.row is None
    assert "no label or hint" in issue.message


def test_it_reports_a_file_pyxform_cannot_read() -> None:
    [issue] = validate_with_pyxform(b"no spreadsheet at all")

    assert issue == FormIssue("", None, None, issue.message)
    assert issue.message


def test_it_reports_warnings_only_when_asked() -> None:
    data = xlsx(
        [
            [
                "type",
                "name",
                "label::Nederlands (nl)",
                "hint::Nederlands (nl)",
                "label::English (en)",
            ],
            ["note", "n", "Hallo", "Hint", "Hello"],
        ]
    )

    assert validate_with_pyxform(data) == []
    assert validate_with_pyxform(data, warnings=True)


def test_it_imports_no_django() -> None:
    code = (
        "import sys, ledenpanel.kernel.xlsform as x; "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'"
    )

    subprocess.run([sys.executable, "-c", code], check=True)
