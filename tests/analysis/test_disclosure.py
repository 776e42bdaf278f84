from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ledenpanel.analysis.disclosure import (
    distribution_is_disclosive,
    panel_has_results,
    suppress_siblings,
)


def _hidden(result):
    return {name for name, shown in result.items() if shown.suppressed}


def test_groups_under_k_are_hidden_and_large_ones_shown():
    result = suppress_siblings({"A": 30, "B": 25, "C": 4, "D": 12}, k=10)

    assert result["A"].count == 30
    assert not result["A"].suppressed
    assert result["C"].count is None
    assert result["C"].suppressed


def test_a_lone_hidden_group_takes_the_smallest_shown_one_with_it():
    result = suppress_siblings({"A": 30, "B": 25, "C": 4, "D": 12}, k=10)

    assert _hidden(result) == {"C", "D"}


def test_hidden_groups_together_reach_k_so_the_remainder_is_no_small_group():
    result = suppress_siblings({"A": 30, "B": 11, "C": 2, "D": 3, "E": 40}, k=10)

    assert _hidden(result) == {"B", "C", "D"}


def test_without_a_shown_total_only_small_groups_are_hidden():
    result = suppress_siblings({"A": 30, "C": 4}, k=10, total_shown=False)

    assert _hidden(result) == {"C"}


def test_nothing_is_hidden_when_every_group_is_large_enough():
    assert _hidden(suppress_siblings({"A": 10, "B": 11}, k=10)) == set()


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 40), min_size=1))
def test_no_hidden_group_can_be_recovered_from_the_total(counts):
    result = suppress_siblings(counts, k=10)
    hidden = _hidden(result)

    assert all(counts[name] >= 10 for name in counts if name not in hidden)
    if hidden and len(hidden) < len(counts):
        remainder = sum(counts[name] for name in hidden)
        assert len(hidden) >= 2
        assert remainder == 0 or remainder >= 10


def test_a_distribution_where_almost_everyone_gave_one_answer_is_disclosive():
    assert distribution_is_disclosive({"ja": 12, "nee": 0})
    assert distribution_is_disclosive({"ja": 12, "nee": 2})
    assert not distribution_is_disclosive({"ja": 12, "nee": 3})
    assert not distribution_is_disclosive({})


def test_a_panel_under_k_respondents_has_no_results():
    assert not panel_has_results(9)
    assert panel_has_results(10)
