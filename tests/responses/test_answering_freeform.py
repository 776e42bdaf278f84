"""Numbers, text and info texts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledenpanel.responses.answering import parse_page
from tests.support.answering_forms import T, answer_one, messages, page, question


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12", 12.0), ("3,5", 3.5), ("3.5", 3.5), (" -2 ", -2.0), (",5", 0.5), ("1e3", 1000.0)],
)
def test_it_reads_numbers_with_a_dutch_or_english_decimal_mark(raw: str, expected: float) -> None:
    answer, errors = answer_one(question("n", T.NUMBER), {"q_n": [raw]})

    assert (answer, errors) == (expected, [])
    assert isinstance(answer, float)


@pytest.mark.parametrize(
    "raw", ["twaalf", "1.000,5", "3,5,1", "nan", "inf", "1e999", "0x10", "1_000"]
)
def test_it_rejects_what_is_not_a_number(raw: str) -> None:
    _, errors = answer_one(question("n", T.NUMBER), {"q_n": [raw]})

    assert messages(errors) == ["Vul een getal in, bijvoorbeeld 12 of 3,5."]
    assert errors[0].message_en == "Enter a number, for example 12 or 3.5."


def test_it_keeps_numbers_within_the_minimum_and_maximum() -> None:
    q = question("n", T.NUMBER, minimum=0.5, maximum=1500)

    assert answer_one(q, {"q_n": ["0,5"]}) == (0.5, [])
    assert answer_one(q, {"q_n": ["1500"]}) == (1500.0, [])
    _, errors = answer_one(q, {"q_n": ["1500,1"]})
    assert messages(errors) == ["Vul een getal in van 0,5 tot en met 1.500."]
    assert errors[0].message_en == "Enter a number from 0.5 to 1,500."


def test_it_words_a_one_sided_range() -> None:
    low = question("n", T.NUMBER, minimum=16)
    high = question("n", T.NUMBER, maximum=120)

    assert messages(answer_one(low, {"q_n": ["15"]})[1]) == ["Vul een getal in van 16 of meer."]
    assert messages(answer_one(high, {"q_n": ["121"]})[1]) == [
        "Vul een getal in van hoogstens 120."
    ]


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda x: round(x, 3)))
def test_it_reads_back_a_number_written_with_a_comma(value: float) -> None:
    raw = f"{value:.3f}".replace(".", ",")

    assert answer_one(question("n", T.NUMBER), {"q_n": [raw]}) == (pytest.approx(value), [])


def test_it_strips_and_normalises_text() -> None:
    q = question("t", T.LONG_TEXT)

    answer, errors = answer_one(q, {"q_t": ["  Meer groen\r\nin de wijk\x00 \t"]})

    assert (answer, errors) == ("Meer groen\nin de wijk", [])


def test_it_treats_whitespace_only_text_as_empty() -> None:
    assert messages(answer_one(question("t", T.SHORT_TEXT), {"q_t": [" \n "]})[1]) == [
        "Deze vraag is verplicht."
    ]


@pytest.mark.parametrize(("kind", "limit"), [(T.SHORT_TEXT, 300), (T.LONG_TEXT, 2000)])
def test_it_limits_text_length(kind: T, limit: int) -> None:
    q = question("t", kind)

    assert answer_one(q, {"q_t": ["x" * limit]}) == ("x" * limit, [])
    assert answer_one(q, {"q_t": ["  " + "x" * limit + "  "]})[1] == []
    _, errors = answer_one(q, {"q_t": ["x" * (limit + 7)]})
    [error] = errors
    assert error.message_nl.endswith("(7 te veel).")
    assert error.field == "q_t"


def test_it_says_how_long_a_text_is_and_may_be() -> None:
    _, errors = answer_one(question("t", T.LONG_TEXT), {"q_t": ["x" * 2123]})

    assert messages(errors) == [
        "Uw antwoord is 2.123 tekens lang; het mag hoogstens 2.000 tekens zijn (123 te veel)."
    ]
    assert errors[0].message_en == (
        "Your answer is 2,123 characters long; it may be at most 2,000 characters (123 too many)."
    )


def test_it_rejects_two_different_texts_for_one_field() -> None:
    assert messages(answer_one(question("t", T.SHORT_TEXT), {"q_t": ["a", "b"]})[1]) == [
        "Vul één antwoord in."
    ]


def test_it_gives_info_texts_no_answer() -> None:
    info = question("i", T.INFO, label="Welkom")
    text = question("t", T.SHORT_TEXT, required=False)

    answers, errors = parse_page(page(info, text), {"q_i": ["x"]}, earlier={})

    assert (answers, errors) == ({"t": None}, [])
