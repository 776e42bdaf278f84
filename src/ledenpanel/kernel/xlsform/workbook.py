"""Reading the sheets of an .xlsx file into rows of text, keyed by XLSForm column.

The file is an upload (or a file on the command line), so it is checked
against ``XLSFORM_LIMITS`` and parsed with calamine in a child process under
memory and time limits (:mod:`ledenpanel.kernel.spreadsheets`): a hostile
workbook becomes a :class:`WorkbookError` naming sheet, row and column, never
a dead web worker. (It was read with openpyxl in this process before; calamine
is what the analysis reads the same forms with, and it starts in a child in
a tenth of the time.)
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from ledenpanel.kernel.cells import cell_text
from ledenpanel.kernel.sandbox import SandboxError
from ledenpanel.kernel.spreadsheets import (
    XLSFORM_LIMITS,
    SpreadsheetError,
    SpreadsheetProblem,
    read_workbook_values_sandboxed,
)

from .model import FormIssue
from .vocabulary import column_positions


@dataclass(frozen=True)
class Column:
    header: str  # as written in row 1
    base: str  # "label", "hint", "type" …
    language: str | None  # "English (en)" for "label::English (en)"


@dataclass
class Row:
    number: int  # the Excel row number
    cells: dict[Column, str]

    def get(self, base: str, language: str | None = None) -> str:
        for column, value in self.cells.items():
            if column.base == base and column.language == language:
                return value
        return ""

    def texts(self, base: str) -> dict[str | None, str]:
        """Every language's text of a translatable column (``None`` for the plain column)."""
        return {
            column.language: value for column, value in self.cells.items() if column.base == base
        }


@dataclass
class Sheet:
    name: str  # as written in the file
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)

    def has(self, base: str) -> bool:
        return any(column.base == base for column in self.columns)

    def languages(self, base: str) -> list[str | None]:
        return [column.language for column in self.columns if column.base == base]

    def header(self, base: str) -> str:
        return next((c.header for c in self.columns if c.base == base), base)


class WorkbookError(Exception):
    def __init__(self, issue: FormIssue) -> None:
        super().__init__(str(issue))
        self.issue = issue

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.issue,))


def read_sheets(data: bytes, filename: str) -> dict[str, Sheet]:
    """Every sheet by lower-cased name; raises WorkbookError when the file is not an .xlsx."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        hint = " (the old .xls format: save it as .xlsx)" if data[:4] == b"\xd0\xcf\x11\xe0" else ""
        raise WorkbookError(FormIssue("", None, None, f"{filename} is not an .xlsx file{hint}"))
    try:
        book = read_workbook_values_sandboxed(data, XLSFORM_LIMITS)
    except SpreadsheetError as exc:
        raise WorkbookError(_refusal(exc, filename)) from None
    except SandboxError as exc:
        limits = exc.limits
        raise WorkbookError(
            FormIssue(
                "",
                None,
                None,
                f"{filename} could not be read: reading it {exc.message} (the limits are "
                f"{limits.memory_mib} MiB and {limits.cpu_seconds} s, far more than any "
                "questionnaire needs); open it in Excel or LibreOffice, delete what lies "
                "beyond the form's rows and columns, and save it again as .xlsx",
            )
        ) from None
    sheets: dict[str, Sheet] = {}
    for name, grid in book:
        sheets[name.strip().lower()] = _read_sheet(name, grid)
    return sheets


def _refusal(exc: SpreadsheetError, filename: str) -> FormIssue:
    """The kernel's refusal as a FormIssue: sheet, Excel row and column letters where known."""
    if exc.problem == SpreadsheetProblem.UNREADABLE:
        return FormIssue("", None, None, f"{filename} is not a readable .xlsx file ({exc.detail})")
    # The message names the sheet itself; the file is named where the issue is shown.
    return FormIssue(exc.sheet or "", exc.row, exc.column, exc.message)


def _read_sheet(name: str, rows: list[list[Any]]) -> Sheet:
    """Cells as text (:func:`~ledenpanel.kernel.cells.cell_text`), columns by the vocabulary."""
    sheet = Sheet(name=name, columns=[])
    positions: list[tuple[int, Column]] = []
    # Row index + 1 is the Excel row number: calamine keeps leading blank rows.
    for number, row in enumerate(rows, start=1):
        values = [cell_text(value) for value in row]
        if number == 1:
            for (base, language), index in column_positions(values).items():
                column = Column(values[index], base, language)
                positions.append((index, column))
                sheet.columns.append(column)
            continue
        cells = {
            column: values[index]
            for index, column in positions
            if index < len(values) and values[index]
        }
        if cells:
            sheet.rows.append(Row(number, cells))
    return sheet
