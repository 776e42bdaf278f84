"""Questionnaire-level rules: length, answering time, open questions."""

from __future__ import annotations

from ledenpanel.guideline import lint_questionnaire
from ledenpanel.guideline.questionnaire import estimated_seconds, question_seconds
from ledenpanel.kernel.questionnaire.schema import Question, QuestionType
from tests.support.guideline.helpers import form, question


def _questionnaire_rules(*questions: Question) -> dict[str, str]:
    findings = lint_questionnaire(form(*questions))
    return {f.rule: f.message for f in findings if f.question is None}


def _closed(count: int) -> list[Question]:
    return [question("De gemeente moet meer woningen bouwen.", name=f"q{i}") for i in range(count)]


def test_it_allows_twenty_five_questions_and_warns_at_twenty_six() -> None:
    assert "too_many_questions" not in _questionnaire_rules(*_closed(25))
    found = _questionnaire_rules(*_closed(26))
    assert "26 vragen" in found["too_many_questions"]


def test_it_does_not_count_information_texts() -> None:
    infos = [Question(name=f"i{i}", type=QuestionType.INFO, label="Uitleg.") for i in range(5)]
    assert "too_many_questions" not in _questionnaire_rules(*_closed(25), *infos)


def test_it_warns_about_more_than_three_open_questions() -> None:
    open_questions = [
        question("Wat wilt u de fractie meegeven?", QuestionType.LONG_TEXT, [], name=f"o{i}")
        for i in range(4)
    ]
    assert "too_many_open" not in _questionnaire_rules(*open_questions[:3])
    assert "4 open vragen" in _questionnaire_rules(*open_questions)["too_many_open"]


def test_it_estimates_time_from_the_documented_table() -> None:
    grid = question(
        "Stellingen",
        QuestionType.GRID,
        statements=["De fractie is zichtbaar.", "De afdeling is actief.", "Leden doen mee."],
    )
    assert question_seconds(grid) == 8 + 3 * 7
    assert question_seconds(question("Uw mening?", QuestionType.LONG_TEXT, [])) == 90
    assert question_seconds(question("Stelling.")) == 10


def test_it_warns_when_answering_takes_over_ten_minutes() -> None:
    # 6 long open answers = 9 minutes; a 20-statement grid adds 2.5 minutes.
    open_questions = [
        question("Wat wilt u kwijt?", QuestionType.LONG_TEXT, [], name=f"o{i}") for i in range(6)
    ]
    assert "too_long_to_answer" not in _questionnaire_rules(*open_questions)
    grid = question(
        "Stellingen",
        QuestionType.GRID,
        name="g",
        statements=[f"De afdeling moet onderwerp {i} bespreken." for i in range(20)],
    )
    questionnaire = form(*open_questions, grid)
    assert estimated_seconds(questionnaire) > 600
    found = _questionnaire_rules(*open_questions, grid)
    assert "12 minuten" in found["too_long_to_answer"]


def test_it_lists_question_findings_in_form_order_then_the_questionnaire() -> None:
    questions = [
        question("De ALV moet vaker.", name="eerste"),
        question("Goed onderwijs is belangrijk.", name="tweede"),
        *_closed(25),
    ]
    findings = lint_questionnaire(form(*questions), lang="en")
    names = [f.question for f in findings]
    assert names.index("eerste") < names.index("tweede") < names.index(None)
    assert findings[-1].message.startswith("The questionnaire has 27 questions")
