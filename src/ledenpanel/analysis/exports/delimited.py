"""The table and its codebook as CSV, the way a Dutch spreadsheet opens it.

``;`` separated, a BOM, CRLF line ends: what ``ledenpanel analyse`` reads
(``analysis.inputs.responses_csv``). Every text cell passes through
:func:`ledenpanel.kernel.cells.neutralise`, so an answer such as
``=HYPERLINK(…)`` or ``@SUM(…)`` gets a leading quote and a spreadsheet shows
it as text instead of running it; numbers stay plain numbers, and the reader
removes the quote again.

Pure: no Django.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from ledenpanel.analysis.exports.table import Cell, ExportTable, codebook_rows
from ledenpanel.kernel.cells import neutralise

DELIMITER = ";"
BOM = "\ufeff"


class _Line:
    """A csv writer's target that hands back each formatted line."""

    def write(self, text: str) -> str:
        return text


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    return neutralise(cell)


def _lines(rows: Iterable[list[Cell]]) -> Iterator[str]:
    writer = csv.writer(_Line(), delimiter=DELIMITER, lineterminator="\r\n")
    for number, row in enumerate(rows):
        line = writer.writerow([_text(cell) for cell in row])
        yield BOM + line if number == 0 else line


def table_csv_lines(table: ExportTable) -> Iterator[str]:
    """The respondent table, line by line (the first starts with the BOM)."""
    columns = table.columns
    header: list[Cell] = [column.name for column in columns]
    body = ([column.cells[i] for column in columns] for i in range(table.row_count))
    yield from _lines([header, *body])


def codebook_csv_lines(table: ExportTable) -> Iterator[str]:
    """The codebook, line by line."""
    yield from _lines([list(row) for row in codebook_rows(table)])
