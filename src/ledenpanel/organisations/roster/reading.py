"""Read a roster file (CSV or XLSX) into rows of text, keeping line numbers.

Pure Python: no Django models. CSV files may be UTF-8 (with or without BOM),
UTF-16 with BOM or Windows-1252, with a comma, semicolon or tab delimiter.
XLSX (and XLS/ODS) files are read from their first sheet with calamine; line
numbers are Excel row numbers, blank rows included.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import PurePath

from django.utils.translation import gettext as _

from ledenpanel.organisations.roster.report import Issue

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
DELIMITERS = (";", ",", "\t")


class RosterFileError(Exception):
    """The file cannot be read at all (not CSV/XLSX, undecodable, empty)."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Table:
    """A file's header row and data rows, each row a list of cell texts.

    ``rows`` holds ``(line_number, cells)`` with cells aligned to ``headers``
    (short rows padded with ``""``, trailing empty cells dropped); blank rows
    are left out but keep their numbers. A row with text beyond the last
    header is not among ``rows``: it is in ``errors`` (its cells would be
    silently lost or, more likely, shifted by a stray delimiter).
    """

    headers: list[str]
    header_line: int
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)


class _TableBuilder:
    """Collect a header row, then data rows aligned to it (CSV and spreadsheets)."""

    def __init__(self) -> None:
        self.headers: list[str] | None = None
        self.header_line = 1
        self.width = 0
        self.rows: list[tuple[int, list[str]]] = []
        self.errors: list[Issue] = []

    def add(self, line: int, cells: list[str]) -> None:
        if not any(cell.strip() for cell in cells):
            return
        if self.headers is None:
            # Trailing empty header cells are not columns.
            while cells and not cells[-1].strip():
                cells.pop()
            self.headers = [cell.strip() for cell in cells]
            self.header_line = line
            self.width = len(self.headers)
            return
        width = self.width
        if len(cells) > width:
            used = len(cells)
            while used > width and not cells[used - 1].strip():
                used -= 1
            if used > width:
                self.errors.append(
                    Issue(
                        line,
                        None,
                        _("%(cells)s cellen, de kopregel heeft er %(headers)s")
                        % {"cells": used, "headers": width},
                    )
                )
                return
            del cells[width:]
        elif len(cells) < width:
            cells.extend([""] * (width - len(cells)))
        self.rows.append((line, cells))

    def table(self, empty_message: str) -> Table:
        if self.headers is None:
            raise RosterFileError(empty_message)
        return Table(
            headers=self.headers, header_line=self.header_line, rows=self.rows, errors=self.errors
        )


def read_table(data: bytes, filename: str) -> Table:
    """Read ``data`` (the file's bytes) as CSV or spreadsheet, by content and name."""
    suffix = PurePath(filename).suffix.lower()
    if data.startswith(ZIP_MAGIC) or data.startswith(OLE_MAGIC):
        return _read_spreadsheet(data)
    if suffix in SPREADSHEET_SUFFIXES:
        raise RosterFileError(
            _(
                "Dit bestand is geen geldig Excel-bestand (.xlsx). "
                "Sla het opnieuw op als XLSX of CSV."
            )
        )
    return _read_csv(_decode(data))


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise RosterFileError(_("Het bestand is niet te lezen als UTF-16-tekst.")) from exc
    if b"\x00" in data[:4096]:
        raise RosterFileError(_("Dit bestand is geen CSV- of XLSX-bestand."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise RosterFileError(
            _(
                "Het bestand is geen UTF-8- of Windows-1252-tekst "
                "(onleesbaar teken op regel %(line)s). Sla het op als CSV UTF-8."
            )
            % {"line": line},
            line=line,
        ) from exc


def _sniff_delimiter(text: str) -> str:
    for raw in text.splitlines():
        if raw.strip():
            counts = {delimiter: raw.count(delimiter) for delimiter in DELIMITERS}
            best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
            return best if counts[best] else ","
    return ","


def _read_csv(text: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    builder = _TableBuilder()
    previous_end = 0  # physical line on which the previous record ended
    try:
        for cells in reader:
            builder.add(previous_end + 1, cells)
            previous_end = reader.line_num
    except csv.Error as exc:
        raise RosterFileError(
            _("Het CSV-bestand is onleesbaar rond regel %(line)s: %(error)s")
            % {"line": reader.line_num, "error": exc},
            line=max(reader.line_num, 1),
        ) from exc
    return builder.table(_("Het bestand is leeg."))


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: whole numbers without ``.0``, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _read_spreadsheet(data: bytes) -> Table:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
        # skip_empty_area=False keeps leading blank rows, so index + 1 is the
        # Excel row number.
        grid = sheet.to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises several unrelated error types
        raise RosterFileError(
            _("Dit bestand is geen leesbaar XLSX-bestand: %(error)s") % {"error": exc}
        ) from exc
    builder = _TableBuilder()
    for index, values in enumerate(grid):
        builder.add(index + 1, [cell_text(value) for value in values])
    return builder.table(_("Het eerste werkblad is leeg."))
