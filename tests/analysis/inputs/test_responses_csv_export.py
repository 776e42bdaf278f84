"""The app's responses export reads back as the same responses."""

from __future__ import annotations

from pathlib import Path

from ledenpanel.analysis.data import POINTS, Choice, Form, Question
from ledenpanel.analysis.inputs import read_responses
from ledenpanel.analysis.inputs.responses_csv_export import responses_csv_lines
from tests.support.synthetic_panel import panel


def _write(path: Path, lines) -> Path:
    path.write_text("".join(lines), encoding="utf-8", newline="")
    return path


def test_every_question_type_round_trips_through_the_export(tmp_path: Path) -> None:
    form, responses, _population = panel(respondents=120, open_link=5)
    path = _write(tmp_path / "antwoorden.csv", responses_csv_lines(form, responses))

    again = read_responses(path, form)

    assert path.read_bytes().startswith("\ufeff".encode())
    assert again.is_open == responses.is_open
    assert again.background == responses.background
    for question in form.questions:
        assert again.answers[question.name] == responses.answers[question.name], question.name


def test_open_answers_leave_without_personal_data(tmp_path: Path) -> None:
    form = Form("t", (Question("open", "text", "Nog iets?"),))
    _form, responses, _population = panel(respondents=1)
    responses.answers = {"open": ["Bel mij op 06-12345678 of mail jan@example.nl"]}
    responses.background = {}
    responses.is_open = None

    text = "".join(responses_csv_lines(form, responses))

    assert "06-12345678" not in text
    assert "jan@example.nl" not in text
    assert "[telefoonnummer]" in text


def test_points_are_one_column_per_part(tmp_path: Path) -> None:
    parts = (Choice("wonen", "Wonen"), Choice("zorg", "Zorg"))
    form = Form("t", (Question("budget", POINTS, "Verdeel", parts, points_total=100),))
    _form, responses, _population = panel(respondents=1)
    responses.answers = {"budget": [{"wonen": 60.0, "zorg": 40.0}, None]}
    responses.background = {}
    responses.is_open = None

    header, first, second = "".join(responses_csv_lines(form, responses)).splitlines()

    assert header == "\ufeffbudget_wonen;budget_zorg;_open"
    assert first == "60;40;0"
    assert second == ";;0"
