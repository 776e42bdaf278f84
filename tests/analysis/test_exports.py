"""The exports of the responses, on plain data: one table, its codebook, CSV, XLSX, .sav.

What is checked: the values and labels a researcher opens (openpyxl for the
workbook, pyreadstat for the .sav), formula injection kept literal text, open
answers only when included and then scrubbed, and a group whose members
(nearly) all gave one answer never shown with the background that finds it.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
import openpyxl
import pyreadstat
import pytest

from ledenpanel.analysis.data import (
    DECIMAL,
    POINTS,
    RANK,
    SELECT_MULTIPLE,
    SELECT_ONE,
    TEXT,
    Choice,
    Form,
    Population,
    Question,
    Responses,
    Scale,
)
from ledenpanel.analysis.exports import (
    codebook_csv_lines,
    export_table,
    protect,
    table_csv_lines,
    table_xlsx,
)
from ledenpanel.analysis.exports.microdata import closed_items, disclosive_groups
from ledenpanel.analysis.exports.sav import table_sav
from ledenpanel.analysis.inputs import read_responses
from tests.support.synthetic_panel import panel

INJECTION = "=2+5+cmd|' /C calc'!A0"
AGREE = (
    Choice("oneens", "Oneens"),
    Choice("neutraal", "Neutraal"),
    Choice("eens", "Eens"),
    Choice("wn", "Weet niet", dont_know=True),
)
RATING = (*(Choice(str(n), str(n)) for n in range(11)), Choice("wn", "Weet niet", True))
FORM = Form(
    title="Proef",
    questions=(
        Question("stelling", SELECT_ONE, "Het bestuur luistert.", AGREE, Scale.AGREE),
        Question("cijfer", SELECT_ONE, "Welk cijfer geeft u?", RATING, Scale.RATING),
        Question(
            "themas",
            SELECT_MULTIPLE,
            "Welke thema's?",
            (Choice("zorg", "Zorg"), Choice("wonen", "Wonen"), Choice("klimaat", "Klimaat")),
        ),
        Question(
            "volgorde",
            RANK,
            "Zet in volgorde",
            (Choice("a", "Eerst A"), Choice("b", "Eerst B"), Choice("c", "Eerst C")),
        ),
        Question(
            "punten",
            POINTS,
            "Verdeel 10 punten",
            (Choice("x", "X"), Choice("y", "Y")),
            points_total=10.0,
        ),
        Question("uren", DECIMAL, "Hoeveel uren?"),
        Question("idee", TEXT, "Uw idee?"),
    ),
)


def _responses(n: int = 60, *, seed: int = 1, homogeneous_gender: str | None = None) -> Responses:
    """Varied answers; with ``homogeneous_gender``, that gender all agree with the statement."""
    rng = random.Random(seed)
    ages = [rng.choice(["16-34", "35-64", "65+"]) for _ in range(n)]
    genders = [("V" if i % 2 else "M") for i in range(n)]
    regions = [rng.choice(["R1", "R2"]) for _ in range(n)]
    stelling = [rng.choice(["oneens", "neutraal", "eens", "wn"]) for _ in range(n)]
    if homogeneous_gender is not None:
        stelling = [
            "eens" if g == homogeneous_gender else s for g, s in zip(genders, stelling, strict=True)
        ]
    ideas = [None] * n
    ideas[0] = INJECTION
    ideas[1] = "Bel Jan de Vries op 06-12345678, hij weet het."
    ideas[2] = "Meer groen in de wijk."
    return Responses(
        answers={
            "stelling": stelling,
            "cijfer": [rng.choice([str(x) for x in range(11)] + ["wn"]) for _ in range(n)],
            "themas": [frozenset(rng.sample(["zorg", "wonen", "klimaat"], 2)) for _ in range(n)],
            "volgorde": [tuple(rng.sample(["a", "b", "c"], 3)) for _ in range(n)],
            "punten": [
                {"x": float(p), "y": float(10 - p)} for p in (rng.randint(0, 10) for _ in range(n))
            ],
            "uren": [float(rng.randint(0, 40)) - 5.0 for _ in range(n)],
            "idee": ideas,
        },
        background={"age": ages, "gender": genders, "region": regions},
        is_open=[False] * n,
    )


def _table(responses: Responses | None = None, **kwargs):
    kwargs.setdefault("include_open", False)
    return export_table(
        FORM,
        responses or _responses(),
        labels={"age": "Leeftijd", "gender": "Geslacht", "region": "Regio"},
        value_labels={"region": {"R1": "Regio Noord", "R2": "Regio Zuid"}},
        **kwargs,
    )


def _csv_rows(lines) -> list[list[str]]:
    text = "".join(lines)
    assert text.startswith("\ufeff")
    return [line.split(";") for line in text[1:].split("\r\n") if line]


def test_it_writes_one_column_per_question_as_analyse_reads_them():
    table = _table()
    rows = _csv_rows(table_csv_lines(table))

    header = rows[0]
    assert header[:6] == ["stelling", "cijfer", "themas", "volgorde", "punten_x", "punten_y"]
    assert "uren" in header
    assert header[-1] == "_open"
    assert len(rows) == 61
    first = dict(zip(header, rows[1], strict=True))
    assert first["stelling"] in {"oneens", "neutraal", "eens", "wn"}
    assert len(first["themas"].split()) == 2
    assert first["_open"] == "0"


def test_every_question_type_reads_back_through_the_analyse_commands_reader(tmp_path: Path):
    form, responses, _population = panel(respondents=120, open_link=5)
    table = export_table(form, responses, include_open=True)
    path = tmp_path / "antwoorden.csv"
    path.write_text("".join(table_csv_lines(table)), encoding="utf-8", newline="")

    again = read_responses(path, form)

    kept = table.protection.background
    assert again.background == {name: responses.background[name] for name in kept}
    rows = [
        i
        for i, open_ in enumerate(responses.is_open or [])
        if table.protection.open_rows or not open_
    ]
    for question in form.questions:
        expected = [responses.answers[question.name][i] for i in rows]
        if question.type == TEXT:
            continue  # scrubbed on the way out (test_included_open_answers_are_scrubbed)
        assert again.answers[question.name] == expected, question.name


def test_it_leaves_out_open_answers_unless_included():
    table = _table()
    text = "".join(table_csv_lines(table))

    assert "idee" not in text.splitlines()[0]
    assert "groen" not in text
    assert any("niet opgenomen" in note for note in table.notes)


def test_included_open_answers_are_scrubbed():
    table = _table(include_open=True)
    text = "".join(table_csv_lines(table))

    assert "Meer groen in de wijk." in text
    assert "Jan de Vries" not in text
    assert "06-12345678" not in text
    assert "[naam]" in text
    assert "[telefoonnummer]" in text


def test_a_formula_gets_a_quote_in_the_csv_and_stays_literal_text_in_the_workbook():
    table = _table(include_open=True)
    text = "".join(table_csv_lines(table))
    assert "'" + INJECTION in text
    assert ";" + INJECTION not in text

    workbook = openpyxl.load_workbook(io.BytesIO(table_xlsx(table)))
    sheet = workbook["antwoorden"]
    header = [cell.value for cell in sheet[1]]
    cells = [row[header.index("idee")] for row in sheet.iter_rows(min_row=2)]
    injected = next(cell for cell in cells if cell.value == INJECTION)
    assert injected.value == INJECTION
    assert injected.data_type == "s"
    assert injected.quotePrefix
    # Negative numbers stay numbers.
    hours = [row[header.index("uren")].value for row in sheet.iter_rows(min_row=2)]
    assert all(isinstance(value, float | int) for value in hours)
    assert min(hours) < 0


def test_the_workbook_holds_the_responses_and_the_codebook():
    table = _table()
    workbook = openpyxl.load_workbook(io.BytesIO(table_xlsx(table)))

    assert workbook.sheetnames == ["antwoorden", "codeboek"]
    codebook = [[cell.value for cell in row] for row in workbook["codeboek"].iter_rows()]
    assert codebook[0] == ["variabele", "label", "type", "waarde", "betekenis", "ontbrekend"]
    assert ["stelling", "Het bestuur luistert.", "één keuze", "wn", "Weet niet", "ja"] in codebook
    assert ["stelling", "Het bestuur luistert.", "één keuze", "eens", "Eens", None] in codebook


def test_the_codebook_csv_names_every_column_its_values_and_missing_codes():
    table = _table()
    rows = _csv_rows(codebook_csv_lines(table))

    names = {row[0] for row in rows[1:]}
    assert {"stelling", "cijfer", "themas", "volgorde", "punten_x", "uren", "_open"} <= names
    assert ["cijfer", "Welk cijfer geeft u?", "één keuze", "wn", "Weet niet", "ja"] in rows


def test_the_codebook_speaks_english_when_asked():
    table = _table(lang="en")
    rows = _csv_rows(codebook_csv_lines(table))

    assert rows[0] == ["variable", "label", "type", "value", "meaning", "missing"]
    assert workbook_sheets(table) == ["responses", "codebook"]


def workbook_sheets(table) -> list[str]:
    return openpyxl.load_workbook(io.BytesIO(table_xlsx(table))).sheetnames


def test_the_sav_has_variable_and_value_labels_and_dont_know_as_user_missing(tmp_path: Path):
    table = _table(include_open=True)
    path = tmp_path / "export.sav"
    path.write_bytes(table_sav(table))

    frame, meta = pyreadstat.read_sav(str(path), user_missing=True)
    plain, _plain_meta = pyreadstat.read_sav(str(path))

    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    assert labels["stelling"] == "Het bestuur luistert."
    assert labels["themas_zorg"] == "Welke thema's?: Zorg"
    assert labels["volgorde_b"] == "Zet in volgorde: Eerst B"
    assert meta.variable_value_labels["stelling"] == {
        1.0: "Oneens",
        2.0: "Neutraal",
        3.0: "Eens",
        99.0: "Weet niet",
    }
    # A rating keeps its numbers, so its mean is the mean rating.
    assert meta.variable_value_labels["cijfer"][7.0] == "7"
    assert meta.missing_ranges["stelling"] == [{"lo": 99.0, "hi": 99.0}]
    # Read without user_missing, "weet niet" is missing, as SPSS treats it.
    assert plain["stelling"].isna().sum() == _responses().answers["stelling"].count("wn")
    assert meta.variable_measure["stelling"] == "ordinal"
    assert meta.variable_measure["uren"] == "scale"
    assert meta.variable_value_labels["themas_zorg"] == {0.0: "niet gekozen", 1.0: "gekozen"}
    # The values: the same rows as the CSV, coded.
    source = _responses()
    codes = {"oneens": 1, "neutraal": 2, "eens": 3, "wn": 99}
    assert list(frame["stelling"]) == [codes[v] for v in source.answers["stelling"]]
    assert list(frame["uren"]) == source.answers["uren"]
    ranked = source.answers["volgorde"][0]
    assert frame["volgorde_" + ranked[0]][0] == 1
    assert frame["themas_zorg"][0] == float("zorg" in source.answers["themas"][0])
    ideas = list(frame["idee"])
    assert "Jan de Vries" not in " ".join(ideas)
    assert INJECTION in ideas
    # Background bands as labelled codes; the region's name as its label.
    if "region" in meta.column_names:
        assert set(meta.variable_value_labels["region"].values()) == {"Regio Noord", "Regio Zuid"}
    assert any("willekeurige volgorde" in note for note in meta.notes)


def test_without_open_answers_the_sav_has_no_text_variable(tmp_path: Path):
    path = tmp_path / "export.sav"
    path.write_bytes(table_sav(_table()))

    _frame, meta = pyreadstat.read_sav(str(path))

    assert "idee" not in meta.column_names


def test_a_group_that_all_gave_one_answer_is_not_shown_with_its_background():
    responses = _responses(homogeneous_gender="V")
    table = _table(responses)

    names = [column.name for column in table.columns]
    assert "gender" not in names
    assert "gender" in table.protection.left_out
    assert any("Geslacht" in note for note in table.notes)
    # Whatever background is kept, no combination of it shows the homogeneous answer.
    _assert_no_disclosive_group(table)


def test_varied_answers_keep_the_background():
    # Few questions with many answers each: every combination stays varied.
    form = Form("f", (Question("uren", DECIMAL, "Uren"),))
    rng = random.Random(3)
    n = 80
    responses = Responses(
        answers={"uren": [float(rng.randint(0, 1000)) for _ in range(n)]},
        background={
            "age": [rng.choice(["16-34", "35+"]) for _ in range(n)],
            "gender": [("V" if i % 2 else "M") for i in range(n)],
        },
    )

    protection = protect(form, responses, k=10)

    assert protection.background == ("age", "gender")
    assert protection.left_out == ()


def test_a_nested_hidden_group_is_not_recovered_through_the_export():
    # Region R1 holds branches A and B; B's members all say "ja". The report
    # hides B (and A along, as its lone sibling in R1 would otherwise give B
    # away). An export with the region would add R1 = A + B next to
    # everything else the report shows.
    form = Form("f", (Question("q", SELECT_ONE, "Q", (Choice("ja", "Ja"), Choice("nee", "Nee"))),))
    branch = ["A"] * 12 + ["B"] * 12 + ["C"] * 12 + ["D"] * 12
    region = ["R1"] * 24 + ["R2"] * 24
    answers = ["ja", "nee", "nee", "ja"] * 3 + ["ja"] * 12 + ["ja", "nee", "nee"] * 8
    responses = Responses(answers={"q": answers}, background={"region": region, "branch": branch})

    protection = protect(form, responses, k=10)

    assert "branch" not in protection.background
    items = closed_items(form, responses, range(len(branch)))
    if protection.background:
        keys = list(zip(*(responses.background[v] for v in protection.background), strict=True))
        ids = np.array([sorted(set(keys)).index(key) for key in keys])
        assert not any(bad.any() for bad in disclosive_groups(ids, items))


def test_open_link_rows_are_left_out_when_too_few():
    responses = _responses(40)
    responses.is_open = [i < 4 for i in range(40)]

    table = _table(responses)

    assert table.row_count == 36
    assert table.protection.open_rows_left_out == 4
    assert set(next(c for c in table.columns if c.name == "_open").cells) == {"0"}


@pytest.mark.parametrize("seed", range(8))
def test_no_export_ever_shows_a_disclosive_group(seed: int):
    rng = random.Random(seed)
    n = rng.randint(30, 120)
    responses = _responses(n, seed=seed)
    # Some questions lean hard one way, so homogeneous groups happen.
    responses.answers["stelling"] = ["eens" if rng.random() < 0.9 else "oneens" for _ in range(n)]
    _assert_no_disclosive_group(_table(responses))


def _assert_no_disclosive_group(table) -> None:
    kept = table.protection.background
    columns = {column.name: column.cells for column in table.columns}
    n = table.row_count
    keys = list(zip(*(columns[name] for name in kept), strict=True)) if kept else [()] * n
    order = sorted(set(keys))
    ids = np.array([order.index(key) for key in keys])
    responses = Responses(
        answers={
            "stelling": list(columns["stelling"]),
            "cijfer": list(columns["cijfer"]),
            "uren": list(columns["uren"]),
        }
    )
    form = Form("f", tuple(q for q in FORM.questions if q.name in responses.answers))
    items = closed_items(form, responses, range(n))
    if kept:
        assert not any(bad.any() for bad in disclosive_groups(ids, items))


def _branch_panel(*, women_of_b_agree: bool) -> tuple[Form, Responses]:
    """Region R1 (branches A, B) and R2 (C, D). A's 12 members are all women;
    B has 12 women and 12 men; C and D are mixed. Answers alternate, except
    (optionally) B's women, who all say "ja"."""
    form = Form("f", (Question("q", SELECT_ONE, "Q", (Choice("ja", "Ja"), Choice("nee", "Nee"))),))
    rows = (
        [("R1", "A", "V")] * 12
        + [("R1", "B", "V")] * 12
        + [("R1", "B", "M")] * 12
        + [("R2", "C", "V")] * 12
        + [("R2", "C", "M")] * 12
        + [("R2", "D", "V")] * 12
        + [("R2", "D", "M")] * 12
    )
    answers = ["ja" if i % 2 else "nee" for i in range(len(rows))]
    if women_of_b_agree:
        answers[12:24] = ["ja"] * 12
    region, branch, gender = (list(column) for column in zip(*rows, strict=True))
    return form, Responses(
        # Gender first: of the two-variable exports, (gender, region) is tried
        # before (region, branch), so the subtraction rule has to refuse it.
        answers={"q": answers},
        background={"gender": gender, "region": region, "branch": branch},
    )


def test_an_export_group_minus_a_branch_the_report_shows_gives_nothing_away():
    # With region and gender in the export, (R1, women) minus branch A (all
    # women, shown in the report) would be B's women: every one said "ja".
    form, responses = _branch_panel(women_of_b_agree=True)

    kept = set(protect(form, responses, k=10).background)

    assert not {"region", "gender"} <= kept
    assert not {"branch", "gender"} <= kept


def test_without_a_unanimous_group_every_variable_stays():
    form, responses = _branch_panel(women_of_b_agree=False)

    assert protect(form, responses, k=10).background == ("gender", "region", "branch")


def test_a_group_the_report_hides_is_not_recovered_from_a_combination_in_the_export():
    # Branch A (12, all "ja") is hidden in the report, and B (10) along with
    # it; C (30) is shown. B's members are exactly the young men, so an
    # export with gender and age would give A = everyone − C − young men.
    form = Form("f", (Question("q", SELECT_ONE, "Q", (Choice("ja", "Ja"), Choice("nee", "Nee"))),))
    rows = (
        [("V", "jong", "A", "ja")] * 6
        + [("M", "oud", "A", "ja")] * 6
        + [("M", "jong", "B", answer) for answer in ["ja", "nee"] * 5]
        + [
            (gender, age, "C", answer)
            for gender, age in [("V", "jong"), ("V", "oud"), ("M", "oud")]
            for answer in ["ja", "nee"] * 5
        ]
    )
    gender, age, branch, answers = (list(column) for column in zip(*rows, strict=True))
    responses = Responses(
        answers={"q": answers}, background={"gender": gender, "age": age, "branch": branch}
    )

    kept = protect(form, responses, k=10).background

    assert kept in {("gender",), ("age",)}


def test_questions_nobody_answered_still_write_every_format(tmp_path: Path):
    responses = _responses(30)
    for name in ("idee", "uren", "stelling"):
        responses.answers[name] = [None] * 30
    table = _table(responses, include_open=True)
    path = tmp_path / "leeg.sav"
    path.write_bytes(table_sav(table))

    frame, _meta = pyreadstat.read_sav(str(path))

    assert frame["stelling"].isna().all()
    assert frame["uren"].isna().all()
    assert openpyxl.load_workbook(io.BytesIO(table_xlsx(table)))["antwoorden"].max_row == 31
    assert len(_csv_rows(table_csv_lines(table))) == 31


def test_a_variable_whose_participation_the_report_hides_never_leaves():
    # Region A: 11 of its 12 members answered, so the report's participation table
    # hides A (and B with it); counting the export's rows per region would give
    # "11 of 12" back. Gender's participation is shown: it may stay.
    question = Question(
        "q", SELECT_ONE, "Q", (Choice("a", "A"), Choice("b", "B"), Choice("c", "C"))
    )
    form = Form("t", (question,))
    regions = ["A"] * 11 + ["B"] * 49
    genders = ["m", "v"] * 30
    answers = [("a", "b", "c")[i % 3] for i in range(60)]
    responses = Responses(
        answers={"q": answers}, background={"region": regions, "gender": genders}, is_open=None
    )
    population = Population(
        columns={"region": ["A", "A", "B", "B"], "gender": ["m", "v", "m", "v"]},
        count=[6, 6, 100, 100],
    )

    without = export_table(form, responses, include_open=False)
    withheld = export_table(form, responses, include_open=False, population=population)

    assert without.protection.background == ("region", "gender")
    assert withheld.protection.background == ("gender",)
    assert "region" in withheld.protection.left_out
