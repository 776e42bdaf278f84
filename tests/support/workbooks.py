"""Writing small .xlsx files (XLSForms) for tests, with openpyxl."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

Rows = Sequence[dict[str, object]]


def write_workbook(path: Path, sheets: dict[str, Rows]) -> Path:
    """One sheet per entry; the header is the union of the rows' keys, in order seen."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        header: list[str] = []
        for row in rows:
            header += [key for key in row if key not in header]
        sheet.append(header)
        for row in rows:
            sheet.append([row.get(key) for key in header])
    book.save(path)
    return path
