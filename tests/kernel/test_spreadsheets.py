"""Hostile workbooks are refused before a parser sees them, or in a child (issue 10, finding 9)."""

from __future__ import annotations

import io
import pickle
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from ledenpanel.kernel.sandbox import MIB, SandboxLimits, SandboxMemoryError
from ledenpanel.kernel.spreadsheets import (
    ROSTER_LIMITS,
    XLSFORM_LIMITS,
    SpreadsheetError,
    SpreadsheetLimits,
    SpreadsheetProblem,
    TableLimits,
    check_text_table,
    check_workbook,
    column_letters,
    column_number,
    read_workbook_values,
    read_workbook_values_sandboxed,
    split_reference,
)
from tests.support import hostile

ROOT = Path(__file__).resolve().parents[2]


def refusal(data: bytes, limits: SpreadsheetLimits = ROSTER_LIMITS) -> SpreadsheetError:
    with pytest.raises(SpreadsheetError) as caught:
        check_workbook(data, limits)
    return caught.value


def real_workbook(rows: int, columns: int = 17) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Leden")
    sheet.append([f"kolom {index}" for index in range(columns)])
    for number in range(rows):
        sheet.append([f"{number:07d}", "Jansen", "A1", *["x"] * (columns - 3)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- the attack, unguarded -------------------------------------------------------


def test_unguarded_calamine_aborts_the_whole_process_on_one_far_cell(tmp_path: Path) -> None:
    """What the review found: SIGABRT (exit 134 in a shell), which no ``except`` catches.

    Run in a throwaway child so that this test runner survives it.
    """
    path = tmp_path / "far.xlsx"
    path.write_bytes(hostile.far_cell())
    code = (
        "import io, sys\n"
        "from python_calamine import CalamineWorkbook\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "try:\n"
        "    CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)\n"
        "except BaseException:\n"
        "    print('caught')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        env={"RUST_BACKTRACE": "0", "PATH": "/usr/bin:/bin"},
        check=False,
    )

    assert done.returncode == -signal.SIGABRT
    assert "caught" not in done.stdout
    assert "memory allocation of 549755813888 bytes failed" in done.stderr  # 512 GiB


def test_guarded_the_same_file_is_a_clear_error_in_this_process() -> None:
    with pytest.raises(SpreadsheetError) as caught:
        read_workbook_values_sandboxed(hostile.far_cell(), ROSTER_LIMITS)

    assert caught.value.problem == SpreadsheetProblem.TOO_MANY_ROWS
    assert caught.value.sheet == "Leden"
    assert caught.value.row == 1_048_576
    assert "delete the rows below your data" in caught.value.message


# --- before parsing --------------------------------------------------------------


def test_a_cell_hidden_in_a_near_row_is_found_by_its_own_reference() -> None:
    error = refusal(hostile.far_cell_in_a_near_row())

    assert (error.cell, error.row, error.column) == ("XFD1048576", 1_048_576, "XFD")


def test_a_cell_past_the_last_column_names_the_column() -> None:
    rows = hostile.header_row(["Lidnummer"]) + '<row r="2"><c r="AMA2"><v>1</v></c></row>'

    error = refusal(hostile.package(hostile.sheet_xml(rows)))

    assert error.problem == SpreadsheetProblem.TOO_MANY_COLUMNS
    assert (error.column, error.row, error.limit) == ("AMA", 2, 1_000)
    assert "the last is ALL" in error.message


def test_references_in_lower_case_and_single_quotes_are_caught_too() -> None:
    rows = hostile.header_row(["Lidnummer"]) + "<row r='2'><c r='xfd2'><v>1</v></c></row>"

    assert refusal(hostile.package(hostile.sheet_xml(rows))).column == "XFD"


def test_other_attributes_ending_in_r_are_not_taken_for_references() -> None:
    sheet = hostile.sheet_xml(
        hostile.header_row(["Lidnummer"]) + '<row r="2"><c r="A2"><v>1</v></c></row>'
    ).replace(
        "</sheetData>",
        "</sheetData>"
        '<dataValidations count="1"><dataValidation type="whole" operator="between" '
        'sqref="A2:A9"/></dataValidations>'
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
        'footer="0.3"/>',
    )

    check_workbook(hostile.package(sheet), ROSTER_LIMITS)
    assert read_workbook_values(hostile.package(sheet), ROSTER_LIMITS)[0][1][1] == [1.0]


def test_a_dimension_that_claims_the_whole_grid_is_refused() -> None:
    error = refusal(hostile.lying_dimension())

    assert error.area == "A1:XFD1048576"
    assert "<dimension>" in error.message


def test_a_dimension_within_the_rows_and_columns_but_too_many_cells_is_refused() -> None:
    rows = hostile.header_row(["Lidnummer"])

    error = refusal(hostile.package(hostile.sheet_xml(rows, dimension="A1:ALL499999")))

    assert error.problem == SpreadsheetProblem.TOO_MANY_CELLS
    assert error.found == 1_000 * 499_999


def test_a_zip_bomb_is_refused_by_its_compression_ratio_without_unpacking_it() -> None:
    error = refusal(hostile.zip_bomb(unpacked_mib=64))

    assert error.problem == SpreadsheetProblem.SUSPICIOUS_ENTRY
    assert error.entry == "xl/worksheets/sheet1.xml"
    assert "zip bomb" in error.message


def test_a_zip_that_lies_about_its_sizes_is_refused() -> None:
    error = refusal(hostile.lying_sizes(unpacked_mib=64))

    assert error.problem == SpreadsheetProblem.SUSPICIOUS_ENTRY
    assert "different amount of data than it declares" in error.message


def test_a_workbook_that_unpacks_past_the_total_is_refused() -> None:
    limits = ROSTER_LIMITS._replace(max_unpacked_bytes=100 * 1024)

    error = refusal(real_workbook(rows=1_000), limits)

    assert error.problem == SpreadsheetProblem.UNPACKED_TOO_LARGE


def test_too_many_parts_are_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(1_001):
            archive.writestr(f"xl/media/{index}.txt", "x")

    assert refusal(buffer.getvalue()).problem == SpreadsheetProblem.TOO_MANY_ENTRIES


def test_xml_entities_in_the_workbook_index_are_refused() -> None:
    data = hostile.package(hostile.sheet_xml(hostile.header_row(["a"])))
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "&lol;</workbook>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            body = laughs if info.filename == "xl/workbook.xml" else source.read(info)
            target.writestr(info.filename, body)

    error = refusal(buffer.getvalue())

    assert error.problem == SpreadsheetProblem.SUSPICIOUS_ENTRY
    assert error.entry == "xl/workbook.xml"


def test_too_many_rows_are_counted_even_without_references() -> None:
    limits = XLSFORM_LIMITS._replace(max_rows=100)
    rows = hostile.header_row(["type"]) + "<row><c><v>1</v></c></row>" * 150

    error = refusal(hostile.package(hostile.sheet_xml(rows)), limits)

    assert error.problem == SpreadsheetProblem.TOO_MANY_ROWS
    assert error.found > 100  # counted a chunk at a time


def test_a_file_past_the_size_limit_is_refused() -> None:
    error = refusal(b"PK\x03\x04" + bytes(21 * MIB), XLSFORM_LIMITS)

    assert error.problem == SpreadsheetProblem.FILE_TOO_LARGE


def test_a_real_roster_passes_and_reads_as_excel_rows() -> None:
    data = real_workbook(rows=2_000)

    check_workbook(data, ROSTER_LIMITS)
    [(name, rows)] = read_workbook_values_sandboxed(data, ROSTER_LIMITS, first_sheet_only=True)

    assert name == "Leden"
    assert len(rows) == 2_001
    assert rows[1][:3] == ["0000000", "Jansen", "A1"]


# --- after parsing, and the sandbox -------------------------------------------------


def test_a_grid_too_large_to_build_ends_the_child_not_the_caller() -> None:
    """Rows and columns each within limits, the grid (500 million cells) not: the
    scan lets it through, calamine's 16 GB allocation aborts the child."""
    with pytest.raises(SandboxMemoryError):
        read_workbook_values_sandboxed(hostile.wide_and_deep(), ROSTER_LIMITS)


def test_a_grid_calamine_can_build_is_checked_before_python_objects_are_made() -> None:
    limits = ROSTER_LIMITS._replace(max_cells=1_000)
    rows = hostile.header_row(["a"]) + '<row r="200"><c r="Z200"><v>1</v></c></row>'
    data = hostile.package(hostile.sheet_xml(rows))
    limits_without_scan = limits._replace(max_rows=10**7)

    with pytest.raises(SpreadsheetError) as caught:
        read_workbook_values(data, limits_without_scan)

    assert caught.value.problem == SpreadsheetProblem.TOO_MANY_CELLS
    assert caught.value.area == "A1:Z200"


def test_an_unreadable_workbook_is_an_error_not_a_crash() -> None:
    with pytest.raises(SpreadsheetError) as caught:
        read_workbook_values_sandboxed(b"PK\x03\x04 not really a zip", XLSFORM_LIMITS)

    assert caught.value.problem == SpreadsheetProblem.UNREADABLE


def test_errors_cross_the_process_boundary_whole() -> None:
    error = refusal(hostile.far_cell_in_a_near_row())

    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes

    assert type(copy) is SpreadsheetError
    assert copy.__dict__ == error.__dict__
    assert str(copy) == str(error)


def test_the_limits_leave_room_for_the_largest_grid_they_allow() -> None:
    # ~160 bytes a cell measured with calamine and Python objects (see ROSTER_LIMITS).
    for limits in (ROSTER_LIMITS, XLSFORM_LIMITS):
        assert limits.max_cells * 160 < limits.sandbox.memory_bytes * 0.6
        assert limits.sandbox.wall_seconds > limits.sandbox.cpu_seconds
    assert isinstance(ROSTER_LIMITS.sandbox, SandboxLimits)


# --- text tables and references -----------------------------------------------------


def test_a_csv_of_delimiters_is_refused_before_it_is_split() -> None:
    limits = TableLimits(max_file_bytes=10 * MIB, max_rows=10, max_columns=10, max_cells=1_000)

    with pytest.raises(SpreadsheetError) as caught:
        check_text_table(b"a;b\n" + b";" * 5_000, limits, delimiter=";")

    assert caught.value.problem == SpreadsheetProblem.TOO_MANY_CELLS


@pytest.mark.parametrize(
    ("letters", "number"), [("A", 1), ("Z", 26), ("AA", 27), ("ALL", 1_000), ("XFD", 16_384)]
)
def test_column_letters_and_numbers_are_inverse(letters: str, number: int) -> None:
    assert column_number(letters) == number
    assert column_letters(number) == letters
    assert split_reference(f"{letters}7") == (number, 7)
