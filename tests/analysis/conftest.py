"""Fixtures for the analysis tests: the synthetic panel analysed, written as the
files `ledenpanel analyse` reads, and the report rendered from a built result."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ledenpanel.analysis.data import Options
from ledenpanel.analysis.engine import analyse
from ledenpanel.analysis.report import render_html
from tests.support.report_result import build_result
from tests.support.synthetic_panel import AGREE, COMMAND_QUESTIONS, panel
from tests.support.workbooks import write_workbook


def _form(path: Path) -> Path:
    survey = [{"type": "start", "name": "start"}]
    survey += [
        {"type": "select_one agree", "name": f"stelling_{n}", "label": f"Stelling {n}"}
        for n in range(1, 5)
    ]
    survey += [
        {"type": "select_one kz", "name": "keuze", "label": "Voorkeur"},
        {"type": "select_multiple onderwerp", "name": "meer", "label": "Welke?"},
        {"type": "integer", "name": "uren", "label": "Uren per maand"},
        {"type": "text", "name": "open", "label": "Wat wilt u nog kwijt?"},
    ]
    choices = [{"list_name": "agree", "name": c.name, "label": c.label} for c in AGREE]
    choices += [
        {"list_name": "kz", "name": "1", "label": "Een"},
        {"list_name": "kz", "name": "2", "label": "Twee"},
    ]
    choices += [
        {"list_name": "onderwerp", "name": name, "label": name.title()}
        for name in ("wonen", "zorg", "klimaat")
    ]
    return write_workbook(path, {"survey": survey, "choices": choices})


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, frozenset):
        return " ".join(sorted(value))
    if isinstance(value, float):
        return str(int(value))
    return str(value)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """The synthetic panel as a user hands it to `ledenpanel analyse`: its form
    (.xlsx), 400 responses and the population (CSV), and an output folder."""
    _unused_form, responses, population = panel(respondents=400)
    responses_path = tmp_path / "antwoorden.csv"
    with responses_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["_id", "start", *COMMAND_QUESTIONS, "age", "gender"])
        for index in range(len(responses)):
            row = [_cell(responses.answers[name][index]) for name in COMMAND_QUESTIONS]
            background = [responses.background[v][index] for v in ("age", "gender")]
            writer.writerow([index + 1, "2026-11-01T10:00", *row, *background])
    population_path = tmp_path / "leden.csv"
    with population_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["age", "gender"])
        writer.writerows(zip(population.columns["age"], population.columns["gender"], strict=True))
    return {
        "form": _form(tmp_path / "vragenlijst.xlsx"),
        "responses": responses_path,
        "population": population_path,
        "out": tmp_path / "uitkomsten",
    }


@pytest.fixture(scope="module")
def weighted_analysis() -> dict:
    """The engine's result for the synthetic panel (with 25 open-link answers),
    weighted and broken down by age and gender."""
    form, responses, population = panel(open_link=25)
    options = Options(weight_by=("age", "gender"), by=("age", "gender"))
    return analyse(form, responses, population=population, options=options)


@pytest.fixture(scope="module")
def html() -> str:
    """The report of ``build_result()``, rendered as HTML."""
    return render_html(build_result())
