"""The result of a check: one `Finding` per problem, with its rule's severity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]

# The issue fixes the severities of the named rules; our own extra rules are `info`.
SEVERITIES: dict[str, Severity] = {
    "double_barreled": "error",
    "negation": "error",
    "overlapping_ranges": "error",
    "unbalanced_scale": "error",
    "leading": "warning",
    "absolute": "warning",
    "jargon": "warning",
    "too_long": "warning",
    "no_neutral": "warning",
    "open_door": "warning",
    "too_many_questions": "warning",
    "too_long_to_answer": "warning",
    "too_many_open": "warning",
    "hypothetical": "info",
    "missing_rationale": "info",
    "missing_author": "info",
}

# Rules that look at one question (the builder shows them next to it).
QUESTION_RULES = (
    "double_barreled",
    "leading",
    "negation",
    "absolute",
    "jargon",
    "too_long",
    "unbalanced_scale",
    "no_neutral",
    "overlapping_ranges",
    "open_door",
    "hypothetical",
    "missing_rationale",
    "missing_author",
)
# Rules about the questionnaire as a whole (`question` is None).
QUESTIONNAIRE_RULES = ("too_many_questions", "too_long_to_answer", "too_many_open")


@dataclass(frozen=True)
class Finding:
    question: str | None  # the question's `name`; None for the whole questionnaire
    rule: str
    severity: Severity
    message: str
    suggestion: str

    def to_dict(self) -> dict[str, str | None]:
        return {
            "question": self.question,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "suggestion": self.suggestion,
        }
