"""`ledenpanel lint FORM.xlsx`: output, JSON, languages and exit codes on real .xlsx files."""

from __future__ import annotations

import argparse
import io
import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook

from ledenpanel.cli.lint import add_lint_arguments, run_lint

Row = Sequence[str | int | None]
AGREE = [
    ("helemaal_oneens", "Helemaal mee oneens"),
    ("oneens", "Mee oneens"),
    ("neutraal", "Neutraal"),
    ("eens", "Mee eens"),
    ("helemaal_eens", "Helemaal mee eens"),
    ("weet_niet", "Weet niet / geen mening"),
]


def write_form(path: Path, survey: list[Row], choices: list[Row] | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    for row in survey:
        sheet.append(list(row))
    choice_sheet = book.create_sheet("choices")
    for row in choices or [["list_name", "name", "label"]]:
        choice_sheet.append(list(row))
    settings = book.create_sheet("settings")
    settings.append(["form_title", "default_language"])
    settings.append(["Ledenpanel woningbouw", "nl"])
    book.save(path)
    return path


def agree_choices() -> list[Row]:
    return [["list_name", "name", "label"], *(["eens", n, label] for n, label in AGREE)]


HEADER = ["type", "name", "label", "author", "rationale"]


def good_form(tmp_path: Path) -> Path:
    return write_form(
        tmp_path / "goed.xlsx",
        [
            HEADER,
            [
                "select_one eens",
                "bouwen",
                "De gemeente moet meer sociale huurwoningen bouwen.",
                "Bestuur",
                "Voor het programma.",
            ],
        ],
        agree_choices(),
    )


def flawed_form(tmp_path: Path) -> Path:
    return write_form(
        tmp_path / "fout.xlsx",
        [
            HEADER,
            [
                "select_one eens",
                "huren",
                "De gemeente moet de huren bevriezen en meer sociale huurwoningen bouwen.",
                "Bestuur",
                "Voor het programma.",
            ],
            ["select_one eens", "alv", "De ALV moet vaker op zaterdag.", "Bestuur", "Planning."],
        ],
        agree_choices(),
    )


def run(*argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="ledenpanel lint")
    add_lint_arguments(parser)
    args = parser.parse_args(list(argv))
    out, err = io.StringIO(), io.StringIO()
    code = run_lint(args, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_it_exits_zero_on_a_sound_form(tmp_path: Path) -> None:
    code, out, err = run(str(good_form(tmp_path)))
    assert code == 0
    assert out == ""
    assert "0 fout(en)" in err


def test_it_prints_one_line_per_finding_and_exits_one_on_errors(tmp_path: Path) -> None:
    path = flawed_form(tmp_path)
    code, out, _ = run(str(path))
    assert code == 1
    lines = out.splitlines()
    assert f"{path}: huren: error double_barreled: Deze vraag" in lines[0]
    assert " — Splits dit in twee vragen" in lines[0]
    assert any(line.startswith(f"{path}: alv: warning jargon: ") for line in lines)


def test_it_prints_only_json_on_stdout(tmp_path: Path) -> None:
    code, out, err = run(str(flawed_form(tmp_path)), "--json")
    assert code == 1
    findings = json.loads(out)
    assert {tuple(f) for f in findings} == {
        ("question", "rule", "severity", "message", "suggestion")
    }
    assert {(f["question"], f["rule"]) for f in findings} == {
        ("huren", "double_barreled"),
        ("alv", "jargon"),
    }
    assert "fout(en)" in err


def test_it_reports_questionnaire_findings_with_null_question(tmp_path: Path) -> None:
    survey: list[Row] = [HEADER]
    survey += [
        ["text", f"open{i}", "Wat wilt u de fractie meegeven?", "Bestuur", "Voor de fractie."]
        for i in range(4)
    ]
    code, out, _ = run(str(write_form(tmp_path / "open.xlsx", survey)), "--json", "--lang", "en")
    findings = json.loads(out)
    assert code == 0
    assert [f for f in findings if f["question"] is None] == [
        {
            "question": None,
            "rule": "too_many_open",
            "severity": "warning",
            "message": "The questionnaire has 4 open questions; the guideline asks for 3 at most.",
            "suggestion": 'Turn some into choice questions with "something else, namely …".',
        }
    ]
    _, human, _ = run(str(tmp_path / "open.xlsx"))
    assert f"{tmp_path / 'open.xlsx'}: vragenlijst: warning too_many_open: " in human


def test_it_writes_messages_in_english_with_lang_en(tmp_path: Path) -> None:
    _, out, err = run(str(flawed_form(tmp_path)), "--lang", "en")
    assert "Split it into two questions" in out
    assert "error(s)" in err


def test_it_says_where_a_form_is_broken_and_exits_one(tmp_path: Path) -> None:
    broken = write_form(tmp_path / "kapot.xlsx", [["type", "name"], ["text", "q1"]])
    code, out, err = run(str(broken), "--json")
    assert code == 1
    assert json.loads(out) == []
    assert "survey" in err
    assert "label" in err
    assert "niets gecontroleerd" in err


def test_it_exits_one_on_a_missing_or_unreadable_file(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path / "bestaat-niet.xlsx"))
    assert code == 1
    assert "kan het bestand niet lezen" in err
    not_xlsx = tmp_path / "tekst.xlsx"
    not_xlsx.write_text("geen spreadsheet")
    code, _, err = run(str(not_xlsx))
    assert code == 1


def test_it_refuses_wrong_usage_with_exit_two() -> None:
    parser = argparse.ArgumentParser(prog="ledenpanel lint")
    add_lint_arguments(parser)
    with pytest.raises(SystemExit) as exit_:
        parser.parse_args(["form.xlsx", "--lang", "fr"])
    assert exit_.value.code == 2
