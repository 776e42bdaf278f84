"""Formula injection through the exports (issue 10, finding 6).

A member types ``=HYPERLINK(…)`` as an open answer, or a board member (or a
member's panel request, whose topic becomes the title) puts ``-2+3+cmd|…`` in
a question's label. Whoever opens ``antwoorden.csv`` or the XLSForm export in
a spreadsheet must see that text, never run it; ``ledenpanel analyse`` must
still read the app's own exports back to the same figures.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from ledenpanel.analysis.engine import analyse
from ledenpanel.analysis.exports.delimited import DELIMITER
from ledenpanel.analysis.inputs import read_form, read_responses
from ledenpanel.analysis.scrub import scrub
from ledenpanel.cli import main
from ledenpanel.kernel.cells import TRIGGERS, is_plain_number
from tests.support.formula_injection import (
    AT_SUM,
    DDE,
    HYPERLINK,
    NUMBERS,
    TITLE,
    injection_responses,
)


def _csv_cells(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITER))


def _starts_a_formula(cell: str) -> bool:
    first = cell.lstrip(" ")[:1]
    return first != "" and first in TRIGGERS and not is_plain_number(cell)


def test_it_writes_no_csv_cell_a_spreadsheet_would_run(exported) -> None:
    _form, csv_path = exported

    rows = _csv_cells(csv_path)

    header, body = rows[0], rows[1:]
    # Seven respondents: no background band may leave with their answers.
    assert header == ["kanaal", "saldo", "mening", "_open"]
    assert [cell for row in rows for cell in row if _starts_a_formula(cell)] == []
    mening = [row[2] for row in body]
    assert mening[0] == "'" + scrub(HYPERLINK)
    assert mening[1] == "'" + DDE
    assert mening[2] == "'" + AT_SUM
    assert mening[3] == "'\t=1+1"
    assert mening[5:] == ["Gewoon een mening", "'s avonds beter"]  # ordinary text untouched


def test_negative_numbers_stay_numbers(exported) -> None:
    _form, csv_path = exported

    saldo = [row[1] for row in _csv_cells(csv_path)[1:]]

    assert saldo == ["-12.5", "-3", "0", "7", "-0.25", "4", "1.5"]


def test_the_export_reads_back_as_the_same_answers(exported) -> None:
    form_path, csv_path = exported
    form = read_form(form_path)

    again = read_responses(csv_path, form)

    original = injection_responses()
    # The reader trims spaces around a value (it always has): "\t=1+1" is "=1+1".
    assert again.answers["mening"] == [scrub(t).strip() for t in original.answers["mening"]]
    assert again.answers["saldo"] == NUMBERS
    assert again.answers["kanaal"] == original.answers["kanaal"]
    assert again.background == {}


def test_ledenpanel_analyse_gets_the_same_figures_from_the_exports(exported, tmp_path) -> None:
    form_path, csv_path = exported
    form = read_form(form_path)
    original = injection_responses()
    original.answers["mening"] = [scrub(t).strip() for t in original.answers["mening"]]

    code = main(["analyse", str(form_path), str(csv_path), "--out", str(tmp_path / "uit")])

    assert code == 0
    from_files = json.loads((tmp_path / "uit" / "analysis.json").read_text(encoding="utf-8"))
    in_memory = json.loads(json.dumps(analyse(form, original), default=str))
    assert from_files["questions"] == in_memory["questions"]
    assert from_files["n_responses"] == in_memory["n_responses"] == len(NUMBERS)


def test_the_xlsform_export_holds_text_cells_never_formulas(exported) -> None:
    form_path, _csv = exported

    with zipfile.ZipFile(form_path) as archive:
        sheets = [
            archive.read(name).decode()
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
        ]
    assert sheets
    assert not any("<f>" in sheet or "<f " in sheet for sheet in sheets)

    book = load_workbook(form_path)
    formula_like = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and _starts_a_formula(cell.value)
    ]
    assert {cell.value for cell in formula_like} >= {HYPERLINK, DDE, AT_SUM, TITLE}
    assert all(cell.data_type == "s" for cell in formula_like)
    # Excel's "quote prefix": editing such a cell in Excel keeps it text.
    assert all(cell.quotePrefix for cell in formula_like)


def test_the_xlsform_export_keeps_the_questionnaire_word_for_word(exported) -> None:
    form_path, _csv = exported

    form = read_form(form_path)

    assert form.title == TITLE
    assert form.question("kanaal").label == AT_SUM
    assert form.question("kanaal").choice("krant").label == HYPERLINK
    assert form.question("saldo").label == DDE
    assert form.question("mening").label == HYPERLINK
