"""`ledenpanel analyse` on exports as KoboToolbox and R write them."""

from __future__ import annotations

import json
from pathlib import Path

from ledenpanel.cli import main
from tests.support.kobo_exports import write_export, write_form

FIVE_MB = 5_000_000


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
    notes = "\n".join(result["input_notes"])
    for skipped in ("X_id", "X_uuid", "X_submission_time", "audit_URL", "gemeente", "volgnummer"):
        assert skipped in notes
    assert "200 columns not used for crosstabs (a question path" in notes
    assert str(tmp_path) not in notes  # the report names files, not the user's folders
    err = capsys.readouterr().err
    assert "note: " in err
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
