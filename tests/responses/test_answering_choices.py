"""Single and multiple choice, agree scales, ratings and grids."""

from __future__ import annotations

import pytest

from ledenpanel.kernel.questionnaire.schema import Option
from tests.support.answering_forms import T, answer_one, messages, options, question

REQUIRED = "Deze vraag is verplicht."


def test_it_accepts_one_option_of_a_single_choice() -> None:
    assert answer_one(question("q", T.SINGLE_CHOICE), {"q_q": ["b"]}) == ("b", [])


def test_it_strips_whitespace_around_choice_values() -> None:
    assert answer_one(question("q", T.SINGLE_CHOICE), {"q_q": [" c "]}) == ("c", [])


def test_it_rejects_an_unknown_option() -> None:
    answer, errors = answer_one(question("q", T.SINGLE_CHOICE), {"q_q": ["z"]})

    assert answer is None
    assert messages(errors) == ["Kies een antwoord uit de lijst."]
    assert errors[0].message_en == "Choose an answer from the list."
    assert errors[0].field == "q_q"
    assert errors[0].question == "q"


def test_it_rejects_two_values_for_a_single_choice() -> None:
    _, errors = answer_one(question("q", T.SINGLE_CHOICE), {"q_q": ["a", "b"]})

    assert messages(errors) == ["Kies één antwoord."]


def test_it_accepts_the_same_value_sent_twice() -> None:
    assert answer_one(question("q", T.SINGLE_CHOICE), {"q_q": ["a", "a"]}) == ("a", [])


@pytest.mark.parametrize("data", [{}, {"q_q": []}, {"q_q": [""]}, {"q_q": ["  "]}])
def test_it_requires_an_answer_to_a_required_question(data: dict[str, list[str]]) -> None:
    answer, errors = answer_one(question("q", T.SINGLE_CHOICE), data)

    assert answer is None
    assert messages(errors) == [REQUIRED]
    assert errors[0].message_en == "This question is required."


def test_it_leaves_an_optional_question_empty() -> None:
    assert answer_one(question("q", T.SINGLE_CHOICE, required=False), {}) == (None, [])


def test_it_accepts_an_agree_scale_point_and_dont_know() -> None:
    q = question("q", T.AGREE_SCALE)

    assert answer_one(q, {"q_q": ["helemaal_eens"]}) == ("helemaal_eens", [])
    assert answer_one(q, {"q_q": ["weet_niet"]}) == ("weet_niet", [])
    assert messages(answer_one(q, {"q_q": ["6"]})[1]) == ["Kies een antwoord uit de lijst."]


@pytest.mark.parametrize(("raw", "expected"), [("0", 0), ("7", 7), ("10", 10), (" 3 ", 3)])
def test_it_reads_a_rating_as_a_whole_number(raw: str, expected: int) -> None:
    answer, errors = answer_one(question("r", T.RATING), {"q_r": [raw]})

    assert (answer, errors) == (expected, [])
    assert isinstance(answer, int)


@pytest.mark.parametrize("raw", ["11", "-1", "7.5", "1e1", "ten", "٣", "weet_niet"])
def test_it_rejects_a_rating_outside_0_to_10(raw: str) -> None:
    _, errors = answer_one(question("r", T.RATING), {"q_r": [raw]})

    assert messages(errors) == ["Kies een cijfer van 0 tot en met 10."]
    assert errors[0].message_en == "Choose a number from 0 to 10."


def test_it_accepts_dont_know_on_a_rating_that_offers_it() -> None:
    q = question("r", T.RATING, options=[Option("weet_niet", "Weet niet", dont_know=True)])

    assert answer_one(q, {"q_r": ["weet_niet"]}) == ("weet_niet", [])
    assert messages(answer_one(q, {"q_r": ["12"]})[1]) == [
        "Kies een cijfer van 0 tot en met 10 of ‘Weet niet’."
    ]


def test_it_keeps_multiple_choices_in_option_order() -> None:
    q = question("m", T.MULTIPLE_CHOICE)

    assert answer_one(q, {"q_m": ["c", "a", "c"]}) == (["a", "c"], [])


def test_it_rejects_an_unknown_option_among_multiple_choices() -> None:
    _, errors = answer_one(question("m", T.MULTIPLE_CHOICE), {"q_m": ["a", "hacked"]})

    assert messages(errors) == ["Kies alleen antwoorden uit de lijst."]


def test_it_refuses_dont_know_together_with_answers() -> None:
    q = question("m", T.MULTIPLE_CHOICE, options=options("a", "b", dont_know=True))

    _, errors = answer_one(q, {"q_m": ["a", "weet_niet"]})

    assert messages(errors) == ["Kies ‘Weet niet / geen mening’ of antwoorden, niet allebei."]
    assert errors[0].message_en == "Choose ‘Weet niet / geen mening’ or answers, not both."
    assert answer_one(q, {"q_m": ["weet_niet"]}) == (["weet_niet"], [])


def test_it_uses_the_english_option_label_in_english_messages() -> None:
    dont_know = Option("dk", "Weet niet", dont_know=True, translations={"en": "Don't know"})
    q = question("m", T.MULTIPLE_CHOICE, options=[*options("a", "b"), dont_know])

    _, errors = answer_one(q, {"q_m": ["a", "dk"]})

    assert errors[0].message_en == "Choose ‘Don't know’ or answers, not both."


def test_it_requires_at_least_one_choice_of_a_required_multiple_choice() -> None:
    assert messages(answer_one(question("m", T.MULTIPLE_CHOICE), {"q_m": [""]})[1]) == [REQUIRED]


def test_it_reads_a_grid_row_by_row() -> None:
    q = question("g", T.GRID)

    answer, errors = answer_one(q, {"q_g__s1": ["eens"], "q_g__s2": ["weet_niet"]})

    assert (answer, errors) == ({"s1": "eens", "s2": "weet_niet"}, [])


def test_it_names_the_open_rows_of_a_required_grid() -> None:
    q = question("g", T.GRID)

    _, errors = answer_one(q, {"q_g__s2": ["eens"]})

    assert messages(errors) == ["Beantwoord elke stelling; nog open: ‘Stelling één’."]
    assert errors[0].field == "q_g__s1"


def test_it_links_an_empty_required_grid_to_its_first_row() -> None:
    _, errors = answer_one(question("g", T.GRID), {})

    assert messages(errors) == [REQUIRED]
    assert errors[0].field == "q_g__s1"


def test_it_keeps_part_of_an_optional_grid() -> None:
    q = question("g", T.GRID, required=False)

    assert answer_one(q, {"q_g__s2": ["oneens"]}) == ({"s2": "oneens"}, [])


def test_it_rejects_an_unknown_grid_value_per_row() -> None:
    _, errors = answer_one(question("g", T.GRID), {"q_g__s1": ["eens"], "q_g__s2": ["99"]})

    assert messages(errors) == ["Kies bij ‘Stelling twee’ een antwoord uit de lijst."]
    assert errors[0].field == "q_g__s2"


def test_it_rejects_two_values_in_one_grid_row() -> None:
    _, errors = answer_one(question("g", T.GRID), {"q_g__s1": ["eens", "oneens"]})

    assert messages(errors) == ["Kies bij ‘Stelling één’ één antwoord."]


def test_it_ignores_grid_fields_for_unknown_statements() -> None:
    q = question("g", T.GRID)
    data = {"q_g__s1": ["eens"], "q_g__s2": ["eens"], "q_g__s3": ["oneens"], "q_g": ["x"]}

    assert answer_one(q, data) == ({"s1": "eens", "s2": "eens"}, [])
