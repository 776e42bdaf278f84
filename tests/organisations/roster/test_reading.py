"""Reading roster files: encodings, delimiters, spreadsheets, line numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from ledenpanel.organisations.roster.reading import RosterFileError, cell_text, read_table
from ledenpanel.organisations.roster.report import Issue
from tests.support.rosters import csv_text, xlsx_bytes


def test_it_reads_utf8_with_a_byte_order_mark() -> None:
    table = read_table(csv_text(["Lidnummer;Achternaam", "001;Çelik"], "utf-8-sig"), "l.csv")
    assert table.headers == ["Lidnummer", "Achternaam"]
    assert table.rows == [(2, ["001", "Çelik"])]


def test_it_reads_utf8_without_a_byte_order_mark() -> None:
    table = read_table(csv_text(["Lidnummer,Achternaam", "001,Yılmaz"]), "l.csv")
    assert table.rows == [(2, ["001", "Yılmaz"])]


def test_it_falls_back_to_windows_1252_and_keeps_accents() -> None:
    data = csv_text(["Lidnummer;Achternaam", "7;Müller-Éloïse"], "cp1252")
    assert read_table(data, "l.csv").rows == [(2, ["7", "Müller-Éloïse"])]


def test_it_reads_utf16_exports() -> None:
    data = csv_text(["Lidnummer\tAchternaam", "7\tBrontë"], "utf-16")
    assert read_table(data, "l.txt").rows == [(2, ["7", "Brontë"])]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_it_detects_the_delimiter_from_the_header_line(delimiter: str) -> None:
    data = csv_text([delimiter.join(["a", "b", "c"]), delimiter.join(["1", "2,5", "3"])])
    if delimiter == ",":
        data = csv_text(["a,b,c", '1,"2,5",3'])
    assert read_table(data, "x.csv").rows == [(2, ["1", "2,5", "3"])]


def test_it_keeps_file_line_numbers_across_blank_and_multiline_rows() -> None:
    data = csv_text(["", "a;b", "1;x", "", ";", '2;"two', 'lines"', "3;y"])
    table = read_table(data, "x.csv")
    assert table.header_line == 2
    assert [line for line, _cells in table.rows] == [3, 6, 8]
    assert table.rows[1][1] == ["2", "two\r\nlines"]


def test_it_pads_short_rows_and_drops_trailing_empty_cells() -> None:
    table = read_table(csv_text(["a;b;c;;", "1", "1;2;3;;", "1;2;3; ; "]), "x.csv")
    assert table.headers == ["a", "b", "c"]
    assert [cells for _line, cells in table.rows] == [
        ["1", "", ""],
        ["1", "2", "3"],
        ["1", "2", "3"],
    ]
    assert table.errors == []


def test_it_reports_a_row_with_text_beyond_the_last_column() -> None:
    table = read_table(csv_text(["a;b;c", "1;2;3", "1;2;3;4;;", "5;Dorpsstraat;12;x"]), "x.csv")
    assert [line for line, _cells in table.rows] == [2]
    assert table.errors == [
        Issue(3, None, "4 cellen, de kopregel heeft er 3"),
        Issue(4, None, "4 cellen, de kopregel heeft er 3"),
    ]


def test_it_reports_a_spreadsheet_row_with_text_beyond_the_last_column() -> None:
    data = xlsx_bytes([["a", "b"], [1, 2, None], [1, 2, "extra"]])
    table = read_table(data, "x.xlsx")
    assert table.rows == [(2, ["1", "2"])]
    assert table.errors == [Issue(3, None, "3 cellen, de kopregel heeft er 2")]


def test_it_reads_the_first_sheet_of_a_workbook_with_excel_row_numbers() -> None:
    data = xlsx_bytes(
        [
            ["Lidnummer", "Achternaam", "Geboortedatum", "Huisnummer"],
            ["0012", "Öztürk", dt.date(1980, 2, 29), 12],
            [],
            [4567, "Şahin", dt.datetime(1990, 1, 2), 3.5],
        ]
    )
    table = read_table(data, "leden.xlsx")
    assert table.headers == ["Lidnummer", "Achternaam", "Geboortedatum", "Huisnummer"]
    assert table.rows == [
        (2, ["0012", "Öztürk", "1980-02-29", "12"]),
        (4, ["4567", "Şahin", "1990-01-02", "3.5"]),
    ]


def test_it_numbers_rows_from_the_top_of_the_sheet_when_it_starts_lower() -> None:
    data = xlsx_bytes([[], [], ["Lidnummer", "Achternaam"], [1, "Jansen"]])
    table = read_table(data, "leden.xlsx")
    assert table.header_line == 3
    assert table.rows == [(4, ["1", "Jansen"])]


def test_it_renders_spreadsheet_cells_as_text() -> None:
    assert cell_text(None) == ""
    assert cell_text(12.0) == "12"
    assert cell_text(True) == "1"
    assert cell_text(dt.datetime(2020, 1, 31, 0, 0)) == "2020-01-31"
    assert cell_text(dt.datetime(2020, 1, 31, 8, 30)) == "2020-01-31 08:30:00"


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "leeg.csv", "leeg"),
        (b"\r\n;;\r\n", "leeg.csv", "leeg"),
        (b"%PDF-1.7\x00\x01\x02", "leden.pdf", "geen CSV- of XLSX-bestand"),
        (b"Lidnummer;Naam\r\n1;Jan\r\n", "leden.xlsx", "geen geldig Excel-bestand"),
        (b"PK\x03\x04 not really a zip", "leden.xlsx", "geen leesbaar XLSX-bestand"),
    ],
)
def test_it_refuses_unreadable_files_with_a_clear_message(
    data: bytes, filename: str, message: str
) -> None:
    with pytest.raises(RosterFileError, match=message):
        read_table(data, filename)


def test_it_names_the_line_of_an_undecodable_byte() -> None:
    data = b"a;b\r\n1;ok\r\n2;\x81\x8d\x8f\r\n"
    with pytest.raises(RosterFileError) as caught:
        read_table(data, "x.csv")
    assert caught.value.line == 3
