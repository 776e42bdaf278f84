"""The question guideline, checked (../shared/QUESTION-GUIDELINE.md).

Pure Python: no Django import, so the same checks run live in the builder,
from the command line (`ledenpanel lint FORM.xlsx`) and in benchmarks.

    from ledenpanel.guideline import lint_question, lint_questionnaire

    for finding in lint_questionnaire(questionnaire, lang="en"):
        print(finding.to_dict())
"""

from ledenpanel.guideline.findings import (
    QUESTION_RULES,
    QUESTIONNAIRE_RULES,
    SEVERITIES,
    Finding,
    Severity,
)
from ledenpanel.guideline.lint import lint_question, lint_questionnaire

__all__ = [
    "QUESTIONNAIRE_RULES",
    "QUESTION_RULES",
    "SEVERITIES",
    "Finding",
    "Severity",
    "lint_question",
    "lint_questionnaire",
]
