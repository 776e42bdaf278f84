"""Figures that say no more than is known: no interval below 0 for what cannot be
negative, no "reached" without bounce figures, response rates beside V, and
extreme weights as a warning."""

from __future__ import annotations

import re
from html import unescape

import numpy as np
import pytest

from ledenpanel.analysis.data import DECIMAL, POINTS, Choice, Population, Question
from ledenpanel.analysis.design import unweighted
from ledenpanel.analysis.questions import summarise_question
from ledenpanel.analysis.report import render_html
from ledenpanel.analysis.response import representativeness, response_rates
from ledenpanel.analysis.weighting import rake, weight_concentration
from tests.support.report_result import build_result


def _text(html: str) -> str:
    body = re.sub(r"<style>.*?</style>", " ", html, flags=re.DOTALL)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body)))


# -- intervals ------------------------------------------------------------------------


def test_an_amount_nobody_gave_below_zero_gets_no_interval_below_zero() -> None:
    # Euros: most give nothing, two give a lot. The t interval would reach −30.
    values = [0.0] * 25 + [500.0, 900.0]
    question = Question("bedrag", DECIMAL, "Hoeveel euro?")

    plain = summarise_question(question, values)
    weighted = summarise_question(question, values, unweighted(27, population_size=100))

    assert plain["ci_low"] == 0.0
    assert plain["nonnegative"] is True  # what the report's own clamp reads
    assert weighted["weighted_ci_low"] == 0.0
    assert plain["ci_high"] > plain["mean"] > 0
    # A number that can be negative keeps its interval.
    signed = summarise_question(question, [-1.0, *values])
    assert signed["ci_low"] < 0
    assert signed["nonnegative"] is False


def test_points_stay_within_zero_and_the_total() -> None:
    parts = (Choice("a", "A"), Choice("b", "B"))
    question = Question("punten", POINTS, "Verdeel", parts, points_total=10)
    values = [{"a": 0.0, "b": 10.0}] * 8 + [{"a": 10.0, "b": 0.0}]

    [a, b] = summarise_question(question, values)["options"]

    assert a["ci_low"] == 0.0
    assert b["ci_high"] == 10.0


# -- response -------------------------------------------------------------------------


def test_reached_is_given_only_when_bounces_are_known() -> None:
    unknown = Population(columns={}, count=[1000])
    known = Population(columns={}, count=[1000], noncontacts=0)

    assert response_rates(200, open_responses=0, population=unknown)["contact_rate"] is None
    assert response_rates(200, open_responses=0, population=known)["contact_rate"] == 1.0


def test_the_report_prints_no_reached_row_without_bounce_figures() -> None:
    result = build_result()
    assert "Bereikt" in _text(render_html(result))
    result["response"].update(noncontacts=None, contact_rate=None)
    assert "Bereikt" not in _text(render_html(result))
    assert "Reached" not in _text(render_html(result, lang="en"))


# -- representativeness ------------------------------------------------------------


def _population() -> tuple[dict, Population]:
    """Everyone invited: 10 % of group a responded, 20 % of group b."""
    background = {"group": ["a"] * 100 + ["b"] * 200}
    population = Population(columns={"group": ["a", "b"]}, count=[1000, 1000])
    return background, population


def test_response_rates_per_group_and_their_ratio_stand_beside_v() -> None:
    background, population = _population()

    [variable] = representativeness(background, population, variables=["group"], k=10)["variables"]

    # V is "small" (about 0.14) although b answered twice as often as a.
    assert variable["cramers_v"] == pytest.approx(0.1400, abs=1e-3)
    assert variable["response_ratio"] == {
        "lowest": {"name": "a", "response_rate": 0.1, "representation": 0.6667},
        "highest": {"name": "b", "response_rate": 0.2, "representation": 1.3333},
        "ratio": 2.0,
    }
    assert [c["representation"] for c in variable["categories"]] == [0.6667, 1.3333]


def test_the_report_shows_the_ratio_next_to_v() -> None:
    background, population = _population()
    result = build_result()
    result["representativeness"] = representativeness(
        background, population, variables=["group"], k=10
    )
    result["representativeness"]["r_indicator"] = None

    dutch = _text(render_html(result))
    english = _text(render_html(result, lang="en"))

    assert "Respons per groep van 10 % (a) tot 20 % (b): 2,0 keer zo hoog." in dutch
    assert "Response per group from 10% (a) to 20% (b): 2.0 times as high." in english
    assert "onder 0,1 is het klein" not in dutch


# -- extreme weights ------------------------------------------------------------------


def test_extreme_weights_are_a_warning_with_their_figures() -> None:
    # 2 % young respondents raked to 20 %: 20 respondents carry a fifth of the weight.
    rng = np.random.default_rng(3)
    age = rng.choice(["young", "old"], 1000, p=[0.02, 0.98]).tolist()

    design = rake({"age": age}, {"age": {"young": 2000, "old": 8000}}, population_size=10_000)

    [notice] = [n for n in design.weighting.notices if n["code"] == "extreme_weights"]
    assert notice["level"] == "warning"
    assert notice["params"]["respondents"] == 50
    assert notice["params"]["share_of_weight"] > 0.15
    assert notice["text"] in design.weighting.notes


def test_even_weights_give_no_extreme_weight_warning() -> None:
    age = ["young"] * 400 + ["old"] * 600
    design = rake({"age": age}, {"age": {"young": 4500, "old": 5500}}, population_size=10_000)

    assert [n["code"] for n in design.weighting.notices] == []
    # The 50 largest weights are young members' 4,500 / 400 = 11.25 each.
    assert weight_concentration(design.weights)["share_of_weight"] == pytest.approx(
        0.05625, abs=1e-4
    )
