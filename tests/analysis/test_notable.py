""" "Notable" differences: Bergsma's bias-corrected V, a minimum expected count,
and no hidden group selecting a difference."""

from __future__ import annotations

import math

import pytest

from ledenpanel.analysis.data import SELECT_ONE, Choice, Form, Question, Responses
from ledenpanel.analysis.design import unweighted
from ledenpanel.analysis.groups import (
    MIN_EXPECTED,
    _notable,
    cramers_v_corrected,
    crosstabs,
    merge_for_expected,
)


def test_bergsmas_v_of_a_2x2_table_by_hand() -> None:
    # [[30, 10], [10, 30]]: n = 80, expected 20 everywhere, χ² = 4·10²/20 = 20,
    # φ² = 20/80 = 1/4; φ̃² = 1/4 − 1·1/79; k̃ = r̃ = 2 − 1/79, so min(k̃−1, r̃−1) = 78/79;
    # Ṽ² = (1/4 − 1/79)/(78/79) = (79/4 − 1)/78 = 18.75/78.
    assert cramers_v_corrected([[30, 10], [10, 30]]) == pytest.approx(math.sqrt(18.75 / 78))


def test_bergsmas_v_of_a_2x3_table_by_hand() -> None:
    # [[20, 10, 10], [10, 20, 10]]: n = 80; rows 40, 40; columns 30, 30, 20;
    # expected 15, 15, 10 in each row; χ² = 2·(25/15 + 25/15 + 0) = 20/3;
    # φ² = (20/3)/80 = 1/12; φ̃² = 1/12 − (3−1)(2−1)/79 = 55/948;
    # k̃ − 1 = 2 − 4/79, r̃ − 1 = 1 − 1/79 = 78/79 (the smaller);
    # Ṽ² = (55/948)/(78/79).
    expected = math.sqrt((55 / 948) / (78 / 79))
    assert cramers_v_corrected([[20, 10, 10], [10, 20, 10]]) == pytest.approx(expected)
    assert expected == pytest.approx(0.242406, abs=1e-6)


def test_bergsmas_v_is_zero_when_the_difference_is_smaller_than_chance_makes_it() -> None:
    # [[10, 20], [30, 40]]: φ² = 0.0079 < (1·1)/99 = 0.0101, so φ̃² = 0.
    assert cramers_v_corrected([[10, 20], [30, 40]]) == 0.0


def test_bergsmas_v_drops_empty_rows_and_columns_and_needs_two_of_each() -> None:
    assert cramers_v_corrected([[30, 0, 10], [0, 0, 0], [10, 0, 30]]) == pytest.approx(
        math.sqrt(18.75 / 78)
    )
    assert cramers_v_corrected([[30, 10]]) is None


def test_an_option_with_too_few_expected_answers_merges_with_its_smaller_neighbour() -> None:
    # Option 3 (5 answers) expects 40·5/83 = 2.4 in the first row: it merges with
    # option 2, its only neighbour with answers (option 4 has none and is left out).
    columns, smallest = merge_for_expected([[20, 18, 2, 0], [25, 15, 3, 0]])
    assert columns == [[0], [1, 2]]
    assert smallest == pytest.approx(40 * 38 / 83)


def test_a_table_of_small_groups_keeps_an_expected_count_under_the_minimum() -> None:
    columns, smallest = merge_for_expected([[9, 1], [2, 8]])
    assert len(columns) == 2
    assert smallest < MIN_EXPECTED


def _tested(question, v, p, min_expected):
    return {
        "question": question,
        "by": "x",
        "test": {
            "cramers_v": v,
            "p_adjusted": p,
            "min_expected": min_expected,
            "largest_difference": {},
        },
    }


def test_notable_needs_fdr_a_large_enough_v_and_enough_expected_answers() -> None:
    tables = [
        _tested("ok", 0.3, 0.001, 12.0),
        _tested("small cells", 0.5, 0.001, 3.0),
        _tested("tiny effect", 0.05, 0.001, 12.0),
        _tested("not significant", 0.4, 0.2, 12.0),
    ]
    assert [item["question"] for item in _notable(tables)] == ["ok"]


def test_a_group_hidden_for_its_unanimous_answers_never_selects_a_difference() -> None:
    question = Question("q", SELECT_ONE, "Q", (Choice("ja", "Ja"), Choice("nee", "Nee")))
    form = Form("t", (question,))
    groups = ["eens"] * 25 + ["a"] * 40 + ["b"] * 40 + ["c"] * 40
    # Group "eens": all 25 say ja (hidden, and "a" with it); b and c answer alike.
    answers = ["ja"] * 25 + ["ja", "nee"] * 20 + ["nee", "ja"] * 20 + ["ja", "nee"] * 20
    responses = Responses(answers={"q": answers}, background={"x": groups})
    design = unweighted(len(groups), population_size=None)

    result = crosstabs(form, responses, by=["x"], design=design, k=10)

    (table,) = result["tables"]
    hidden = {row["group"] for row in table["groups"] if row["suppressed"]}
    assert hidden == {"eens", "a"}
    assert table["test"]["largest_difference"]["group"] in {"b", "c"}
    assert table["test"]["cramers_v"] == 0.0  # b and c alike: "eens" plays no part
    assert result["notable"] == []
