"""Crosstab building blocks: who is shown, effect sizes, false-discovery control."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats.contingency import association

from ledenpanel.analysis.groups import UNKNOWN, _shown_in_table, cramers_v, shown_groups


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
