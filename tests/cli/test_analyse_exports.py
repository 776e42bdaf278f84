"""`ledenpanel analyse` on exports as KoboToolbox and R write them."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import jsonschema
import pytest

from ledenpanel.cli import main
from tests.support import hostile
from tests.support.kobo_exports import as_workbook, write_export, write_form

FIVE_MB = 5_000_000
SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "docs" / "analysis.schema.json").read_text("utf-8")
)
# Words of the readers' notes in one language that the other language's notes never use
# (the files' own names, such as "oude_groep/vraag_1", are left out before looking).
ENGLISH_WORDS = set(
    "column columns not used for the crosstabs ignored answers answer question are "
    "form perhaps older counted answered background variables variable small categories "
    "merged into identifier like more than half values differ attachment empty rows "
    "skipped refuse such add sheet line row".split()
)
DUTCH_WORDS = set(
    "kolom kolommen niet gebruikt voor de kruistabellen genegeerd antwoorden antwoord vraag "
    "zijn geen keuze formulier misschien oudere geteld beantwoord achtergrondkenmerken "
    "achtergrondkenmerk kleine categorieën samengevoegd tot identificatie meer dan helft "
    "waarden verschilt bijlage leeg lege rijen overgeslagen weiger zulke zet blad "
    "regel rij een van het met".split()
)


def _analyse(tmp_path: Path, responses: Path, *extra: str, form: Path | None = None) -> int:
    form = form or write_form(tmp_path / "form.xlsx")
    return main(["analyse", str(form), str(responses), "--out", str(tmp_path / "out"), *extra])


def _result(tmp_path: Path) -> dict:
    return json.loads((tmp_path / "out" / "analysis.json").read_text(encoding="utf-8"))


def test_a_hostile_all_versions_export_gives_a_small_report(tmp_path, capsys):
    # Thousands of rows, Kobo's ids and times under their own and R's names, 400
    # columns of earlier form versions, 20 extra columns and a 40-valued one.
    responses = write_export(
        tmp_path / "alle_versies.csv",
        rows=2500,
        all_versions=True,
        r_names=True,
        old_version_share=0.3,
        na=True,
    )

    assert _analyse(tmp_path, responses) == 0

    report = tmp_path / "out" / "report.html"
    assert report.stat().st_size < FIVE_MB
    assert (tmp_path / "out" / "analysis.json").stat().st_size < FIVE_MB
    result = _result(tmp_path)
    variables = result["groups"]["variables"]
    names = [v["name"] if isinstance(v, dict) else v for v in variables]
    assert len(names) <= 8
    assert names[:2] == ["regio", "leeftijd"]
    assert not any(name.startswith(("_", "X_", "oud", "meta")) for name in names)
    notes = "\n".join(note["text"] for note in result["input_notes"])  # Dutch
    for skipped in ("X_id", "X_uuid", "X_submission_time", "audit_URL", "gemeente", "volgnummer"):
        assert skipped in notes
    assert "200 kolommen niet gebruikt voor de kruistabellen (een vraagpad" in notes
    [paths] = [
        note["params"]
        for note in result["input_notes"]
        if note["code"] == "columns_skipped" and note["params"]["reason"] == "question_path"
    ]
    assert (paths["count"], len(paths["columns"]), paths["more"]) == (200, 30, 170)
    assert paths["file"] == "alle_versies.csv"
    assert str(tmp_path) not in json.dumps(result["input_notes"])  # no folders of the user
    err = capsys.readouterr().err
    assert "note: " in err  # the terminal's notes stay English
    assert "200 columns not used for crosstabs (a question path" in err
    assert "X_submission_time" in err


def test_an_old_version_answer_and_r_na_are_reported_and_not_answered(tmp_path, capsys):
    responses = write_export(tmp_path / "export.csv", rows=300, old_version_share=0.1, na=True)

    assert _analyse(tmp_path, responses) == 0

    err = capsys.readouterr().err
    assert 'column "mening/stelling_1" (1):' in err
    assert 'not choices of the form ("weet_niet")' in err
    stelling_2 = next(q for q in _result(tmp_path)["questions"] if q["name"] == "stelling_2")
    assert "NA" not in json.dumps(stelling_2)


def test_strict_refuses_an_old_version_answer_with_its_place_and_what_to_do(tmp_path, capsys):
    responses = write_export(tmp_path / "export.csv", rows=300, old_version_share=0.1)

    assert _analyse(tmp_path, responses, "--strict") == 1

    err = capsys.readouterr().err
    assert f"{responses}, line " in err
    assert (
        'column "mening/stelling_1" (1): unknown choice "weet_niet" for question stelling_1' in err
    )
    assert "add them to the form's choices sheet, or run without --strict" in err
    assert not (tmp_path / "out").exists()


def test_missing_names_extra_codes(tmp_path, capsys):
    responses = write_export(tmp_path / "export.csv", rows=300)
    text = responses.read_text(encoding="utf-8").replace(",ja,", ",-99,", 20)
    responses.write_text(text, encoding="utf-8")

    assert _analyse(tmp_path, responses, "--missing", "-99", "--strict") == 0

    lid = next(q for q in _result(tmp_path)["questions"] if q["name"] == "lid")
    assert "-99" not in json.dumps(lid)


def test_a_form_with_an_unused_repeated_choice_is_read(tmp_path):
    form = write_form(tmp_path / "form.xlsx", allow_choice_duplicates=True)
    responses = write_export(tmp_path / "export.csv", rows=100)

    assert _analyse(tmp_path, responses, form=form) == 0


def test_by_an_identifier_is_wrong_usage_with_the_reason(tmp_path, capsys):
    responses = write_export(tmp_path / "export.csv", rows=100, r_names=True)

    assert _analyse(tmp_path, responses, "--by", "X_id") == 2

    assert "--by X_id: the column cannot be a crosstab variable (export metadata)" in (
        capsys.readouterr().err
    )


def _notes_in_report(page: str, file: str) -> list[str]:
    """The report's notes of the readers: the list items that start with the file's name."""
    items = re.findall(r"<li>(.*?)</li>", page, flags=re.DOTALL)
    texts = [unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in items]
    return [text for text in texts if text.startswith(file)]


def _words(texts: list[str]) -> set[str]:
    # Names of files, columns and values hold "_", "/", "." or digits: not language.
    tokens = re.findall(r"[\w/.\-]+", " ".join(texts).lower())
    return {t.strip(".") for t in tokens if not re.search(r"[_/\d]|\w\.\w", t.strip("."))}


@pytest.mark.parametrize(
    ("lang", "own", "other"),
    [("nl", DUTCH_WORDS, ENGLISH_WORDS), ("en", ENGLISH_WORDS, DUTCH_WORDS)],
)
def test_the_readers_notes_are_in_the_reports_language(tmp_path, lang, own, other):
    responses = write_export(
        tmp_path / "export.csv",
        rows=300,
        all_versions=True,
        r_names=True,
        old_version_share=0.1,
        na=True,
    )
    with responses.open("a", encoding="utf-8") as handle:
        handle.write("," * (responses.read_text().splitlines()[0].count(",")) + "\n")

    assert _analyse(tmp_path, responses, "--lang", lang) == 0

    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    notes = _notes_in_report(page, "export.csv")
    codes = {note["code"] for note in _result(tmp_path)["input_notes"]}
    assert {
        "columns_ignored",
        "answers_not_in_form",
        "crosstab_variables",
        "categories_merged",
        "columns_skipped",
        "empty_rows_skipped",
    } <= codes
    assert len(notes) == len(_result(tmp_path)["input_notes"])
    words = _words(notes)
    assert words & other == set(), notes
    assert len(words & own) > 20
    if lang == "nl":
        assert "export.csv: 200 kolommen niet gebruikt voor de kruistabellen (een vraagpad" in (
            "\n".join(notes)
        )
        assert "export.csv: 1 lege rij overgeslagen." in notes
    else:
        assert "export.csv: 200 columns not used for the crosstabs (a question path" in (
            "\n".join(notes)
        )
        assert "export.csv: 1 empty row skipped." in notes
        assert any("oude_groep/vraag_30 and 170 more" in note for note in notes)


def _comparable(result: dict) -> dict:
    """The result without its timings, and its notes without where they apply."""
    result = dict(result)
    result.pop("timings", None)
    result["input_notes"] = [
        (note["code"], {k: v for k, v in note["params"].items() if k not in ("file", "sheet")})
        for note in result["input_notes"]
    ]
    return result


def test_an_xlsx_export_gives_the_same_analysis_as_its_csv(tmp_path):
    csv_path = write_export(
        tmp_path / "export.csv", rows=400, r_names=True, old_version_share=0.1, na=True
    )
    xlsx_path = as_workbook(csv_path, tmp_path / "export.xlsx")

    assert _analyse(tmp_path, csv_path) == 0
    from_csv = _result(tmp_path)
    assert _analyse(tmp_path, xlsx_path) == 0
    from_xlsx = _result(tmp_path)

    assert _comparable(from_xlsx) == _comparable(from_csv)
    jsonschema.validate(from_xlsx, SCHEMA)
    assert {note["params"]["sheet"] for note in from_xlsx["input_notes"]} == {"Peiling"}
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "export.xlsx, blad “Peiling”, kolom “mening/stelling_1” (A):" in unescape(page)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (hostile.zip_bomb(("lid",)), "(a zip bomb?)"),
        (b"PK\x03\x04" + b"\x00" * 100, "is not a readable .xlsx workbook"),
    ],
    ids=["zip bomb", "corrupt"],
)
def test_a_hostile_or_broken_xlsx_is_refused_with_exit_1(tmp_path, capsys, data, expected):
    responses = tmp_path / "export.xlsx"
    responses.write_bytes(data)

    assert _analyse(tmp_path, responses) == 1

    err = capsys.readouterr().err
    assert f"{responses}: " in err
    assert expected in err
    assert "Nothing was written" in err
    assert not (tmp_path / "out").exists()
