"""Accuracy of the rules on the labelled question set (see `testset`)."""

from __future__ import annotations

import pytest

from tests.support.guideline.accuracy import score
from tests.support.guideline.testset import DESIGN_CASES, HELD_OUT_CASES, MEASURED_RULES


@pytest.mark.parametrize("rule", MEASURED_RULES)
def test_it_has_ten_flawed_and_ten_sound_cases_per_rule(rule: str) -> None:
    section = [case for case in DESIGN_CASES if case.rule == rule]
    assert sum(1 for case in section if rule in case.expect) >= 10
    assert sum(1 for case in section if rule not in case.expect) >= 10


@pytest.mark.parametrize("rule", MEASURED_RULES)
def test_it_reaches_the_target_per_rule_on_the_design_set(rule: str) -> None:
    scores, _ = score(DESIGN_CASES)
    assert scores[rule].precision >= 0.9
    assert scores[rule].recall >= 0.8


def test_it_generalises_to_the_held_out_set() -> None:
    # Held-out questions were never used to tune the rules: a looser, overall bar.
    scores, _ = score(HELD_OUT_CASES)
    true_positive = sum(s.true_positive for s in scores.values())
    false_positive = sum(s.false_positive for s in scores.values())
    false_negative = sum(s.false_negative for s in scores.values())
    assert true_positive / (true_positive + false_positive) >= 0.85
    assert true_positive / (true_positive + false_negative) >= 0.75
