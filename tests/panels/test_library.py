"""The ready-made questionnaires are valid and follow the party's own guideline."""

from __future__ import annotations

import pytest

from ledenpanel.guideline import lint_questionnaire
from ledenpanel.kernel.questionnaire.schema import Questionnaire
from ledenpanel.panels.library import TEMPLATES


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.key)
def test_a_template_survives_storage(template):
    questionnaire = template.build()
    assert Questionnaire.from_dict(questionnaire.to_dict()) == questionnaire


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.key)
def test_a_template_passes_the_question_guideline(template):
    findings = lint_questionnaire(template.build())
    assert [(f.question, f.rule) for f in findings if f.severity != "info"] == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.key)
def test_every_template_question_says_why_it_is_asked(template):
    questions = [q for q in template.build().questions() if q.type != "info"]
    assert all(q.rationale and q.author for q in questions)
