"""`ledenpanel analyse` on files, as a user runs it: outputs, exit codes, atomic writes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from ledenpanel.cli import main
from tests.support.synthetic_panel import COMMAND_QUESTIONS

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "docs" / "analysis.schema.json").read_text()
)


def _run(files: dict[str, Path], *extra: str) -> int:
    return main(
        ["analyse", str(files["form"]), str(files["responses"]), "--out", str(files["out"]), *extra]
    )


def test_it_writes_the_analysis_and_a_self_contained_report(files, capsys) -> None:
    code = _run(files, "--population", str(files["population"]), "--weight-by", "age,gender")

    assert code == 0
    result = json.loads((files["out"] / "analysis.json").read_text(encoding="utf-8"))
    jsonschema.validate(result, SCHEMA)
    assert [q["name"] for q in result["questions"]] == list(COMMAND_QUESTIONS)
    assert result["n_responses"] == 400
    assert result["population_size"] == 4000
    assert result["response_rate"] == pytest.approx(0.1)
    assert result["weighting"]["variables"] == ["age", "gender"]
    report = (files["out"] / "report.html").read_text(encoding="utf-8")
    assert "Stelling 1" in report
    assert "<script" not in report
    assert not (files["out"] / "report.pdf").exists()
    captured = capsys.readouterr()
    assert captured.out == ""  # only files hold results; progress goes to stderr
    assert "weighting" in captured.err


def test_lang_en_writes_the_report_in_english(files) -> None:
    assert _run(files, "--lang", "en") == 0

    report = (files["out"] / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in report
    assert "Summary" in report
    assert "Stelling 1" in report  # the questionnaire's own words stay as written


def test_an_existing_output_folder_is_replaced_whole(files) -> None:
    files["out"].mkdir()
    (files["out"] / "old.txt").write_text("from an earlier run")

    assert _run(files) == 0

    assert sorted(p.name for p in files["out"].iterdir()) == ["analysis.json", "report.html"]
    leftovers = [p.name for p in files["out"].parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_bad_input_under_strict_names_the_place_exits_1_and_writes_nothing(files, capsys) -> None:
    """A choice the form does not know: with ``--strict`` a refusal that says where.

    (Without it, the answer is reported and read as not answered: see
    tests/analysis/inputs/test_real_exports.py.)
    """
    text = files["responses"].read_text(encoding="utf-8").splitlines()
    header = text[0].split(";")
    cells = text[5].split(";")
    cells[header.index("keuze")] = "7"
    text[5] = ";".join(cells)
    files["responses"].write_text("\n".join(text) + "\n", encoding="utf-8")
    files["out"].mkdir()
    (files["out"] / "old.txt").write_text("kept")

    assert _run(files, "--strict") == 1

    error = capsys.readouterr().err
    column = header.index("keuze") + 1
    assert f'antwoorden.csv, line 6, column "keuze" ({column}): unknown choice "7"' in error
    assert [p.name for p in files["out"].iterdir()] == ["old.txt"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--weight-by", "age"], "--weight-by needs --population"),
        (["--trim", "5,0.2"], "--trim 5,0.2"),
        (["--min-group", "0"], "--min-group"),
        (["--by", "shoe_size"], "--by shoe_size"),
    ],
)
def test_wrong_usage_exits_2_and_writes_nothing(files, capsys, arguments, message) -> None:
    assert _run(files, *arguments) == 2
    assert message in capsys.readouterr().err
    assert not files["out"].exists()


def test_the_installed_command_runs_without_a_database_and_can_write_a_pdf(files, tmp_path) -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "ledenpanel.cli",
            "analyse",
            str(files["form"]),
            str(files["responses"]),
            "--out",
            str(files["out"]),
            "--pdf",
        ],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert (files["out"] / "report.pdf").read_bytes().startswith(b"%PDF")
