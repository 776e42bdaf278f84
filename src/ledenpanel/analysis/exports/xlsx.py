"""The table and its codebook as one Excel workbook (xlsxwriter).

Two sheets: the responses, and the codebook with the notes under it. Cells
are typed: numbers as numbers, everything else written with ``write_string``,
never with xlsxwriter's guessing ``write`` and with its conversions of strings
to formulas, numbers or links switched off, so an answer ``=HYPERLINK(…)`` is
stored as the text it is and never as a formula. A text cell a spreadsheet
might still read as a formula once someone edits it
(:func:`ledenpanel.kernel.cells.is_formula_like`) also gets Excel's quote
prefix, which keeps it text when edited.

Pure: no Django.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from ledenpanel.analysis.exports.table import Cell, ExportTable, codebook_rows
from ledenpanel.kernel.cells import is_formula_like

SHEETS = {"nl": ("antwoorden", "codeboek"), "en": ("responses", "codebook")}


def _write_row(sheet: Worksheet, row: int, cells: Sequence[Cell], quoted: Format) -> None:
    for col, cell in enumerate(cells):
        if cell is None or cell == "":
            continue  # an empty cell, not an empty string
        if isinstance(cell, float):
            sheet.write_number(row, col, cell)
        elif is_formula_like(cell):
            sheet.write_string(row, col, cell, quoted)
        else:
            sheet.write_string(row, col, cell)


def table_xlsx(table: ExportTable) -> bytes:
    """The workbook's bytes."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    quoted = workbook.add_format({"quote_prefix": True})
    bold = workbook.add_format({"bold": True})
    responses_name, codebook_name = SHEETS.get(table.lang, SHEETS["nl"])

    sheet = workbook.add_worksheet(responses_name)
    for col, column in enumerate(table.columns):
        sheet.write_string(0, col, column.name, bold)
    for index in range(table.row_count):
        _write_row(sheet, index + 1, [column.cells[index] for column in table.columns], quoted)
    sheet.freeze_panes(1, 0)

    codebook = workbook.add_worksheet(codebook_name)
    rows = codebook_rows(table)
    for col, title in enumerate(rows[0]):
        codebook.write_string(0, col, title, bold)
    for number, row in enumerate(rows[1:], start=1):
        _write_row(codebook, number, row, quoted)
    codebook.set_column(1, 1, 60)
    codebook.set_column(4, 4, 30)
    workbook.close()
    return buffer.getvalue()
