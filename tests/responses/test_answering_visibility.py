"""Show-if conditions across pages, hidden answers, pages and progress."""

from __future__ import annotations

import pytest

from ledenpanel.kernel.questionnaire.schema import Operator, Question, Questionnaire, validate
from ledenpanel.responses.answering import (
    Answer,
    check_complete,
    drop_hidden,
    estimated_progress,
    pages,
    parse_page,
    visible_questions,
)
from tests.support.answering_forms import T, options, page, question, questionnaire, when

OP = Operator


def names(questions: list[Question]) -> list[str]:
    return [q.name for q in questions]


def source_and(target: Question, source: Question) -> Questionnaire:
    form = questionnaire(page(source, target))
    validate(form)
    return form


@pytest.mark.parametrize(
    ("operator", "value", "answer", "shown"),
    [
        (OP.EQUALS, "a", "a", True),
        (OP.EQUALS, "a", "b", False),
        (OP.EQUALS, "a", None, False),
        (OP.NOT_EQUALS, "a", "b", True),
        (OP.NOT_EQUALS, "a", "a", False),
        (OP.NOT_EQUALS, "a", None, True),
        (OP.ANSWERED, "", "b", True),
        (OP.ANSWERED, "", None, False),
        (OP.SELECTED, "a", "a", True),
        (OP.SELECTED, "a", "c", False),
    ],
)
def test_it_evaluates_conditions_on_a_single_choice(
    operator: Operator, value: str, answer: Answer, shown: bool
) -> None:
    source = question("s", T.SINGLE_CHOICE)
    target = question("t", T.SHORT_TEXT, show_if=when("s", operator, value))

    visible = visible_questions(source_and(target, source), {"s": answer})

    assert ("t" in names(visible)) is shown


@pytest.mark.parametrize(
    ("operator", "value", "answer", "shown"),
    [
        (OP.SELECTED, "b", ["a", "b"], True),
        (OP.SELECTED, "c", ["a", "b"], False),
        (OP.SELECTED, "c", None, False),
        (OP.EQUALS, "b", ["a", "b"], True),
        (OP.NOT_EQUALS, "b", ["a", "b"], False),
        (OP.ANSWERED, "", [], False),
    ],
)
def test_it_evaluates_conditions_on_a_multiple_choice(
    operator: Operator, value: str, answer: Answer, shown: bool
) -> None:
    source = question("s", T.MULTIPLE_CHOICE)
    target = question("t", T.SHORT_TEXT, show_if=when("s", operator, value))

    assert ("t" in names(visible_questions(source_and(target, source), {"s": answer}))) is shown


@pytest.mark.parametrize(
    ("kind", "operator", "value", "answer", "shown"),
    [
        (T.NUMBER, OP.GREATER_THAN, "10", 10.5, True),
        (T.NUMBER, OP.GREATER_THAN, "10", 10.0, False),
        (T.NUMBER, OP.LESS_THAN, "2,5", 2.0, True),
        (T.NUMBER, OP.LESS_THAN, "2,5", None, False),
        (T.RATING, OP.GREATER_THAN, "6", 7, True),
        (T.RATING, OP.LESS_THAN, "6", 7, False),
        (T.RATING, OP.LESS_THAN, "6", "weet_niet", False),
        (T.RATING, OP.EQUALS, "7", 7, True),
        (T.RATING, OP.NOT_EQUALS, "7", 7, False),
        (T.NUMBER, OP.GREATER_THAN, "veel", 7.0, False),
    ],
)
def test_it_compares_numbers_and_ratings(
    kind: T, operator: Operator, value: str, answer: Answer, shown: bool
) -> None:
    source = question("s", kind)
    target = question("t", T.SHORT_TEXT, show_if=when("s", operator, value))

    assert ("t" in names(visible_questions(source_and(target, source), {"s": answer}))) is shown


def test_it_compares_text_answers_exactly() -> None:
    source = question("s", T.SHORT_TEXT)
    target = question("t", T.SHORT_TEXT, show_if=when("s", OP.EQUALS, "ja"))
    form = source_and(target, source)

    assert "t" in names(visible_questions(form, {"s": "ja"}))
    assert "t" not in names(visible_questions(form, {"s": "Ja"}))


def test_it_requires_all_conditions_to_hold() -> None:
    a = question("a", T.SINGLE_CHOICE)
    n = question("n", T.NUMBER)
    t = question(
        "t", T.SHORT_TEXT, show_if=[*when("a", OP.EQUALS, "a"), *when("n", OP.GREATER_THAN, "5")]
    )
    form = questionnaire(page(a, n, t))

    assert "t" in names(visible_questions(form, {"a": "a", "n": 6.0}))
    assert "t" not in names(visible_questions(form, {"a": "a", "n": 4.0}))
    assert "t" not in names(visible_questions(form, {"a": "b", "n": 6.0}))


def chain() -> Questionnaire:
    """Page 1: lid? → page 2: hoe lang (if lid) → page 3: waarom (if hoe lang > 5)."""
    member = question("lid", T.SINGLE_CHOICE, options=options("ja", "nee"))
    years = question("jaren", T.NUMBER, show_if=when("lid", OP.EQUALS, "ja"))
    why = question("waarom", T.SHORT_TEXT, show_if=when("jaren", OP.GREATER_THAN, "5"))
    rest = question("rest", T.SHORT_TEXT, required=False)
    form = questionnaire(
        page(member, name="p1"), page(years, name="p2"), page(why, rest, name="p3")
    )
    validate(form)
    return form


def test_it_hides_a_chain_when_its_first_link_changes() -> None:
    form = chain()
    stale = {"lid": "nee", "jaren": 10.0, "waarom": "traditie"}

    assert names(visible_questions(form, stale)) == ["lid", "rest"]
    assert drop_hidden(form, stale) == {"lid": "nee"}


def test_it_follows_a_chain_page_by_page() -> None:
    form = chain()
    p1, p2, p3 = pages(form)

    first, errors = parse_page(p1, {"q_lid": ["ja"]}, earlier={})
    assert (first, errors) == ({"lid": "ja"}, [])
    second, errors = parse_page(p2, {"q_jaren": ["12"]}, earlier=first)
    assert (second, errors) == ({"jaren": 12.0}, [])
    draft = {**first, **second}
    _, errors = parse_page(p3, {}, earlier=draft)
    assert [e.question for e in errors] == ["waarom"]


def test_it_skips_and_drops_a_hidden_question_on_a_later_page() -> None:
    form = chain()
    p3 = pages(form)[2]

    answers, errors = parse_page(
        p3, {"q_waarom": ["x" * 10_000], "q_rest": ["ok"]}, earlier={"lid": "ja", "jaren": 2.0}
    )

    assert errors == []  # hidden: neither required nor checked for length
    assert answers == {"waarom": None, "rest": "ok"}


def test_it_forgets_answers_hidden_by_a_changed_earlier_answer() -> None:
    form = chain()
    p1 = pages(form)[0]
    draft: dict[str, Answer] = {"lid": "ja", "jaren": 12.0, "waarom": "traditie", "rest": "ok"}

    changed, errors = parse_page(p1, {"q_lid": ["nee"]}, earlier=draft)
    draft = drop_hidden(form, {**draft, **changed})

    assert errors == []
    assert draft == {"lid": "nee", "rest": "ok"}


def test_it_evaluates_conditions_within_a_page_in_order() -> None:
    member = question("lid", T.SINGLE_CHOICE, options=options("ja", "nee"))
    years = question("jaren", T.NUMBER, show_if=when("lid", OP.EQUALS, "ja"))
    section = page(member, years)

    answers, errors = parse_page(section, {"q_lid": ["nee"], "q_jaren": ["-4"]}, earlier={})
    assert (answers, errors) == ({"lid": "nee", "jaren": None}, [])

    answers, errors = parse_page(section, {"q_lid": ["ja"]}, earlier={})
    assert [e.field for e in errors] == ["q_jaren"]


def test_it_ignores_old_answers_to_this_page_when_deciding_what_shows() -> None:
    member = question("lid", T.SINGLE_CHOICE, required=False, options=options("ja", "nee"))
    years = question("jaren", T.NUMBER, show_if=when("lid", OP.EQUALS, "ja"))

    answers, errors = parse_page(page(member, years), {}, earlier={"lid": "ja", "jaren": 3.0})

    assert (answers, errors) == ({"lid": None, "jaren": None}, [])


def test_it_treats_an_invalid_answer_as_unanswered_for_conditions() -> None:
    n = question("n", T.NUMBER)
    t = question("t", T.SHORT_TEXT, show_if=when("n", OP.ANSWERED))

    _, errors = parse_page(page(n, t), {"q_n": ["veel"]}, earlier={})

    assert [e.question for e in errors] == ["n"]


def test_it_survives_odd_stored_answers_in_conditions() -> None:
    form = chain()
    odd: dict[str, object] = {"lid": 5, "jaren": "12", "waarom": {"x": 1}}

    assert names(visible_questions(form, odd)) == ["lid", "rest"]  # type: ignore[arg-type]


def test_it_finds_required_questions_never_answered_before_submitting() -> None:
    form = chain()

    errors = check_complete(form, {"lid": "ja", "jaren": 8.0, "waarom": ""})

    assert [(e.question, e.field, e.message_nl) for e in errors] == [
        ("waarom", "q_waarom", "Deze vraag is verplicht.")
    ]
    assert check_complete(form, {"lid": "nee"}) == []


def test_it_makes_one_page_per_section_skipping_empty_ones() -> None:
    form = questionnaire(
        page(question("a", T.INFO), name="intro"),
        page(name="leeg"),
        page(question("b", T.SHORT_TEXT), name="vragen"),
    )

    assert [section.name for section in pages(form)] == ["intro", "vragen"]
    assert estimated_progress(form, 0) == (1, 2)
    assert estimated_progress(form, 1) == (2, 2)


@pytest.mark.parametrize(("index", "expected"), [(-3, (1, 3)), (7, (3, 3))])
def test_it_clamps_the_page_number(index: int, expected: tuple[int, int]) -> None:
    assert estimated_progress(chain(), index) == expected


def test_it_counts_no_pages_for_an_empty_questionnaire() -> None:
    assert pages(questionnaire()) == []
    assert estimated_progress(questionnaire(), 0) == (0, 0)
