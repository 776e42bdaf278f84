"""Hostile input files for `ledenpanel analyse`: exit 1 with a message, never 134.

Issue 10, finding 9: a form with one cell at XFD1048576 made calamine abort
the command (SIGABRT, exit 134); a CSV can be made to take all memory too.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ledenpanel.analysis.inputs import InputError, read_form, read_responses
from tests.support import hostile

HEADERS = ("type", "name", "label")
FIXTURES = Path(__file__).parent / "fixtures"


def problems(call) -> list[str]:
    with pytest.raises(InputError) as caught:
        call()
    return [str(problem) for problem in caught.value.problems]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_form_with_one_far_cell_is_an_input_error_at_its_row(tmp_path: Path) -> None:
    path = write(tmp_path, "form.xlsx", hostile.far_cell(HEADERS, sheet_name="survey"))

    [problem] = problems(lambda: read_form(path))

    assert problem.startswith(f'{path}, sheet "survey", row 1048576: ')
    assert "past the 50,000 rows allowed" in problem


def test_a_zip_bomb_form_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path, "form.xlsx", hostile.zip_bomb(HEADERS))

    [problem] = problems(lambda: read_form(path))

    assert "zip bomb" in problem


def test_analyse_exits_1_not_134(tmp_path: Path) -> None:
    form = write(tmp_path, "form.xlsx", hostile.far_cell(HEADERS, sheet_name="survey"))
    root = Path(__file__).resolve().parents[3]
    environment = {**os.environ, "PYTHONPATH": str(root)}

    done = subprocess.run(
        [sys.executable, "-m", "ledenpanel.cli", "analyse", str(form), "x.csv", "--out", "out"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        check=False,
    )

    assert done.returncode == 1, done.stderr
    assert "past the 50,000 rows allowed" in done.stderr
    assert "Nothing was written" in done.stderr
    assert not (tmp_path / "out").exists()


def _form(make_form):
    return read_form(make_form([{"type": "integer", "name": "q", "label": "Q"}]))


def test_a_csv_past_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, make_form, small_limits: None
) -> None:
    path = write(tmp_path, "r.csv", b"q\n" + b"1\n" * 1_000_000)
    form = _form(make_form)

    [problem] = problems(lambda: read_responses(path, form))

    assert problem.startswith(f"{path}: is 2 MB, more than the 1 MB allowed")


def test_a_csv_of_delimiters_is_refused_before_it_is_split(
    tmp_path: Path, make_form, small_limits: None
) -> None:
    path = write(tmp_path, "r.csv", b"q,r\n" + b"," * 1_000)
    form = _form(make_form)

    [problem] = problems(lambda: read_responses(path, form))

    assert "more than 500 cells" in problem


def test_a_csv_with_too_many_rows_is_refused_at_the_first_one_too_many(
    tmp_path: Path, make_form, small_limits: None
) -> None:
    path = write(tmp_path, "r.csv", b"q\n" + b"1\n" * 6)
    form = _form(make_form)

    [problem] = problems(lambda: read_responses(path, form))

    assert problem == f"{path}, line 7: has more than 5 rows: split the responses"


def test_a_csv_header_with_too_many_fields_asks_about_the_delimiter(
    tmp_path: Path, make_form, small_limits: None
) -> None:
    path = write(tmp_path, "r.csv", b",".join([b"q"] * 21) + b"\n")
    form = _form(make_form)

    [problem] = problems(lambda: read_responses(path, form))

    assert "is the delimiter right?" in problem
