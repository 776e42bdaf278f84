"""Per-question figures for the whole panel (unweighted; weighted in test_engine)."""

from __future__ import annotations

import pytest

from ledenpanel.analysis.data import (
    DECIMAL,
    POINTS,
    RANK,
    SELECT_MULTIPLE,
    SELECT_ONE,
    TEXT,
    Choice,
    Question,
    Scale,
)
from ledenpanel.analysis.intervals import wilson
from ledenpanel.analysis.questions import summarise_question

AGREE = (
    Choice("oneens", "Oneens"),
    Choice("neutraal", "Neutraal"),
    Choice("eens", "Eens"),
    Choice("weet_niet", "Weet niet", dont_know=True),
)


def _options(summary: dict) -> dict[str, dict]:
    return {option["name"]: option for option in summary["options"]}


def test_shares_are_of_valid_answers_with_wilson_intervals() -> None:
    question = Question("q", SELECT_ONE, "Kleur?", (Choice("a", "A"), Choice("b", "B")))
    summary = summarise_question(question, ["a"] * 30 + ["b"] * 10 + [None] * 5)
    assert summary["n_valid"] == 40
    a = _options(summary)["a"]
    assert (a["count"], a["share"]) == (30, 0.75)
    interval = wilson(30, 40)
    assert (a["ci_low"], a["ci_high"]) == (round(interval.low, 4), round(interval.high, 4))
    assert "weighted_share" not in a


def test_dont_know_is_shown_as_an_option_but_left_out_of_mean_and_top_two() -> None:
    question = Question("s", SELECT_ONE, "Stelling", AGREE, Scale.AGREE)
    values = ["eens"] * 20 + ["neutraal"] * 10 + ["oneens"] * 10 + ["weet_niet"] * 20
    summary = summarise_question(question, values)
    assert _options(summary)["weet_niet"]["share"] == pytest.approx(20 / 60, abs=1e-4)
    assert summary["n_opinion"] == 40
    assert summary["mean"]["mean"] == pytest.approx((20 * 3 + 10 * 2 + 10 * 1) / 40)
    # A three-point scale has no second box: the middle is not agreement.
    assert summary["top2"]["share"] == pytest.approx(20 / 40)


def test_a_rating_scale_averages_the_numbers_themselves() -> None:
    choices = (*(Choice(str(n), str(n)) for n in range(11)), Choice("99", "Weet niet", True))
    question = Question("cijfer", SELECT_ONE, "Cijfer", choices, Scale.RATING)
    summary = summarise_question(question, ["7"] * 10 + ["9"] * 10 + ["99"] * 5)
    assert summary["mean"]["mean"] == pytest.approx(8.0)
    assert summary["top2"]["share"] == pytest.approx(0.5)  # 9 and 10


def test_multiple_choice_shares_are_of_respondents_who_answered() -> None:
    question = Question("m", SELECT_MULTIPLE, "Welke?", (Choice("x", "X"), Choice("y", "Y")))
    values = [frozenset({"x", "y"})] * 10 + [frozenset({"x"})] * 10 + [None] * 30
    options = _options(summarise_question(question, values))
    assert options["x"]["share"] == 1.0
    assert options["y"]["share"] == 0.5


def test_ranking_gives_mean_rank_and_share_ranked_first() -> None:
    question = Question(
        "r", RANK, "Volgorde", (Choice("a", "A"), Choice("b", "B"), Choice("c", "C"))
    )
    values = [("a", "b", "c")] * 6 + [("b", "a", "c")] * 4 + [None] * 3
    options = _options(summarise_question(question, values))
    assert options["a"]["mean_rank"] == pytest.approx(1.4)
    assert options["a"]["share_first"] == pytest.approx(0.6)
    assert options["c"]["mean_rank"] == 3.0
    assert options["c"]["share_first"] == 0.0


def test_points_division_gives_mean_points_per_part() -> None:
    question = Question(
        "p", POINTS, "Verdeel", (Choice("a", "A"), Choice("b", "B")), points_total=100
    )
    values = [{"a": 70.0, "b": 30.0}, {"a": 50.0, "b": 50.0}, {"a": 90.0, "b": 10.0}, None]
    summary = summarise_question(question, values)
    parts = _options(summary)
    assert parts["a"]["mean"] == pytest.approx(70.0)
    assert parts["a"]["ci_low"] < 70 < parts["a"]["ci_high"]
    assert summary["total"] == 100


def test_numbers_give_mean_interval_and_quartiles_but_no_extremes() -> None:
    question = Question("n", DECIMAL, "Uren")
    summary = summarise_question(question, [float(v) for v in range(1, 101)])
    assert summary["mean"] == pytest.approx(50.5)
    assert summary["median"] == pytest.approx(50.5)
    assert "min" not in summary
    assert "max" not in summary


def test_small_questions_are_marked_unreliable() -> None:
    question = Question("q", SELECT_ONE, "Kleur?", (Choice("a", "A"), Choice("b", "B")))
    small = summarise_question(question, ["a"] * 15 + ["b"] * 10)
    assert small["unreliable"] is True
    assert all(option["unreliable"] for option in small["options"])
    large = summarise_question(question, ["a"] * 150 + ["b"] * 100)
    assert large["unreliable"] is False
    assert not any(option["unreliable"] for option in large["options"])


def test_open_questions_count_their_answers() -> None:
    summary = summarise_question(Question("t", TEXT, "Iets?"), ["ja", None, "nee"])
    assert summary["n_valid"] == 2
