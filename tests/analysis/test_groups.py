"""Crosstab building blocks: who is shown, effect sizes, false-discovery control."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats.contingency import association

from ledenpanel.analysis.design import unweighted
from ledenpanel.analysis.groups import (
    UNKNOWN,
    _answer_codes,
    _Coding,
    _counts,
    _shown_in_table,
    _weighted_shares,
    cramers_v,
    shown_groups,
)
from ledenpanel.analysis.weighting import rake


def test_a_small_group_and_one_more_are_hidden_so_the_total_gives_nothing_away() -> None:
    values = ["a"] * 40 + ["b"] * 30 + ["c"] * 6
    groups = shown_groups(values, k=10)
    assert groups["c"] == {"n": None, "suppressed": True}
    assert groups["b"] == {"n": None, "suppressed": True}  # secondary: smallest shown
    assert groups["a"] == {"n": 40, "suppressed": False}


def test_unknown_values_form_their_own_group_under_the_same_rules() -> None:
    values = ["a"] * 40 + ["b"] * 30 + [None] * 12
    groups = shown_groups(values, k=10)
    assert groups[UNKNOWN] == {"n": 12, "suppressed": False}
    assert all(not figures["suppressed"] for figures in groups.values())


def test_cramers_v_matches_scipy() -> None:
    table = np.array([[30, 10, 5], [12, 25, 9], [4, 6, 20]])
    assert cramers_v(table.tolist()) == pytest.approx(association(table, method="cramer"))


def test_cramers_v_ignores_empty_rows_and_columns() -> None:
    assert cramers_v([[10, 0, 5], [0, 0, 0], [3, 0, 12]]) == pytest.approx(
        association(np.array([[10, 5], [3, 12]]), method="cramer")
    )


def test_what_the_hidden_groups_answered_together_is_never_disclosive() -> None:
    """Whole-panel figures minus the shown groups give the hidden groups' answers."""
    counts = {
        "a": {"eens": 12, "oneens": 0},  # unanimous: hidden
        "b": {"eens": 11, "oneens": 1},  # nearly unanimous: hidden
        "c": {"eens": 20, "oneens": 1},  # a+b+c together: 43 eens, 2 oneens
        "d": {"eens": 30, "oneens": 30},
        "e": {"eens": 25, "oneens": 35},
    }
    sizes = {group: sum(row.values()) for group, row in counts.items()}
    shown = _shown_in_table(counts, sizes, k=10, also_hide={"a", "b"})
    hidden_answers = {"eens": 0, "oneens": 0}
    for group in set(counts) - shown:
        for option, count in counts[group].items():
            hidden_answers[option] += count
    assert min(hidden_answers.values()) >= 3
    assert shown == {"e"}  # c, then d, had to go before the rest stopped telling


def _panel_answers(seed: int, n: int = 400) -> tuple[list[str], list[str | None], list[str]]:
    rng = np.random.default_rng(seed)
    groups = [str(g) for g in rng.choice(["noord", "oost", "zuid", "west"], n)]
    names = ["eens", "neutraal", "oneens", "weet_niet"]
    answers = [None if rng.random() < 0.1 else str(a) for a in rng.choice(names, n)]
    return groups, answers, names


def test_the_counts_per_group_are_those_of_the_answers() -> None:
    """Coded counting gives every group (also one without answers) and every option."""
    groups, answers, names = _panel_answers(1)
    groups[:5] = ["leeg"] * 5
    answers[:5] = [None] * 5
    counts = _counts(_Coding.of(groups), _answer_codes(answers, names), names)
    assert list(counts) == list(dict.fromkeys(groups))  # first appearance, as before
    assert counts["leeg"] == dict.fromkeys(names, 0)
    for group, row in counts.items():
        mine = [a for g, a in zip(groups, answers, strict=True) if g == group]
        assert row == {name: mine.count(name) for name in names}


def test_an_answer_that_is_no_option_is_an_error() -> None:
    with pytest.raises(KeyError):
        _answer_codes(["eens", "misschien"], ["eens", "oneens"])


@pytest.mark.parametrize("weighted", [False, True])
def test_the_weighted_shares_per_group_are_the_designs(weighted: bool) -> None:
    """The crosstab cells' one-pass shares equal ``Design.shares_by``, hidden groups left out."""
    groups, answers, names = _panel_answers(2)
    n = len(groups)
    if weighted:
        design = rake(
            {"region": groups},
            {"region": {"noord": 900, "oost": 500, "zuid": 400, "west": 200}},
            population_size=2000,
        )
    else:
        design = unweighted(n, population_size=2000)
    shown = {"noord", "zuid", "west"}
    mine = _weighted_shares(
        design.weights, _Coding.of(groups), _answer_codes(answers, names), names, shown=shown
    )
    theirs = design.shares_by(answers, [g if g in shown else None for g in groups], options=names)
    assert mine.keys() == theirs.keys() == shown
    for group in shown:
        assert mine[group] == pytest.approx(theirs[group], rel=1e-12, abs=1e-15)
