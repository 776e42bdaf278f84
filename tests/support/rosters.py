"""Builders for roster files in tests."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl

from ledenpanel.organisations.roster.headers import DUTCH_MEMBER_HEADERS

DUTCH_HEADERS = list(DUTCH_MEMBER_HEADERS)


def member(**overrides: str) -> dict[str, str]:
    """One valid member row keyed by Dutch header (branch A1 of the `party` fixture)."""
    row = {
        "Lidnummer": "0012345",
        "Voornaam": "Anna",
        "Tussenvoegsel": "de",
        "Achternaam": "Vries",
        "E-mailadres": "anna@example.nl",
        "Geboortedatum": "15-03-1970",
        "Geslacht": "V",
        "Straat": "Dorpsstraat",
        "Huisnummer": "12a",
        "Postcode": "1234 AB",
        "Woonplaats": "Utrecht",
        "Gemeente": "Utrecht",
        "Afdeling": "A1",
        "Lid sinds": "01-02-2015",
        "Netwerken": "",
        "Status": "actief",
        "Geen contact": "nee",
    }
    row.update(overrides)
    return row


def members_csv(
    rows: list[dict[str, str]],
    *,
    delimiter: str = ";",
    encoding: str = "utf-8-sig",
    headers: list[str] | None = None,
) -> bytes:
    if headers is None:
        headers = list(rows[0]) if rows else DUTCH_HEADERS
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(header, "") for header in headers])
    return buffer.getvalue().encode(encoding)


def csv_text(lines: list[str], encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    """A workbook whose first sheet holds ``rows`` (``[]`` for a blank row)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.create_sheet("Tweede")["A1"] = "niet gelezen"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


TODAY = dt.date(2026, 6, 1)
