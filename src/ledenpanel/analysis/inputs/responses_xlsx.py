"""The responses as a workbook: KoboToolbox's default export (``.xlsx``).

The first sheet holds the responses, its header in the first row that is not
empty (row 1 in Kobo's export; Kobo puts each repeat group on a sheet of its
own after it, which is not read). The sheet becomes the same table of text as
a CSV file (:class:`~.responses_csv.CsvTable`), so :func:`~.responses_csv.read_export`
reads it with the same rules (group paths, metadata, ``NA`` and ``--missing``,
answers of an older form version, background columns); only where a problem
is differs: sheet and row (Excel's numbering) instead of line. Cells become
text as the XLSForm reader makes them (:func:`ledenpanel.kernel.cells.cell_text`):
a whole number without ``.0``, so the choice ``1`` stored as a number is
``"1"``; ``TRUE``/``FALSE``; dates as ``2026-05-01``.

A workbook is a zip of XML parts, and anyone may have made it: before any
parser opens it, :func:`ledenpanel.kernel.spreadsheets.check_workbook` checks
its size, the zip's entries, compression ratio and real unpacked sizes (a zip
bomb is refused unpacked), and the sheet's declared and real extent against
:data:`RESPONSES_XLSX_LIMITS` (those of a responses CSV). Then openpyxl reads
the sheet row by row (``read_only``; defusedxml refuses XML entities), its
declared extent ignored (a ``<dimension>`` that lies short would cut rows
off). Every refusal names the file (and sheet and row where it can) and says
what to do.
"""

from __future__ import annotations

import io
from pathlib import Path

from ledenpanel.kernel.cells import cell_text
from ledenpanel.kernel.sandbox_child import MIB, SandboxLimits
from ledenpanel.kernel.spreadsheets import (
    OLE_MAGIC,
    ZIP_MAGIC,
    SpreadsheetError,
    SpreadsheetLimits,
    SpreadsheetProblem,
    check_workbook,
)

from .errors import InputError, ProblemCollector
from .responses_csv import CSV_LIMITS, CsvTable

# A responses CSV's rows, columns and cells. The workbook packs its XML 5 to
# 30 times; 2 GiB of XML holds the 50 million cells (~40 bytes each).
RESPONSES_XLSX_LIMITS = SpreadsheetLimits(
    max_file_bytes=256 * MIB,
    max_rows=CSV_LIMITS.max_rows,
    max_columns=CSV_LIMITS.max_columns,
    max_cells=CSV_LIMITS.max_cells,
    max_entries=1_000,
    max_unpacked_bytes=2048 * MIB,
    max_ratio=200,
    # Not a child process: openpyxl is pure Python and streams the sheet,
    # within the limits checked above. Required by SpreadsheetLimits.
    sandbox=SandboxLimits(memory_bytes=4096 * MIB, cpu_seconds=300, wall_seconds=600),
)
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_SAVE_AGAIN = (
    "export the responses again (KoboToolbox: XLS, with XML values and headers), or save "
    "them as CSV (UTF-8)"
)


def is_workbook(path: Path) -> bool:
    """A zip (``.xlsx``) or the old ``.xls``, by its first bytes; else its name."""
    try:
        with path.open("rb") as handle:
            start = handle.read(len(OLE_MAGIC))
    except OSError:
        return path.suffix.lower() in WORKBOOK_SUFFIXES
    if start.startswith((ZIP_MAGIC, OLE_MAGIC)):
        return True
    return path.suffix.lower() in WORKBOOK_SUFFIXES


def _detail(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    text = text if len(text) <= 120 else text[:119] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def read_xlsx_table(path: Path, problems: ProblemCollector) -> CsvTable:
    """The first sheet of a workbook as a table of text; see the module docstring.

    Raises :class:`~.errors.InputError` when the file cannot be read at all
    (not a workbook, hostile, broken, past :data:`RESPONSES_XLSX_LIMITS`).
    """
    limits = RESPONSES_XLSX_LIMITS
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            # Before reading it: the check below holds the whole file.
            raise problems.fail(
                f"is {size / MIB:,.0f} MB, more than the {limits.max_file_bytes // MIB:,} MB "
                "allowed for a workbook: save the responses as CSV (UTF-8), or split them"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise problems.fail(f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise problems.fail("is empty")
    if data.startswith(OLE_MAGIC):
        raise problems.fail(f"is an old Excel workbook (.xls): save it as .xlsx, or {_SAVE_AGAIN}")
    if not data.startswith(ZIP_MAGIC):
        raise problems.fail(f"is named as a workbook but is not an .xlsx file: {_SAVE_AGAIN}")
    try:
        check_workbook(data, limits)
    except SpreadsheetError as exc:
        if exc.problem == SpreadsheetProblem.UNREADABLE:
            raise problems.fail(
                f"is not a readable .xlsx workbook ({exc.detail}): {_SAVE_AGAIN}"
            ) from None
        raise problems.fail(exc.message, line=exc.row, column=exc.column, sheet=exc.sheet) from None
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # any parser error: the file is broken, not the program
        raise problems.fail(
            f"is not a readable .xlsx workbook ({_detail(exc)}): {_SAVE_AGAIN}"
        ) from None
    try:
        return _first_sheet(book, problems)
    finally:
        book.close()


def _first_sheet(book: object, problems: ProblemCollector) -> CsvTable:
    sheets = list(getattr(book, "worksheets", []))
    if not sheets:
        raise problems.fail(f"has no sheet: {_SAVE_AGAIN}")
    sheet = sheets[0]
    title = str(getattr(sheet, "title", "") or "")
    problems.sheet = title
    if not hasattr(sheet, "iter_rows"):
        raise problems.fail(
            "the first sheet holds no table (a chart?): put the responses on the first sheet"
        )
    # openpyxl pads every row to the <dimension> the sheet declares, and stops
    # at its last row: a wrong one would invent or cut off rows.
    sheet.reset_dimensions()
    table = CsvTable(problems.file, [], [], [], delimiter="", sheet=title)
    width = 0
    number = 0
    try:
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > RESPONSES_XLSX_LIMITS.max_rows:
                raise problems.fail(
                    f"has more than {RESPONSES_XLSX_LIMITS.max_rows:,} rows: split the responses",
                    line=number,
                )
            record = [cell_text(value) for value in values]
            while record and not record[-1]:
                record.pop()
            if not record:
                # Rows the sheet does not hold (a gap) are no skipped rows.
                table.skipped_empty += bool(values) and bool(table.header)
                continue
            width = max(width, len(record))
            if not table.header:
                table.header = record
                table.header_line = number
            else:
                table.rows.append(record)
                table.lines.append(number)
    except (InputError, MemoryError):
        raise
    except Exception as exc:  # a broken part of the sheet
        raise problems.fail(
            f"cannot be read from row {number + 1} on ({_detail(exc)}): {_SAVE_AGAIN}",
            line=number + 1,
        ) from None
    if not table.header:
        raise problems.fail(f"the first sheet is empty: {_SAVE_AGAIN}")
    # A row reaches as far as its last value; the header takes the widest row's
    # width (a value beyond the header is then a column without a name).
    table.header += [""] * (width - len(table.header))
    for record in table.rows:
        record += [""] * (width - len(record))
    return table


__all__ = ["RESPONSES_XLSX_LIMITS", "WORKBOOK_SUFFIXES", "is_workbook", "read_xlsx_table"]
