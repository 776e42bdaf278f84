"""Read uploaded spreadsheets without letting one exhaust the process.

The attack: a 1,897-byte .xlsx with a single cell at ``XFD1048576`` makes
calamine allocate the whole grid, 1,048,576 × 16,384 cells of 32 bytes
(512 GiB); the allocation fails and Rust aborts the process (SIGABRT), which
no ``except`` catches. A zip bomb (a few MB that unpack to gigabytes of
sheet XML) keeps a parser busy for minutes. Defences, in order:

1. :func:`check_workbook`, before any parser sees the file: the file size;
   for a zip, the number of entries, the compression method, encryption, the
   declared unpacked sizes against a total and a compression ratio, and then,
   streaming every entry, that the real sizes are the declared ones (a zip
   may lie; a bomb is stopped one byte past its claim); for each worksheet of
   an .xlsx, the ``<dimension ref>`` it declares and a streaming scan of every
   ``r="…"`` reference (the dimension may lie or be absent) for a row or
   column beyond the limits, and of the number of rows and cells.
2. :func:`read_workbook_values` parses with calamine and checks the grid's
   real extent again before turning it into Python objects (this also covers
   .xls and .ods, which step 1 only checks as files and zips).
3. :func:`read_workbook_values_sandboxed` runs 1 and 2 in a child process
   under memory and time limits (:mod:`ledenpanel.kernel.sandbox`): whatever
   slips through ends the child, not the web worker or the command.

Every refusal is a :class:`SpreadsheetError` naming the problem, the sheet,
row and column where it applies, and what to do; the readers put it in their
own words and language. :func:`check_text_table` gives CSV files a size and
cell budget of the same kind.

Pure Python, no Django.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from copy import copy
from enum import StrEnum
from typing import Any, NamedTuple
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml

# Not ledenpanel.kernel.sandbox: the parsing child imports this module, and
# needs none of the parent's side (logging, subprocess).
from ledenpanel.kernel.sandbox_child import MIB, SandboxLimits

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old .xls

# Excel's own grid: no spreadsheet program writes beyond it.
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384

# Entries smaller than this are not held to the compression ratio: a short
# run of repeated bytes compresses extremely well and harms nobody.
RATIO_FREE_BYTES = 1 * MIB
# Parts of the package read whole (workbook.xml and its relationships).
MAX_INDEX_PART_BYTES = 4 * MIB
# Stream chunk of unpacked XML, and how much of the previous chunk is searched
# again so that an ``r="…"`` split by a chunk boundary is still seen.
SCAN_CHUNK_BYTES = 1 * MIB
SCAN_OVERLAP_BYTES = 256
# Where the ``<dimension>`` element is looked for: it precedes <sheetData>.
DIMENSION_SEARCH_BYTES = 64 * 1024


class TableLimits(NamedTuple):
    """Budget of a table-shaped file (a CSV)."""

    max_file_bytes: int
    max_rows: int
    max_columns: int
    # Cells of the area a reader builds: from A1 to the last row and column
    # (calamine and openpyxl fill every empty cell in between).
    max_cells: int


class SpreadsheetLimits(NamedTuple):
    """A table's budget plus the zip package's, and the parsing child's limits.

    NamedTuples, not dataclasses: they are unpickled in every parsing child,
    where importing ``dataclasses`` would add a fifth to its start-up.
    """

    max_file_bytes: int
    max_rows: int
    max_columns: int
    max_cells: int
    max_entries: int
    max_unpacked_bytes: int
    max_ratio: int
    sandbox: SandboxLimits


# A member roster: the reference is 50,000 members × ~20 columns (the demo
# party writes 17). 500,000 rows is ten times that and more than the largest
# Dutch party has members; 5,000,000 cells is 250,000 members with 20
# columns or 50,000 with 100. Calamine with its Python objects takes ~160
# bytes a cell (measured: 4.25 million cells, 700 MB), so 2 GiB holds the
# largest allowed grid; reading it takes ~7 s, well inside a minute. 512 MB of
# XML holds 5 million cells even as inline strings (50,000 rows: 45 MB).
ROSTER_LIMITS = SpreadsheetLimits(
    max_file_bytes=200 * MIB,
    max_rows=500_000,
    max_columns=1_000,
    max_cells=5_000_000,
    max_entries=1_000,
    max_unpacked_bytes=512 * MIB,
    # Deflate tops out at ~1,030 to 1; sheet XML packs 5 to 30 times (this
    # roster: 8.8), and entries under RATIO_FREE_BYTES are not held to it.
    max_ratio=200,
    sandbox=SandboxLimits(memory_bytes=2048 * MIB, cpu_seconds=60, wall_seconds=90),
)

# An XLSForm: a questionnaire is a few hundred rows; Kobo forms with long
# choice lists (every municipality, every village) run to thousands. 50,000
# rows and 500 columns (twenty languages of label, hint, messages and media)
# leave room for all of them; 2,000,000 cells take ~320 MB in the child.
XLSFORM_LIMITS = SpreadsheetLimits(
    max_file_bytes=20 * MIB,
    max_rows=50_000,
    max_columns=500,
    max_cells=2_000_000,
    max_entries=1_000,
    max_unpacked_bytes=100 * MIB,
    max_ratio=200,
    sandbox=SandboxLimits(memory_bytes=1024 * MIB, cpu_seconds=30, wall_seconds=45),
)


# Either kind: the checks below read only the four table fields.
Limits = TableLimits | SpreadsheetLimits


class SpreadsheetProblem(StrEnum):
    FILE_TOO_LARGE = "file_too_large"
    TOO_MANY_ENTRIES = "too_many_entries"
    UNPACKED_TOO_LARGE = "unpacked_too_large"
    SUSPICIOUS_ENTRY = "suspicious_entry"  # ratio, method, encryption, lying sizes
    TOO_MANY_ROWS = "too_many_rows"
    TOO_MANY_COLUMNS = "too_many_columns"
    TOO_MANY_CELLS = "too_many_cells"
    UNREADABLE = "unreadable"


class SpreadsheetError(Exception):
    """A spreadsheet (or CSV) refused before or while reading it.

    ``message`` is a complete English sentence with what to do; the other
    attributes let a reader say the same in its own words: ``sheet`` (name),
    ``row`` (Excel row or CSV line), ``column`` (letters, e.g. ``"XFD"``),
    ``cell`` (``"XFD1048576"``), ``area`` (``"A1:XFD1048576"``), ``entry``
    (the zip entry), ``found`` and ``limit`` (numbers in the problem's unit:
    bytes, rows, columns, cells or the compression ratio), ``detail`` (the
    parser's own words for an unreadable file).
    """

    def __init__(
        self,
        problem: SpreadsheetProblem,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        cell: str | None = None,
        area: str | None = None,
        entry: str | None = None,
        found: int | None = None,
        limit: int | None = None,
        detail: str | None = None,
    ) -> None:
        super().__init__(message)
        self.problem = problem
        self.message = message
        self.sheet = sheet
        self.row = row
        self.column = column
        self.cell = cell
        self.area = area
        self.entry = entry
        self.found = found
        self.limit = limit
        self.detail = detail

    def __reduce__(self) -> tuple[Any, ...]:
        # It crosses the sandbox's process boundary: keep every attribute.
        state = dict(self.__dict__)
        return (_rebuild_error, (type(self), state))


def _rebuild_error(cls: type[SpreadsheetError], state: dict[str, Any]) -> SpreadsheetError:
    error = cls.__new__(cls)
    Exception.__init__(error, state["message"])
    error.__dict__.update(state)
    return error


# --- cell references ----------------------------------------------------------


def column_number(letters: str) -> int:
    """``"A"`` → 1, ``"XFD"`` → 16384 (bijective base 26, case-insensitive)."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def column_letters(number: int) -> str:
    """1 → ``"A"``, 16384 → ``"XFD"``."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


# Generous on purpose (a reference far past Excel's grid must still parse, to
# be refused with its position), bounded so int() stays cheap.
_REF = re.compile(r"\$?([A-Za-z]{0,100})\$?([0-9]{0,100})")


def split_reference(ref: str) -> tuple[int | None, int | None]:
    """``"XFD1048576"`` → (16384, 1048576); ``"12"`` → (None, 12); ``"B"`` → (2, None)."""
    match = _REF.fullmatch(ref.strip())
    if match is None:
        return None, None
    letters, digits = match.groups()
    return (column_number(letters) if letters else None), (int(digits) if digits else None)


DIGITS = "0123456789"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _greater_than(value: str, alphabet: str, first: str) -> str:
    """A regex for the strings over ``alphabet`` greater than ``value``.

    Works where a longer string is always greater and strings of one length
    compare character by character: numbers without leading zeros (``first``
    leaves out 0) and Excel's column letters (bijective base 26, matched in
    either case). Both alphabets are given in order, e.g. ``DIGITS``.
    """

    def chars(pool: str) -> str:
        return "[" + pool + pool.lower() + "]" if pool.isalpha() else "[" + pool + "]"

    count = len(value)
    options = [f"{chars(first)}{chars(alphabet)}{{{count},}}"]
    for index, char in enumerate(value.upper()):
        pool = first if index == 0 else alphabet
        higher = "".join(c for c in pool if c > char)
        if higher:
            same = "".join(f"[{c}{c.lower()}]" if c.isalpha() else c for c in value[:index])
            options.append(f"{same}{chars(higher)}{chars(alphabet)}{{{count - index - 1}}}")
    return "(?:" + "|".join(options) + ")"


def _beyond_pattern(max_rows: int, max_columns: int) -> re.Pattern[bytes]:
    """``r="…"`` attributes (of rows and cells) past ``max_rows`` or ``max_columns``.

    Legitimate files have none, so the scan runs at the regex engine's speed
    (the literal ``r=`` start lets it skip ahead) instead of looking at each
    of a million cells in Python: 0.2 s for a 50,000-member roster's 45 MB of
    sheet XML. It knows the attribute as spreadsheet programs write it
    (``r="XFD1048576"``, no spaces around ``=``); a file written otherwise to
    slip past it still meets the parsed-grid check and the sandbox.
    """
    big_column = _greater_than(column_letters(max_columns), LETTERS, LETTERS)
    big_row = _greater_than(str(max_rows), DIGITS, DIGITS[1:])
    # A cell reference has digits: ``operator="between"`` (data validation)
    # and ``footer="0.3"`` (page margins) end in ``r=`` too and must not match.
    pattern = rf"r=[\"']\$?(?:{big_column}\$?[0-9]+|[A-Za-z]{{0,8}}\$?0*{big_row})[\"']"
    return re.compile(pattern.encode())


# --- the zip package -------------------------------------------------------------


def _mb(size: int) -> str:
    return f"{size / MIB:,.0f} MB" if size >= MIB else f"{size:,} bytes"


def check_file_size(size: int, limits: Limits) -> None:
    if size > limits.max_file_bytes:
        raise SpreadsheetError(
            SpreadsheetProblem.FILE_TOO_LARGE,
            f"the file is {_mb(size)}, more than the {_mb(limits.max_file_bytes)} allowed: "
            "split it or leave out columns that are not needed",
            found=size,
            limit=limits.max_file_bytes,
        )


def _suspicious(entry: str, why: str) -> SpreadsheetError:
    return SpreadsheetError(
        SpreadsheetProblem.SUSPICIOUS_ENTRY,
        f"the part {entry} of the workbook {why}, which spreadsheet programs do not write: "
        "open the file in Excel or LibreOffice and save it again as .xlsx (or as CSV)",
        entry=entry,
    )


def _unpacked_too_large(total: int, limits: SpreadsheetLimits) -> SpreadsheetError:
    return SpreadsheetError(
        SpreadsheetProblem.UNPACKED_TOO_LARGE,
        f"the workbook unpacks to more than {_mb(limits.max_unpacked_bytes)}: "
        "remove sheets, rows and columns that are not needed, or save the sheet as CSV",
        found=total,
        limit=limits.max_unpacked_bytes,
    )


def _check_entries(infos: list[zipfile.ZipInfo], limits: SpreadsheetLimits) -> None:
    """What the zip's directory declares: count, methods, encryption, sizes, ratios."""
    if len(infos) > limits.max_entries:
        raise SpreadsheetError(
            SpreadsheetProblem.TOO_MANY_ENTRIES,
            f"the workbook has {len(infos):,} parts, more than the {limits.max_entries:,} "
            "allowed: open it in Excel or LibreOffice and save it again as .xlsx",
            found=len(infos),
            limit=limits.max_entries,
        )
    declared = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise _suspicious(info.filename, "is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _suspicious(info.filename, f"uses compression method {info.compress_type}")
        _check_ratio(info, info.file_size, limits)
        declared += info.file_size
        if declared > limits.max_unpacked_bytes:
            raise _unpacked_too_large(declared, limits)


def _check_ratio(info: zipfile.ZipInfo, unpacked: int, limits: SpreadsheetLimits) -> None:
    if unpacked > RATIO_FREE_BYTES and unpacked > limits.max_ratio * max(info.compress_size, 1):
        raise SpreadsheetError(
            SpreadsheetProblem.SUSPICIOUS_ENTRY,
            f"the part {info.filename} of the workbook unpacks to more than "
            f"{limits.max_ratio} times its packed size (a zip bomb?): open the file in Excel "
            "or LibreOffice and save it again as .xlsx (or as CSV)",
            entry=info.filename,
            found=unpacked // max(info.compress_size, 1),
            limit=limits.max_ratio,
        )


def _stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The entry's real unpacked bytes, in chunks; refused when they exceed the declared size.

    The directory's sizes are what :func:`_check_entries` budgets, so they must
    be true. ``zipfile`` would silently cut the data at the declared size
    while another reader (calamine's Rust zip) may unpack all of it: the
    entry is read with the declared size lifted by one byte, which is enough
    to notice a lie without unpacking a bomb.
    """
    lifted = copy(info)
    lifted.file_size = info.file_size + 1
    # zipfile would check the CRC when its (lifted) size is reached and call
    # a size lie a bad CRC; the check is done here instead, after the sizes.
    del lifted.CRC
    produced = 0
    crc = 0
    try:
        with archive.open(lifted) as stream:
            while chunk := stream.read(SCAN_CHUNK_BYTES):
                produced += len(chunk)
                if produced > info.file_size:
                    break
                crc = zlib.crc32(chunk, crc)
                yield chunk
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error) as exc:
        raise _cannot_unpack(info, str(exc)) from None
    if produced != info.file_size:
        raise _suspicious(info.filename, "holds a different amount of data than it declares")
    if crc != info.CRC:
        raise _cannot_unpack(info, "its checksum does not match")


def _cannot_unpack(info: zipfile.ZipInfo, why: str) -> SpreadsheetError:
    return SpreadsheetError(
        SpreadsheetProblem.UNREADABLE,
        f"the part {info.filename} of the workbook cannot be unpacked ({why})",
        entry=info.filename,
        detail=why,
    )


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_INDEX_PART_BYTES:
        raise _suspicious(name, f"is larger than {_mb(MAX_INDEX_PART_BYTES)}")
    return b"".join(_stream(archive, info))


def _parse_part(name: str, data: bytes) -> Element:
    try:
        # Office XML never has a document type; entities are how XML bombs expand.
        return parse_xml(data, forbid_dtd=True)
    except DefusedXmlException:
        raise _suspicious(name, "declares a document type or XML entities") from None
    except ParseError as exc:
        raise SpreadsheetError(
            SpreadsheetProblem.UNREADABLE,
            f"the part {name} of the workbook is not valid XML ({exc})",
            entry=name,
            detail=str(exc),
        ) from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _worksheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part name → sheet name, from xl/workbook.xml and its relationships.

    Any part in a ``worksheets/`` folder is scanned too, named by its path, so
    a sheet the index leaves out is not read unchecked.
    """
    parts = {
        info.filename: info.filename
        for info in archive.infolist()
        if "worksheets/" in info.filename and info.filename.endswith(".xml")
    }
    workbook = _read_part(archive, "xl/workbook.xml")
    relationships = _read_part(archive, "xl/_rels/workbook.xml.rels")
    if workbook is None or relationships is None:
        return parts
    targets = {
        element.get("Id", ""): element.get("Target", "")
        for element in _parse_part("xl/_rels/workbook.xml.rels", relationships).iter()
        if _local(element.tag) == "Relationship"
    }
    for element in _parse_part("xl/workbook.xml", workbook).iter():
        if _local(element.tag) != "sheet":
            continue
        relation = next((value for key, value in element.attrib.items() if _local(key) == "id"), "")
        target = targets.get(relation)
        if target:
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            parts[posixpath.normpath(path)] = element.get("name", path)
    return parts


# --- worksheets ------------------------------------------------------------------


_DIMENSION = re.compile(
    rb"<(?:[A-Za-z_][\w.\-]*:)?dimension\s[^>]*?(?<![\w:.\-])ref\s*=\s*[\"']([^\"']*)[\"']"
)
_SHEET_DATA = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?sheetData[\s/>]")
_ROOT_PREFIX = re.compile(rb"<(?:([A-Za-z_][\w.\-]*):)?worksheet[\s/>]")


def _area(columns: int, rows: int) -> str:
    return f"A1:{column_letters(columns)}{rows}"


def _too_many_cells(sheet: str, columns: int, rows: int, limits: Limits) -> SpreadsheetError:
    area = _area(columns, rows)
    return SpreadsheetError(
        SpreadsheetProblem.TOO_MANY_CELLS,
        f'sheet "{sheet}" spans {area}, {rows * columns:,} cells, more than the '
        f"{limits.max_cells:,} allowed: delete the rows and columns beyond your data "
        "(a stray value far down or to the right is enough), or save the sheet as CSV",
        sheet=sheet,
        area=area,
        found=rows * columns,
        limit=limits.max_cells,
    )


def _beyond(sheet: str, column: int | None, row: int | None, limits: Limits) -> None:
    """Raise when a reference lies past the row or column limit."""
    cell = f"{column_letters(column)}{row}" if column and row else None
    where = f"a cell at {cell}" if cell else f"row {row:,}" if row else "a cell"
    if row is not None and row > limits.max_rows:
        raise SpreadsheetError(
            SpreadsheetProblem.TOO_MANY_ROWS,
            f'sheet "{sheet}" has {where}, past the {limits.max_rows:,} rows allowed: delete '
            "the rows below your data (a stray value or format far down is enough), or save "
            "the sheet as CSV",
            sheet=sheet,
            row=row,
            column=column_letters(column) if column else None,
            cell=cell,
            found=row,
            limit=limits.max_rows,
        )
    if column is not None and column > limits.max_columns:
        raise SpreadsheetError(
            SpreadsheetProblem.TOO_MANY_COLUMNS,
            f'sheet "{sheet}" has {where} in column {column_letters(column)}, past the '
            f"{limits.max_columns:,} columns allowed (the last is "
            f"{column_letters(limits.max_columns)}): delete the columns to the right of your "
            "data, or save the sheet as CSV",
            sheet=sheet,
            row=row,
            column=column_letters(column),
            cell=cell,
            found=column,
            limit=limits.max_columns,
        )


def _check_dimension(sheet: str, ref: str, limits: Limits) -> None:
    """The extent the sheet declares; openpyxl (and so pyxform) pads every row to it."""
    column, row = split_reference(ref.split(":")[-1])
    if not column or not row:
        return
    area = _area(column, row)
    if row > limits.max_rows:
        problem, found, limit, unit = SpreadsheetProblem.TOO_MANY_ROWS, row, limits.max_rows, "rows"
    elif column > limits.max_columns:
        problem, found, limit, unit = (
            SpreadsheetProblem.TOO_MANY_COLUMNS,
            column,
            limits.max_columns,
            "columns",
        )
    elif row * column > limits.max_cells:
        problem, found, limit, unit = (
            SpreadsheetProblem.TOO_MANY_CELLS,
            row * column,
            limits.max_cells,
            "cells",
        )
    else:
        return
    raise SpreadsheetError(
        problem,
        f'sheet "{sheet}" declares that it spans {area} (its <dimension>), past the '
        f"{limit:,} {unit} allowed: delete the rows and columns beyond your data, or save the "
        "sheet as CSV (a program that wrote a wrong <dimension> will not be read)",
        sheet=sheet,
        row=row,
        column=column_letters(column),
        cell=f"{column_letters(column)}{row}",
        area=area,
        found=found,
        limit=limit,
    )


class _SheetScan:
    """Streams one worksheet's XML: dimension, references past the limits, counts."""

    def __init__(self, sheet: str, limits: SpreadsheetLimits) -> None:
        self.sheet = sheet
        self.limits = limits
        self.beyond = _beyond_pattern(limits.max_rows, limits.max_columns)
        self.head = b""  # the start of the part, until <sheetData> (for <dimension>)
        self.in_data = False
        self.tail = b""
        # Counted as plain substrings: ``<c`` also counts ``<col`` and
        # ``<cfRule``, a handful per sheet, so the count can only be high.
        self.cell_tag = b"<c"
        self.row_tag = b"<row"
        self.prefix_known = False
        self.cells = 0
        self.rows = 0

    def feed(self, chunk: bytes) -> None:
        if not self.in_data:
            self._head(chunk)
        text = self.tail + chunk
        match = self.beyond.search(text)
        if match is not None:
            quoted = re.search(rb"[\"']\s*(.*?)\s*[\"']", match.group(0))
            ref = quoted.group(1).decode("ascii", "replace") if quoted else ""
            column, row = split_reference(ref)
            _beyond(self.sheet, column, row, self.limits)
            # The pattern said "beyond"; should the split disagree, still refuse.
            raise SpreadsheetError(
                SpreadsheetProblem.TOO_MANY_COLUMNS,
                f'sheet "{self.sheet}" has a cell reference {ref!r} past the '
                f"{self.limits.max_rows:,} rows or {self.limits.max_columns:,} columns allowed",
                sheet=self.sheet,
                cell=ref,
                limit=self.limits.max_columns,
            )
        # Tags split by the chunk boundary are missed by the count: a few of
        # millions, and the grid is checked again after parsing.
        self.cells += chunk.count(self.cell_tag)
        self.rows += chunk.count(self.row_tag)
        if self.rows > self.limits.max_rows:
            raise SpreadsheetError(
                SpreadsheetProblem.TOO_MANY_ROWS,
                f'sheet "{self.sheet}" has more than {self.limits.max_rows:,} rows: '
                "split the file, or save the sheet as CSV",
                sheet=self.sheet,
                found=self.rows,
                limit=self.limits.max_rows,
            )
        if self.cells > self.limits.max_cells:
            raise SpreadsheetError(
                SpreadsheetProblem.TOO_MANY_CELLS,
                f'sheet "{self.sheet}" has more than {self.limits.max_cells:,} cells: '
                "split the file, or save the sheet as CSV",
                sheet=self.sheet,
                found=self.cells,
                limit=self.limits.max_cells,
            )
        self.tail = text[-SCAN_OVERLAP_BYTES:]

    def _head(self, chunk: bytes) -> None:
        self.head = (self.head + chunk)[: DIMENSION_SEARCH_BYTES + SCAN_CHUNK_BYTES]
        if not self.prefix_known:
            # Elements may carry a namespace prefix (<x:c>); count those then.
            root = _ROOT_PREFIX.search(self.head)
            if root is not None:
                self.prefix_known = True
                prefix = (root.group(1) + b":") if root.group(1) else b""
                self.cell_tag = b"<" + prefix + b"c"
                self.row_tag = b"<" + prefix + b"row"
        data = _SHEET_DATA.search(self.head)
        end = data.start() if data else len(self.head)
        dimension = _DIMENSION.search(self.head, 0, end)
        if dimension is not None:
            _check_dimension(self.sheet, dimension.group(1).decode("ascii", "replace"), self.limits)
        if data is not None or len(self.head) > DIMENSION_SEARCH_BYTES:
            self.in_data = True
            self.head = b""


def check_workbook(data: bytes, limits: SpreadsheetLimits) -> None:
    """Refuse a workbook that would take a parser past ``limits``; silent when it is fine.

    Not a zip (the old .xls, or not a spreadsheet at all): only the size is
    checked here; :func:`read_workbook_values` checks the parsed grid.
    """
    check_file_size(len(data), limits)
    if not data.startswith(ZIP_MAGIC):
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise SpreadsheetError(
            SpreadsheetProblem.UNREADABLE,
            f"the file is not a readable zip package ({exc})",
            detail=str(exc),
        ) from None
    with archive:
        infos = archive.infolist()
        _check_entries(infos, limits)
        worksheets = _worksheet_parts(archive)
        for info in infos:
            if info.is_dir():
                continue
            sheet = worksheets.get(posixpath.normpath(info.filename))
            scan = _SheetScan(sheet, limits) if sheet is not None else None
            for chunk in _stream(archive, info):
                if scan is not None:
                    scan.feed(chunk)


# --- reading -----------------------------------------------------------------------

SheetValues = tuple[str, list[list[Any]]]


def read_workbook_values(
    data: bytes, limits: SpreadsheetLimits, first_sheet_only: bool = False
) -> list[SheetValues]:
    """Check, then read every sheet (or the first) as ``(name, rows of cell values)``.

    Row ``i`` of a sheet is Excel row ``i + 1``: leading blank rows and
    columns are kept. Values are calamine's: ``str``, ``float``, ``int``,
    ``bool``, ``datetime``, ``date``, ``time``, ``timedelta`` or ``""``.
    Meant to run in the sandbox (:func:`read_workbook_values_sandboxed`).
    """
    from python_calamine import CalamineWorkbook

    check_workbook(data, limits)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except BaseException as exc:
        if not _parser_error(exc):
            raise
        raise _unreadable(exc) from None
    sheets: list[SheetValues] = []
    try:
        names = book.sheet_names[:1] if first_sheet_only else list(book.sheet_names)
        for name in names:
            try:
                sheet = book.get_sheet_by_name(name)
            except BaseException as exc:
                if not _parser_error(exc):
                    raise
                raise _unreadable(exc, name) from None
            # The grid calamine built, from A1 (the readers keep leading blank
            # rows): a last check before millions of Python objects are made.
            end = sheet.end
            if end is not None:
                rows, columns = end[0] + 1, end[1] + 1
                _beyond(name, columns, rows, limits)
                if rows * columns > limits.max_cells:
                    raise _too_many_cells(name, columns, rows, limits)
            sheets.append((name, sheet.to_python(skip_empty_area=False)))
    finally:
        book.close()
    return sheets


# Not the parser's doing: let these through.
_NOT_PARSER_ERRORS = (KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError, SpreadsheetError)


def _parser_error(exc: BaseException) -> bool:
    """calamine raises its own error types, and pyo3 turns a Rust panic into a
    ``PanicException`` that derives from ``BaseException``."""
    return not isinstance(exc, _NOT_PARSER_ERRORS)


def _unreadable(exc: BaseException, sheet: str | None = None) -> SpreadsheetError:
    detail = str(exc) or type(exc).__name__
    return SpreadsheetError(
        SpreadsheetProblem.UNREADABLE,
        f"the file is not a readable workbook ({detail})",
        sheet=sheet,
        detail=detail,
    )


def read_workbook_values_sandboxed(
    data: bytes, limits: SpreadsheetLimits, *, first_sheet_only: bool = False
) -> list[SheetValues]:
    """:func:`read_workbook_values` in a child under ``limits.sandbox``.

    Raises :class:`SpreadsheetError`, or a
    :class:`~ledenpanel.kernel.sandbox.SandboxError` when the child ran out of
    memory or time or died.
    """
    from ledenpanel.kernel.sandbox import run_limited

    return run_limited(read_workbook_values, data, limits, first_sheet_only, limits=limits.sandbox)


# --- text tables ---------------------------------------------------------------------


def check_text_table(data: bytes, limits: Limits, *, delimiter: str) -> None:
    """Size and cell budget of a CSV before a reader splits it into cells.

    The cell count is estimated from below the ceiling: every delimiter and
    line break may start a cell (quoted ones too, so it can only
    overestimate). A line of 50 million commas would otherwise become a list
    of 50 million strings before any row could be checked.
    """
    check_file_size(len(data), limits)
    cells = data.count(delimiter.encode()) + data.count(b"\n") + 1
    if cells > limits.max_cells:
        raise SpreadsheetError(
            SpreadsheetProblem.TOO_MANY_CELLS,
            f"the file has more than {limits.max_cells:,} cells: split it, or leave out "
            "columns that are not needed",
            found=cells,
            limit=limits.max_cells,
        )


def too_many_rows(row: int, limits: Limits, sheet: str | None = None) -> SpreadsheetError:
    """The error for a CSV row (line) past ``limits.max_rows``."""
    return SpreadsheetError(
        SpreadsheetProblem.TOO_MANY_ROWS,
        f"the file has more than {limits.max_rows:,} rows: split it",
        sheet=sheet,
        row=row,
        found=row,
        limit=limits.max_rows,
    )


def too_many_columns(
    columns: int, row: int, limits: Limits, sheet: str | None = None
) -> SpreadsheetError:
    """The error for a CSV row with more than ``limits.max_columns`` fields."""
    return SpreadsheetError(
        SpreadsheetProblem.TOO_MANY_COLUMNS,
        f"line {row} has {columns:,} fields, more than the {limits.max_columns:,} columns "
        "allowed: is the delimiter right?",
        sheet=sheet,
        row=row,
        found=columns,
        limit=limits.max_columns,
    )


__all__ = [
    "EXCEL_MAX_COLUMNS",
    "EXCEL_MAX_ROWS",
    "ROSTER_LIMITS",
    "XLSFORM_LIMITS",
    "SheetValues",
    "SpreadsheetError",
    "SpreadsheetLimits",
    "SpreadsheetProblem",
    "TableLimits",
    "check_file_size",
    "check_text_table",
    "check_workbook",
    "column_letters",
    "column_number",
    "read_workbook_values",
    "read_workbook_values_sandboxed",
    "split_reference",
    "too_many_columns",
    "too_many_rows",
]
