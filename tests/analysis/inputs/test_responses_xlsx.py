"""The responses as KoboToolbox's default export, an .xlsx: read as the CSV is, refused
clearly when hostile or broken, and Kobo's "Labels" export named for what it is."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from ledenpanel.analysis.inputs import InputError, read_export, read_form
from tests.support import hostile
from tests.support.kobo_exports import as_workbook, with_labels, write_export, write_form


def problems(call) -> list[str]:
    with pytest.raises(InputError) as caught:
        call()
    return [str(problem) for problem in caught.value.problems]


def _notes(warnings) -> list[tuple]:
    """The warnings without their file (and where the file says it)."""
    return [(w.code, dict(w.params), w.column, w.message) for w in warnings]


def test_an_xlsx_export_reads_as_the_same_csv(tmp_path: Path) -> None:
    form = read_form(write_form(tmp_path / "form.xlsx"))
    csv_path = write_export(
        tmp_path / "export.csv", rows=300, r_names=True, old_version_share=0.1, na=True
    )
    xlsx_path = as_workbook(csv_path, tmp_path / "export.xlsx")
    from_csv: list = []
    from_xlsx: list = []

    csv_export = read_export(csv_path, form, warnings=from_csv)
    xlsx_export = read_export(xlsx_path, form, warnings=from_xlsx)

    assert xlsx_export.responses.answers == csv_export.responses.answers
    assert xlsx_export.responses.background == csv_export.responses.background
    assert xlsx_export.absent == csv_export.absent
    assert _notes(from_xlsx) == _notes(from_csv)
    assert {w.sheet for w in from_xlsx} == {"Peiling"}
    assert any(w.code == "answers_not_in_form" for w in from_xlsx)


def test_a_bad_value_is_named_by_sheet_row_and_column_letter(tmp_path: Path) -> None:
    form = read_form(write_form(tmp_path / "form.xlsx"))
    csv_path = write_export(tmp_path / "export.csv", rows=30)
    text = csv_path.read_text(encoding="utf-8").splitlines()
    text[3] = text[3].replace(",ja,", ",Ja,", 1).replace(",nee,", ",Ja,", 1)  # a label
    csv_path.write_text("\n".join(text) + "\n", encoding="utf-8")
    xlsx_path = as_workbook(csv_path, tmp_path / "export.xlsx")

    [problem] = problems(lambda: read_export(xlsx_path, form))

    assert problem.startswith(f'{xlsx_path}, sheet "Peiling", row 4, column "lid" (L): ')
    assert "is a label, not a choice name" in problem


def test_rows_past_a_short_dimension_are_read(tmp_path: Path) -> None:
    # A <dimension> that claims A1:B2 must not cut off the rows after row 2.
    rows = hostile.header_row(("lid", "regio")) + "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>ja</t></is></c>'
        f'<c r="B{n}" t="inlineStr"><is><t>Noord</t></is></c></row>'
        for n in range(2, 8)
    )
    path = tmp_path / "export.xlsx"
    path.write_bytes(hostile.package(hostile.sheet_xml(rows, dimension="A1:B2")))
    form = read_form(write_form(tmp_path / "form.xlsx"))

    export = read_export(path, form)

    assert export.responses.answers["lid"] == ["ja"] * 6


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    path.write_bytes(hostile.zip_bomb(("lid",)))
    form = read_form(write_form(tmp_path / "form.xlsx"))

    [problem] = problems(lambda: read_export(path, form))

    assert problem.startswith(f"{path}: ")
    assert "zip bomb" in problem
    assert "save it again" in problem


def test_a_far_cell_is_refused_with_its_row(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    path.write_bytes(hostile.far_cell(("lid",), sheet_name="Peiling"))
    form = read_form(write_form(tmp_path / "form.xlsx"))

    [problem] = problems(lambda: read_export(path, form))

    assert problem.startswith(f'{path}, sheet "Peiling", row 1048576')
    assert "rows allowed" in problem


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"PK\x03\x04 not really a zip", "is not a readable .xlsx workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old Excel workbook (.xls)"),
        (b"lid,regio\nja,Noord\n", "is not an .xlsx file"),
    ],
)
def test_a_broken_workbook_is_refused_with_what_to_do(tmp_path: Path, data, expected) -> None:
    path = tmp_path / "export.xlsx"
    path.write_bytes(data)
    form = read_form(write_form(tmp_path / "form.xlsx"))

    [problem] = problems(lambda: read_export(path, form))

    assert problem.startswith(f"{path}: ")
    assert expected in problem
    assert "CSV (UTF-8)" in problem


@pytest.mark.parametrize(
    ("sheet_xml", "expected"),
    [
        (None, "has no sheet"),  # the sheet's part is missing
        (
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<dimension ref="A1:A2"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>lid',
            "cannot be read from row",
        ),
        (b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><worksheet/>", "readable"),
    ],
)
def test_a_workbook_with_a_broken_sheet_is_refused(tmp_path: Path, sheet_xml, expected) -> None:
    whole = tmp_path / "whole.xlsx"
    book = Workbook()
    book.active.append(["lid"])
    book.save(whole)
    path = tmp_path / "export.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            if not info.filename.startswith("xl/worksheets/"):
                target.writestr(info, source.read(info))
            elif sheet_xml is not None:
                target.writestr(info, sheet_xml)
    form = read_form(write_form(tmp_path / "form.xlsx"))

    [problem] = problems(lambda: read_export(path, form))

    assert problem.startswith(f"{path}")
    assert expected in problem
    assert "CSV (UTF-8)" in problem


@pytest.mark.parametrize("workbook", [False, True])
def test_kobos_labels_export_is_refused_with_how_to_export(tmp_path: Path, workbook) -> None:
    form = read_form(write_form(tmp_path / "form.xlsx"))
    path = with_labels(write_export(tmp_path / "export.csv", rows=30), tmp_path / "labels.csv")
    if workbook:
        path = as_workbook(path, tmp_path / "labels.xlsx")

    [problem] = problems(lambda: read_export(path, form))

    assert '"Uw mening/Stelling 1"' in problem
    assert "KoboToolbox's export with labels" in problem
    assert '"XML values and headers"' in problem


def test_one_header_that_is_a_questions_label_is_no_labels_export(tmp_path: Path) -> None:
    form = read_form(write_form(tmp_path / "form.xlsx"))
    path = write_export(tmp_path / "export.csv", rows=30)
    lines = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(lines[0].replace(",lid,", ",Bent u lid?,") + "\n" + lines[1], "utf-8")
    warnings: list = []

    export = read_export(path, form, warnings=warnings)

    assert export.absent == ("lid",)
    assert [w.params for w in warnings if w.code == "questions_without_column"] == [
        {"count": 1, "questions": ["lid"], "parts": []}
    ]
