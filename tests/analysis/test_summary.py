"""The summary page's figures: the clearest outcomes and the margin of error."""

from __future__ import annotations

import math

import pytest

from ledenpanel.analysis.data import SELECT_ONE, Choice, Form, Question, Responses
from ledenpanel.analysis.design import unweighted
from ledenpanel.analysis.engine import analyse
from ledenpanel.analysis.groups import crosstabs
from ledenpanel.analysis.intervals import Z95, wilson
from ledenpanel.analysis.summary import MAX_OUTCOMES, main_outcomes, margin_of_error, summarise


def _statement(name: str, agree: float, disagree: float, *, effective_n: float = 500) -> dict:
    return {
        "name": name,
        "type": "select_one",
        "scale": "agree",
        "label": f"Stelling {name}",
        "effective_n": effective_n,
        "effective_n_opinion": effective_n,
        "agree": {"share": agree, "weighted_share": agree},
        "disagree": {"share": disagree, "weighted_share": disagree},
        "options": [],
    }


def _choice(name: str, shares: list[float], *, kind: str = "select_one") -> dict:
    return {
        "name": name,
        "type": kind,
        "scale": None,
        "label": f"Keuze {name}",
        "effective_n": 500,
        "options": [
            {"name": f"o{i}", "label": f"Optie {i}", "share": share}
            for i, share in enumerate(shares)
        ],
    }


def _rating(name: str, mean: float) -> dict:
    return {
        "name": name,
        "type": "select_one",
        "scale": "rating",
        "label": f"Cijfer {name}",
        "effective_n": 500,
        "mean": {"mean": mean, "weighted_mean": mean},
        "options": [],
    }


def test_the_clearest_answers_are_the_main_outcomes_in_questionnaire_order() -> None:
    questions = [
        _statement("a", 0.40, 0.38),  # gap 0.02: not among the five
        _statement("b", 0.80, 0.05),  # 0.75
        _choice("c", [0.30, 0.28, 0.42]),  # lead 0.12
        _statement("d", 0.10, 0.70),  # 0.60
        _choice("e", [0.60, 0.10, 0.30], kind="select_multiple"),  # 0.30
        _statement("f", 0.55, 0.30),  # 0.25
        _rating("g", 7.2),  # no clarity: only a filler
    ]

    outcomes = main_outcomes(questions)

    assert [o["params"]["question"] for o in outcomes] == ["b", "c", "d", "e", "f"]
    assert len(outcomes) == MAX_OUTCOMES
    assert outcomes[1]["params"]["option"] == "o2"  # the most chosen, not the first
    assert outcomes[0]["text"] == (
        "80 % van de leden met een mening is het eens met “Stelling b”, 5 % is het oneens."
    )


def test_ratings_fill_up_to_three_outcomes_and_weak_figures_never_count() -> None:
    questions = [
        _statement("a", 0.70, 0.10, effective_n=20),  # effective n under 30
        {**_statement("b", 0.70, 0.10), "unreliable": True},
        _choice("c", [0.5, 0.5]),
        _rating("d", 6.84),
        _rating("e", 7.5),
    ]

    outcomes = main_outcomes(questions)

    assert [o["params"]["question"] for o in outcomes] == ["c", "d", "e"]
    assert outcomes[1]["text"] == "“Cijfer d” kreeg gemiddeld een 6,8."


def test_the_margin_of_error_is_the_half_width_of_a_half_at_the_effective_n() -> None:
    plain = margin_of_error(n=1000, effective_n=1000, population_size=None)
    assert plain == pytest.approx(Z95 * math.sqrt(0.25 / 1000))  # 3.1 points
    # Weighting shrinks the effective n; a census of most members narrows it.
    assert margin_of_error(n=1000, effective_n=800, population_size=None) > plain
    corrected = margin_of_error(n=10_000, effective_n=10_000, population_size=42_000)
    assert corrected == pytest.approx(Z95 * 0.005 * math.sqrt(32_000 / 41_999))
    assert margin_of_error(n=0, effective_n=0, population_size=10) is None


def test_a_panel_below_k_has_no_summary_at_all() -> None:
    question = Question("q", SELECT_ONE, "Q", (Choice("ja", "Ja"), Choice("nee", "Nee")))
    responses = Responses(answers={"q": ["ja"] * 5})

    assert analyse(Form("t", (question,)), responses)["summary"] is None


def test_the_summary_of_an_analysis_uses_the_weighted_effective_n() -> None:
    result = {
        "n_responses": 900,
        "population_size": None,
        "weighting": {"effective_n": 600.0},
        "questions": [_statement("a", 0.7, 0.2)],
    }

    summary = summarise(result)

    assert summary["effective_n"] == 600.0
    assert summary["margin_of_error"] == round(Z95 * math.sqrt(0.25 / 600), 4)


def test_a_notable_difference_carries_each_shown_group_with_its_interval() -> None:
    question = Question("q", SELECT_ONE, "Q", (Choice("ja", "Ja"), Choice("nee", "Nee")))
    # Group a says ja 80 %, b 20 %, c 50 %; d and e (5 and 6) are merged into one group
    # that all said ja, so it is hidden (its figure would tell each member's answer),
    # and a with it (else the whole panel minus the shown groups would give it).
    groups = ["a"] * 50 + ["b"] * 50 + ["c"] * 50 + ["d"] * 5 + ["e"] * 6
    a, b, c = ["ja"] * 40 + ["nee"] * 10, ["ja"] * 10 + ["nee"] * 40, ["ja", "nee"] * 25
    answers = a + b + c + ["ja"] * 11
    responses = Responses(answers={"q": answers}, background={"x": groups})
    design = unweighted(len(groups), population_size=None)

    result = crosstabs(Form("t", (question,)), responses, by=["x"], design=design, k=10)

    (item,) = result["notable"]
    dots = {dot["group"]: dot for dot in item["dots"]}
    hidden = {row["group"] for row in result["tables"][0]["groups"] if row["suppressed"]}
    assert hidden
    assert not hidden & set(dots)
    assert set(dots) | hidden == {row["group"] for row in result["tables"][0]["groups"]}
    option = item["largest_difference"]["option"]
    share = 0.2 if option == "ja" else 0.8
    expected = wilson(share * 50, 50)  # unweighted: the effective n is the n
    assert dots["b"]["share"] == pytest.approx(share)
    assert dots["b"]["ci_low"] == pytest.approx(expected.low, abs=1e-4)
    assert dots["b"]["ci_high"] == pytest.approx(expected.high, abs=1e-4)
    assert all(dot["ci_low"] <= dot["share"] <= dot["ci_high"] for dot in dots.values())
