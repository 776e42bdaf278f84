"""Precision and recall per rule over the labelled test set (see `testset`)."""

from __future__ import annotations

from dataclasses import dataclass

from ledenpanel.guideline import lint_question
from ledenpanel.kernel.questionnaire.schema import Questionnaire, Section
from tests.support.guideline.testset import MEASURED_RULES, Case


@dataclass
class Score:
    rule: str
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0


@dataclass(frozen=True)
class Miss:
    case: Case
    found: frozenset[str]


def fired(case: Case) -> frozenset[str]:
    question = case.question()
    questionnaire = Questionnaire(
        language=case.language, sections=[Section(name="s", questions=[question])]
    )
    findings = lint_question(question, questionnaire=questionnaire)
    return frozenset(f.rule for f in findings if f.rule in MEASURED_RULES)


def score(cases: list[Case]) -> tuple[dict[str, Score], list[Miss]]:
    scores = {rule: Score(rule) for rule in MEASURED_RULES}
    misses: list[Miss] = []
    for case in cases:
        found = fired(case)
        if found != case.expect:
            misses.append(Miss(case, found))
        for rule in MEASURED_RULES:
            if rule in found and rule in case.expect:
                scores[rule].true_positive += 1
            elif rule in found:
                scores[rule].false_positive += 1
            elif rule in case.expect:
                scores[rule].false_negative += 1
    return scores, misses
