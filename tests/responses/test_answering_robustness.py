"""Tampered forms never raise; valid answers survive a round trip through the form;
the module stays free of Django."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from ledenpanel.kernel.questionnaire.schema import Operator, Option, Question, validate
from ledenpanel.responses.answering import (
    Answer,
    check_complete,
    drop_hidden,
    parse_page,
    summary,
    visible_questions,
)
from ledenpanel.responses.answering.freeform import clean_text
from tests.support.answering_forms import T, options, page, question, questionnaire, when

QUESTIONS = [
    question("keuze", T.SINGLE_CHOICE),
    question("meer", T.MULTIPLE_CHOICE, options=options("a", "b", dont_know=True)),
    question("schaal", T.AGREE_SCALE, show_if=when("keuze", Operator.NOT_EQUALS, "c")),
    question("cijfer", T.RATING, options=[Option("weet_niet", "Weet niet", dont_know=True)]),
    question("rij", T.GRID, required=False),
    question("volgorde", T.RANKING, show_if=when("meer", Operator.SELECTED, "a")),
    question("punten", T.POINTS, points_total=10),
    question("getal", T.NUMBER, minimum=0, maximum=100, show_if=when("cijfer", Operator.ANSWERED)),
    question("kort", T.SHORT_TEXT, show_if=when("getal", Operator.GREATER_THAN, "50")),
    question("lang", T.LONG_TEXT, required=False),
    question("info", T.INFO),
]
SECTION = page(*QUESTIONS)
FORM = questionnaire(page(*QUESTIONS[:5], name="een"), page(*QUESTIONS[5:], name="twee"))
validate(FORM)


def fields(q: Question) -> list[str]:
    base = f"q_{q.name}"
    if q.type == T.GRID:
        return [f"{base}__{s.name}" for s in q.statements]
    if q.type in (T.RANKING, T.POINTS):
        return [f"{base}__{o.name}" for o in q.options]
    return [base]


FIELD_NAMES = [name for q in QUESTIONS for name in fields(q)]
ODD_TEXT = st.text(
    alphabet=st.characters(codec="utf-8") | st.sampled_from("0123456789,.-+e weet_niet\x00\r"),
    max_size=40,
)
PLAUSIBLE = st.sampled_from(
    ["", "a", "b", "c", "weet_niet", "eens", "0", "1", "5", "10", "11", "-1", "3,5", "1e400", "nan"]
)
VALUES = st.one_of(
    st.lists(PLAUSIBLE | ODD_TEXT, max_size=4),
    ODD_TEXT,  # a plain string where a list is expected
    st.none(),
    st.integers(),
    st.lists(st.none() | st.integers() | PLAUSIBLE, max_size=3),
)
DATA = st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=12), VALUES, max_size=20)
ANSWERS = st.dictionaries(
    st.sampled_from([q.name for q in QUESTIONS]) | st.text(max_size=5),
    st.none()
    | PLAUSIBLE
    | st.integers()
    | st.floats()
    | st.lists(PLAUSIBLE)
    | st.dictionaries(PLAUSIBLE, PLAUSIBLE | st.integers()),
    max_size=8,
)


def assert_well_formed(q: Question, answer: Answer) -> None:
    names = {o.name for o in q.options}
    match q.type:
        case T.SINGLE_CHOICE | T.AGREE_SCALE:
            assert answer in names
        case T.MULTIPLE_CHOICE:
            assert isinstance(answer, list)
            assert answer
            assert set(answer) <= names
        case T.RATING:
            assert answer in names or (type(answer) is int and 0 <= answer <= 10)
        case T.GRID:
            assert isinstance(answer, dict)
            assert set(answer.values()) <= names
        case T.RANKING:
            assert isinstance(answer, dict)
            assert sorted(answer.values()) == list(range(1, len(answer) + 1))
        case T.POINTS:
            assert isinstance(answer, dict)
            assert sum(answer.values()) == q.points_total
            assert min(answer.values()) >= 0
        case T.NUMBER:
            assert type(answer) is float
            assert 0 <= answer <= 100
        case T.SHORT_TEXT | T.LONG_TEXT:
            assert isinstance(answer, str)
            assert answer == answer.strip()
            assert "\x00" not in answer


@settings(max_examples=300)
@given(DATA, ANSWERS)
def test_it_never_raises_on_tampered_input(data: dict, earlier: dict) -> None:  # type: ignore[type-arg]
    answers, errors = parse_page(SECTION, data, earlier=earlier)

    assert set(answers) == {q.name for q in QUESTIONS if q.type != T.INFO}
    for q in QUESTIONS:
        if answers.get(q.name) is not None:
            assert_well_formed(q, answers[q.name])
    for error in errors:
        assert error.field in FIELD_NAMES
        assert error.message_nl
        assert error.message_en
        assert answers[error.question] is None


@given(ANSWERS)
def test_it_never_raises_on_odd_stored_answers(answers: dict) -> None:  # type: ignore[type-arg]
    visible_questions(FORM, answers)
    kept = drop_hidden(FORM, answers)
    check_complete(FORM, answers)
    rows = summary(FORM, answers)

    assert set(kept) <= {q.name for q in QUESTIONS}
    assert all(isinstance(label, str) and isinstance(text, str) for label, text in rows)


def test_it_reads_a_plain_string_and_ignores_values_of_the_wrong_shape() -> None:
    keuze = question("keuze", T.SINGLE_CHOICE)
    getal = question("getal", T.NUMBER, required=False)
    data = {"q_keuze": "b", "q_getal": 12, "q_onbekend": ["x"], "csrfmiddlewaretoken": ["t"]}

    answers, errors = parse_page(page(keuze, getal), data, earlier={})  # type: ignore[arg-type]

    assert (answers, errors) == ({"keuze": "b", "getal": None}, [])


def test_it_returns_the_valid_answers_of_a_page_with_errors() -> None:
    keuze = question("keuze", T.SINGLE_CHOICE)
    getal = question("getal", T.NUMBER)

    answers, errors = parse_page(
        page(keuze, getal), {"q_keuze": ["a"], "q_getal": ["veel"]}, earlier={}
    )

    assert answers == {"keuze": "a", "getal": None}
    assert [(e.question, e.field) for e in errors] == [("getal", "q_getal")]


def to_form(q: Question, answer: Answer) -> dict[str, list[str]]:
    """What a browser sends for this answer."""
    if isinstance(answer, dict):
        return {f"q_{q.name}__{key}": [str(value)] for key, value in answer.items()}
    if isinstance(answer, list):
        return {f"q_{q.name}": answer}
    if isinstance(answer, float):
        return {f"q_{q.name}": [str(answer).replace(".", ",")]}  # a Dutch decimal comma
    return {f"q_{q.name}": [str(answer)]}


@st.composite
def valid_answers(draw: st.DrawFn, q: Question) -> Answer:
    names = [o.name for o in q.options]
    match q.type:
        case T.SINGLE_CHOICE | T.AGREE_SCALE:
            return draw(st.sampled_from(names))
        case T.MULTIPLE_CHOICE:
            chosen = draw(st.sets(st.sampled_from(["a", "b"]), min_size=1))
            return draw(st.just(["weet_niet"])) if draw(st.booleans()) else sorted(chosen)
        case T.RATING:
            return draw(st.integers(0, 10) | st.just("weet_niet"))
        case T.GRID:
            return {s.name: draw(st.sampled_from(names)) for s in q.statements}
        case T.RANKING:
            order = draw(st.permutations(names))
            return {name: order.index(name) + 1 for name in names}
        case T.POINTS:
            a = draw(st.integers(0, 10))
            b = draw(st.integers(0, 10 - a))
            return {"a": a, "b": b, "c": 10 - a - b}
        case T.NUMBER:
            return draw(st.integers(0, 10_000).map(lambda n: n / 100))
        case _:
            return draw(st.text(min_size=1, max_size=300).filter(lambda t: bool(clean_text(t))))


@given(st.data())
def test_it_reads_back_every_valid_answer_from_its_form(data: st.DataObject) -> None:
    for q in QUESTIONS:
        if q.type == T.INFO:
            continue
        standalone = Question(**{**q.__dict__, "show_if": []})
        answer = data.draw(valid_answers(standalone))

        parsed, errors = parse_page(page(standalone), to_form(standalone, answer), earlier={})

        assert errors == []
        if isinstance(answer, str) and standalone.type in (T.SHORT_TEXT, T.LONG_TEXT):
            assert parsed[q.name] == clean_text(answer)
        else:
            assert parsed[q.name] == answer


def test_it_imports_no_django() -> None:
    code = (
        "import sys, ledenpanel.responses.answering; "
        "bad = [m for m in sys.modules if m.split('.')[0] == 'django']; "
        "sys.exit(f'django imported: {bad[:3]}' if bad else 0)"
    )

    subprocess.run([sys.executable, "-c", code], check=True)
