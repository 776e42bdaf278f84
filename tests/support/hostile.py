"""Hostile spreadsheets, written part by part with zipfile (issue 10, finding 9).

No spreadsheet library writes these, which is the point: each one is what an
attacker uploads. The readers' tests (roster, XLSForm, analysis) share them.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Sequence

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_PATH = "xl/worksheets/sheet1.xml"


def workbook_xml(sheet_name: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


def header_row(headers: Sequence[str]) -> str:
    """Row 1 with inline strings in A1, B1, …"""
    cells = "".join(
        f'<c r="{chr(ord("A") + index)}1" t="inlineStr"><is><t>{text}</t></is></c>'
        for index, text in enumerate(headers)
    )
    return f'<row r="1">{cells}</row>'


def sheet_xml(rows: str, dimension: str | None = None) -> str:
    element = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{element}<sheetData>{rows}</sheetData></worksheet>"
    )


def package(sheet: str | bytes, sheet_name: str = "Leden") -> bytes:
    """A minimal .xlsx around one worksheet's XML."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", workbook_xml(sheet_name))
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr(SHEET_PATH, sheet)
    return buffer.getvalue()


def far_cell(headers: Sequence[str] = ("Lidnummer",), sheet_name: str = "Leden") -> bytes:
    """The review's file: a header and ONE cell at XFD1048576 (calamine: 512 GiB, SIGABRT)."""
    rows = header_row(headers) + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return package(sheet_xml(rows), sheet_name)


def far_cell_in_a_near_row(headers: Sequence[str] = ("Lidnummer",)) -> bytes:
    """The far cell hidden in row 2: a cell's own ``r`` is what the parser uses."""
    rows = header_row(headers) + '<row r="2"><c r="XFD1048576"><v>1</v></c></row>'
    return package(sheet_xml(rows, dimension="A1:B2"))


def lying_dimension(headers: Sequence[str] = ("Lidnummer",)) -> bytes:
    """Two real cells, a dimension claiming the whole grid (openpyxl and pyxform pad to it)."""
    rows = header_row(headers) + '<row r="2"><c r="A2"><v>1</v></c></row>'
    return package(sheet_xml(rows, dimension="A1:XFD1048576"))


def wide_and_deep(
    headers: Sequence[str] = ("Lidnummer",), column: str = "ALL", row: int = 499_999
) -> bytes:
    """One cell inside the row and column limits whose grid (1,000 × 499,999) is not."""
    cells = header_row(headers) + f'<row r="{row}"><c r="{column}{row}"><v>1</v></c></row>'
    return package(sheet_xml(cells))


def zip_bomb(headers: Sequence[str] = ("Lidnummer",), unpacked_mib: int = 64) -> bytes:
    """A sheet padded with ``unpacked_mib`` MiB of whitespace: packs ~1,000 to 1.

    Whitespace between elements is valid XML, so only the size gives it away.
    Built with one deflate stream over repeated blocks: ~0.1 s for 64 MiB.
    """
    head = sheet_xml(header_row(headers)).encode()
    split = head.index(b"</sheetData>")
    block = b" " * (1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts = [compressor.compress(head[:split])]
    for _ in range(unpacked_mib):
        parts.append(compressor.compress(block))
    parts.append(compressor.compress(head[split:]))
    parts.append(compressor.flush())
    raw = b"".join(parts)
    crc = 0
    crc = zlib.crc32(head[:split], crc)
    for _ in range(unpacked_mib):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(head[split:], crc)
    size = len(head) + unpacked_mib * len(block)
    return _with_raw_entry(raw, crc=crc, declared_size=size)


def lying_sizes(headers: Sequence[str] = ("Lidnummer",), unpacked_mib: int = 64) -> bytes:
    """The bomb again, its directory claiming the sheet unpacks to 2 KB."""
    bomb = zip_bomb(headers, unpacked_mib)
    return _declare_size(bomb, SHEET_PATH, 2048)


def _with_raw_entry(raw: bytes, *, crc: int, declared_size: int) -> bytes:
    """``package`` with the sheet entry's deflate stream given as is."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", workbook_xml("Leden"))
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr(SHEET_PATH, b"placeholder")
    data = buffer.getvalue()
    # Rewrite the last entry (the sheet): local header + data, then the
    # central directory with its sizes and CRC patched.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(SHEET_PATH)
        offset = info.header_offset
    name_length, extra_length = struct.unpack("<HH", data[offset + 26 : offset + 30])
    data_start = offset + 30 + name_length + extra_length
    local = bytearray(data[offset:data_start])
    struct.pack_into("<III", local, 14, crc, len(raw), declared_size)
    directory_start = data.index(b"PK\x01\x02")
    directory = bytearray(data[directory_start:])
    end_record = directory.index(b"PK\x05\x06")
    position = 0
    while position < end_record:
        name_length, extra_length, comment_length = struct.unpack(
            "<HHH", directory[position + 28 : position + 34]
        )
        name = bytes(directory[position + 46 : position + 46 + name_length]).decode()
        if name == SHEET_PATH:
            struct.pack_into("<III", directory, position + 16, crc, len(raw), declared_size)
        position += 46 + name_length + extra_length + comment_length
    new_directory_start = offset + len(local) + len(raw)
    struct.pack_into("<I", directory, end_record + 16, new_directory_start)
    return data[:offset] + bytes(local) + raw + bytes(directory)


def _declare_size(data: bytes, entry: str, size: int) -> bytes:
    """``data`` with ``entry``'s uncompressed size set to ``size`` in both headers."""
    patched = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        offset = archive.getinfo(entry).header_offset
    struct.pack_into("<I", patched, offset + 22, size)
    position = patched.index(b"PK\x01\x02")
    while patched[position : position + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack(
            "<HHH", patched[position + 28 : position + 34]
        )
        name = bytes(patched[position + 46 : position + 46 + name_length]).decode()
        if name == entry:
            struct.pack_into("<I", patched, position + 24, size)
        position += 46 + name_length + extra_length + comment_length
    return bytes(patched)
