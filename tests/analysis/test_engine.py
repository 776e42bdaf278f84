"""The whole analysis on a synthetic panel: shape, weighting, disclosure."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from ledenpanel.analysis.data import Options
from ledenpanel.analysis.engine import analyse
from tests.support.synthetic_panel import panel

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "docs" / "analysis.schema.json").read_text()
)


def _question(result: dict, name: str) -> dict:
    return next(q for q in result["questions"] if q["name"] == name)


def test_the_result_follows_the_published_schema(weighted_analysis: dict) -> None:
    jsonschema.validate(weighted_analysis, SCHEMA)
    json.dumps(weighted_analysis, allow_nan=False)  # plain JSON: no NaN or infinity


def test_questions_come_in_form_order_with_open_link_answers_apart(weighted_analysis: dict) -> None:
    assert [q["name"] for q in weighted_analysis["questions"]][:2] == ["stelling_1", "stelling_2"]
    assert weighted_analysis["n_responses"] == 800
    assert weighted_analysis["open_responses"] == 25
    assert _question(weighted_analysis, "keuze")["n_valid"] == 800


def test_weighting_to_the_population_raises_what_the_under_represented_young_think(
    weighted_analysis: dict,
) -> None:
    assert weighted_analysis["weighting"]["variables"] == ["age", "gender"]
    assert weighted_analysis["weighting"]["weighting_effect"] > 1
    top = _question(weighted_analysis, "stelling_1")["options"]
    disagree = next(option for option in top if option["name"] == "helemaal_oneens")
    # The young (30 % of members, fewer of the respondents) disagree: weighted, more do.
    assert disagree["weighted_share"] > disagree["share"]
    assert disagree["weighted_ci_low"] < disagree["weighted_share"] < disagree["weighted_ci_high"]


def test_the_response_rate_is_completes_over_the_population(weighted_analysis: dict) -> None:
    assert weighted_analysis["response_rate"] == pytest.approx(800 / 4000)
    assert weighted_analysis["representativeness"]["r_indicator"]["r"] < 0.95


def test_a_panel_below_k_gets_its_count_and_nothing_else() -> None:
    form, responses, population = panel(respondents=9)
    result = analyse(form, responses, population=population)
    jsonschema.validate(result, SCHEMA)
    assert result["results_withheld"] is True
    assert result["n_responses"] == 9
    assert result["questions"] == []


def test_without_a_population_there_is_no_weighting_and_no_rate() -> None:
    form, responses, _population = panel(respondents=300)
    result = analyse(form, responses)
    jsonschema.validate(result, SCHEMA)
    assert result["weighting"] is None
    assert result["population_size"] is None
    assert result["response_rate"] is None
    assert "weighted_share" not in _question(result, "keuze")["options"][0]


def test_crosstabs_hide_small_groups_in_every_table(weighted_analysis: dict) -> None:
    for table in weighted_analysis["groups"]["tables"]:
        for group in table["groups"]:
            assert group["suppressed"] or group["n"] >= 10
    # Open-link answers have no bands: they are not an "unknown" group of members.
    assert all(
        group["name"] != "_onbekend"
        for variable in weighted_analysis["groups"]["variables"]
        for group in variable["groups"]
    )


def test_the_same_input_gives_the_same_result(weighted_analysis: dict) -> None:
    form, responses, population = panel(open_link=25)
    options = Options(weight_by=("age", "gender"), by=("age", "gender"))
    again = analyse(form, responses, population=population, options=options)
    weighted_analysis = {key: value for key, value in weighted_analysis.items() if key != "timings"}
    again.pop("timings")
    assert again == weighted_analysis
