"""Read a roster file (CSV or XLSX) into rows of text, keeping line numbers.

Pure Python: no Django models. CSV files may be UTF-8 (with or without BOM),
UTF-16 with BOM or Windows-1252, with a comma, semicolon or tab delimiter.
XLSX (and XLS/ODS) files are read from their first sheet with calamine; line
numbers are Excel row numbers, blank rows included.

Files come from uploads, so both kinds are held to ``ROSTER_LIMITS``
(:mod:`ledenpanel.kernel.spreadsheets`: 200 MB, 500,000 rows, 1,000 columns,
5,000,000 cells), and spreadsheets are checked and parsed in a child process
under memory and time limits: a hostile workbook (one cell at XFD1048576 asks
calamine for 512 GiB and aborts the process) becomes a ``RosterFileError``
with what to do, never a dead web worker or command.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import PurePath

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ledenpanel.kernel.sandbox import MIB, SandboxError
from ledenpanel.kernel.spreadsheets import (
    ROSTER_LIMITS,
    SpreadsheetError,
    SpreadsheetProblem,
    check_file_size,
    check_text_table,
    column_letters,
    read_workbook_values_sandboxed,
)
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
    try:
        check_file_size(len(data), ROSTER_LIMITS)
        if data.startswith(ZIP_MAGIC) or data.startswith(OLE_MAGIC):
            return _read_spreadsheet(data)
        if suffix in SPREADSHEET_SUFFIXES:
            raise RosterFileError(
                _(
                    "Dit bestand is geen geldig Excel-bestand (.xlsx). "
                    "Sla het opnieuw op als XLSX of CSV."
                )
            )
        text = _decode(data)
        delimiter = _sniff_delimiter(text)
        check_text_table(data, ROSTER_LIMITS, delimiter=delimiter)
        return _read_csv(text, delimiter)
    except SpreadsheetError as exc:
        raise _refusal(exc) from None


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


def _read_csv(text: str, delimiter: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    builder = _TableBuilder()
    previous_end = 0  # physical line on which the previous record ended
    limits = ROSTER_LIMITS
    try:
        for records, cells in enumerate(reader, start=1):
            if records > limits.max_rows:
                raise RosterFileError(
                    _(
                        "Het bestand heeft meer dan %(limit)s regels; een ledenbestand heeft "
                        "er hoogstens zoveel. Splits het bestand."
                    )
                    % {"limit": _number(limits.max_rows)},
                    line=previous_end + 1,
                )
            if builder.headers is None and len(cells) > limits.max_columns:
                raise RosterFileError(
                    _(
                        "De kopregel heeft %(count)s kolommen; een ledenbestand heeft er "
                        "hoogstens %(limit)s. Klopt het scheidingsteken?"
                    )
                    % {"count": _number(len(cells)), "limit": _number(limits.max_columns)},
                    line=previous_end + 1,
                )
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
    try:
        [(_name, grid)] = read_workbook_values_sandboxed(data, ROSTER_LIMITS, first_sheet_only=True)
    except ValueError:  # a workbook without sheets
        raise RosterFileError(_("Het eerste werkblad is leeg.")) from None
    except SandboxError as exc:
        raise RosterFileError(
            _(
                "Het lezen van dit Excel-bestand had meer dan %(memory)s MB geheugen of "
                "%(seconds)s seconden nodig en is afgebroken. Sla het werkblad op als CSV, "
                "of splits het bestand."
            )
            % {
                "memory": _number(exc.limits.memory_mib),
                "seconds": _number(exc.limits.cpu_seconds),
            }
        ) from None
    builder = _TableBuilder()
    # Row index + 1 is the Excel row number (leading blank rows are kept).
    for index, values in enumerate(grid):
        builder.add(index + 1, [cell_text(value) for value in values])
    return builder.table(_("Het eerste werkblad is leeg."))


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def _refusal(exc: SpreadsheetError) -> RosterFileError:
    """A refused file in the roster's words, at the Excel row (or CSV line) where it applies."""
    limit = _number(exc.limit or 0)
    sheet = exc.sheet or ""
    problem = exc.problem
    if problem == SpreadsheetProblem.FILE_TOO_LARGE:
        size = -(-(exc.found or 0) // MIB)  # rounded up: "50 MB" for 50.2 MB reads as allowed
        message = _(
            "Het bestand is %(size)s MB; een ledenbestand is hoogstens %(limit)s MB. "
            "Splits het bestand of laat kolommen weg die niet nodig zijn."
        ) % {"size": _number(size), "limit": _number((exc.limit or 0) // MIB)}
    elif problem == SpreadsheetProblem.UNPACKED_TOO_LARGE:
        message = _(
            "Dit Excel-bestand is uitgepakt groter dan %(limit)s MB; zo groot is geen "
            "ledenbestand. Verwijder werkbladen, rijen en kolommen die niet nodig zijn, of sla "
            "het werkblad op als CSV."
        ) % {"limit": _number((exc.limit or 0) // MIB)}
    elif problem == SpreadsheetProblem.TOO_MANY_ENTRIES:
        message = _(
            "Dit Excel-bestand bestaat uit %(count)s onderdelen, meer dan %(limit)s. Open het "
            "in Excel of LibreOffice en sla het opnieuw op als XLSX, of als CSV."
        ) % {"count": _number(exc.found or 0), "limit": limit}
    elif problem == SpreadsheetProblem.SUSPICIOUS_ENTRY:
        message = _(
            "Onderdeel %(part)s van dit Excel-bestand is ongewoon ingepakt (een zipbom?) en "
            "wordt niet gelezen. Open het bestand in Excel of LibreOffice en sla het opnieuw op "
            "als XLSX, of als CSV."
        ) % {"part": exc.entry or "?"}
    elif problem == SpreadsheetProblem.TOO_MANY_ROWS and exc.row is not None:
        message = _(
            "Werkblad ‘%(sheet)s’ loopt door tot rij %(row)s; een ledenbestand heeft hoogstens "
            "%(limit)s rijen. Verwijder de rijen onder de gegevens (één verdwaalde waarde ver "
            "naar beneden is genoeg), of sla het werkblad op als CSV."
        ) % {"sheet": sheet, "row": _number(exc.row), "limit": limit}
        return RosterFileError(message, line=exc.row)
    elif problem == SpreadsheetProblem.TOO_MANY_ROWS:
        message = _(
            "Werkblad ‘%(sheet)s’ heeft meer dan %(limit)s rijen. Splits het bestand, of sla "
            "het werkblad op als CSV."
        ) % {"sheet": sheet, "limit": limit}
    elif problem == SpreadsheetProblem.TOO_MANY_COLUMNS and exc.column is not None:
        message = _(
            "Werkblad ‘%(sheet)s’ heeft een waarde in kolom %(column)s; een ledenbestand heeft "
            "hoogstens %(limit)s kolommen (tot en met %(last)s). Verwijder de kolommen rechts "
            "van de gegevens, of sla het werkblad op als CSV."
        ) % {
            "sheet": sheet,
            "column": exc.column,
            "limit": limit,
            "last": column_letters(exc.limit or 0),
        }
        return RosterFileError(message, line=exc.row or 1)
    elif problem == SpreadsheetProblem.TOO_MANY_CELLS and exc.area is not None:
        message = _(
            "Werkblad ‘%(sheet)s’ beslaat %(area)s, %(cells)s cellen; een ledenbestand heeft "
            "hoogstens %(limit)s cellen. Verwijder de rijen en kolommen buiten de gegevens (één "
            "verdwaalde waarde ver naar rechts of beneden is genoeg), of sla het werkblad op "
            "als CSV."
        ) % {"sheet": sheet, "area": exc.area, "cells": _number(exc.found or 0), "limit": limit}
    elif problem in (SpreadsheetProblem.TOO_MANY_CELLS, SpreadsheetProblem.TOO_MANY_COLUMNS):
        message = _(
            "Het bestand heeft meer dan %(limit)s cellen; een ledenbestand heeft er hoogstens "
            "zoveel. Splits het bestand of laat kolommen weg die niet nodig zijn."
        ) % {"limit": _number(ROSTER_LIMITS.max_cells)}
    else:
        message = _("Dit bestand is geen leesbaar XLSX-bestand: %(error)s") % {
            "error": exc.detail or exc.message
        }
    return RosterFileError(message)
