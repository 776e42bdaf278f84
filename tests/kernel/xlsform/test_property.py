"""Property: any questionnaire the conventions can express survives export and import."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledenpanel.kernel.questionnaire.schema import (
    Author,
    Condition,
    Operator,
    Option,
    Question,
    Questionnaire,
    QuestionType,
    Section,
    Statement,
    agree_options,
    validate,
)
from ledenpanel.kernel.xlsform import read_xlsform, validate_with_pyxform, write_xlsform

LANGUAGES = ("en", "tr", "fy")
RANDOMIZABLE = {
    QuestionType.SINGLE_CHOICE,
    QuestionType.MULTIPLE_CHOICE,
    QuestionType.AGREE_SCALE,
    QuestionType.RATING,
    QuestionType.RANKING,
    QuestionType.GRID,
    QuestionType.POINTS,
}

texts = (
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
        min_size=1,
        max_size=25,
    )
    .map(str.strip)
    .filter(bool)
    # "${" starts a reference to a question in XLSForm text, which pyxform
    # checks; a title or label that holds one literally cannot be exported
    # (a known limit of the format, not something this test is about).
    .filter(lambda text: "${" not in text)
)
maybe_text = st.one_of(st.just(""), texts)
values = st.text(st.sampled_from("abcXYZ019 _-'é"), min_size=1, max_size=8)
numbers = st.one_of(st.integers(-50, 500).map(str), st.sampled_from(["2.5", "-0.5", "10.25"]))
bounds = st.one_of(st.none(), st.integers(-100, 1000), st.sampled_from([0.5, 2.25, -1.5]))


def translated(draw: st.DrawFn) -> dict[str, str]:
    return draw(st.dictionaries(st.sampled_from(LANGUAGES), texts, max_size=2))


@st.composite
def options(
    draw: st.DrawFn, count: tuple[int, int] = (2, 5), dont_know: bool = True
) -> list[Option]:
    size = draw(st.integers(*count))
    return [
        Option(
            f"o{index}",
            draw(texts),
            dont_know=dont_know and draw(st.booleans()),
            translations=translated(draw),
        )
        for index in range(size)
    ]


@st.composite
def conditions(draw: st.DrawFn, earlier: list[Question]) -> list[Condition]:
    if not earlier:
        return []
    found = []
    for _ in range(draw(st.integers(0, 2))):
        source = draw(st.sampled_from(earlier))
        operator = draw(st.sampled_from(list(Operator)))
        value = ""
        if operator in (Operator.GREATER_THAN, Operator.LESS_THAN):
            value = draw(numbers)
        elif operator != Operator.ANSWERED and source.options:
            # A condition on a choice names one of its answers (the schema checks it).
            value = draw(st.sampled_from([option.name for option in source.options]))
        elif operator != Operator.ANSWERED:
            value = draw(values)
        found.append(Condition(source.name, operator, value))
    return found


@st.composite
def questions(draw: st.DrawFn, name: str, earlier: list[Question]) -> Question:
    kind = draw(st.sampled_from(list(QuestionType)))
    question = Question(
        name=name,
        type=kind,
        label=draw(texts),
        hint=draw(maybe_text),
        required=True if kind == QuestionType.INFO else draw(st.booleans()),
        randomize=kind in RANDOMIZABLE and draw(st.booleans()),
        show_if=draw(conditions(earlier)),
        rationale=draw(maybe_text),
    )
    if draw(st.booleans()):
        question.author = Author(draw(texts), draw(maybe_text), draw(maybe_text))
    for language in draw(st.sets(st.sampled_from(LANGUAGES), max_size=2)):
        question.translations[language] = {"label": draw(texts)}
        if draw(st.booleans()):
            question.translations[language]["hint"] = draw(texts)
    if kind in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE, QuestionType.RANKING):
        question.options = draw(options())
    elif kind == QuestionType.AGREE_SCALE:
        question.options = agree_options(
            draw(st.sampled_from([5, 7])), dont_know=draw(st.booleans())
        )
    elif kind == QuestionType.RATING and draw(st.booleans()):
        question.options = [Option("weet_niet", draw(texts), dont_know=True)]
    elif kind == QuestionType.POINTS:
        question.options = draw(options(dont_know=False))
        question.points_total = draw(st.integers(1, 1000))
    elif kind == QuestionType.GRID:
        question.options = draw(options())
        question.statements = [
            Statement(f"{name}_s{index}", draw(texts), translated(draw))
            for index in range(draw(st.integers(1, 3)))
        ]
    elif kind == QuestionType.NUMBER:
        question.minimum, question.maximum = draw(bounds), draw(bounds)
    return question


@st.composite
def questionnaires(draw: st.DrawFn) -> Questionnaire:
    questionnaire = Questionnaire(title=draw(maybe_text), language="nl")
    earlier: list[Question] = []
    for section_index in range(draw(st.integers(0, 3))):
        section = Section(f"s{section_index}", draw(maybe_text), translations=translated(draw))
        for _ in range(draw(st.integers(0, 4))):
            question = draw(questions(f"q{len(earlier)}", list(earlier)))
            section.questions.append(question)
            earlier.append(question)
        questionnaire.sections.append(section)
    validate(questionnaire)
    return questionnaire


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(questionnaires())
def test_it_round_trips_generated_questionnaires(questionnaire: Questionnaire) -> None:
    result = read_xlsform(write_xlsform(questionnaire), "generated.xlsx")

    assert result.errors == []
    assert result.not_imported == []
    assert result.questionnaire == questionnaire


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(questionnaires())
def test_it_exports_generated_questionnaires_pyxform_converts(
    questionnaire: Questionnaire,
) -> None:
    assert validate_with_pyxform(write_xlsform(questionnaire)) == []
