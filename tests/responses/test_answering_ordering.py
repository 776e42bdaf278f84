"""Ranking and points."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledenpanel.kernel.questionnaire.schema import Question
from tests.support.answering_forms import T, answer_one, messages, options, question

NAMES = ["a", "b", "c", "d", "e"]


def ranking(*, required: bool = True, dont_know: bool = False) -> Question:
    return question("r", T.RANKING, required=required, options=options(*NAMES, dont_know=dont_know))


def rank(**positions: str) -> dict[str, list[str]]:
    return {f"q_r__{name}": [position] for name, position in positions.items()}


def test_it_reads_a_full_ranking() -> None:
    answer, errors = answer_one(ranking(), rank(a="3", b="1", c="5", d="2", e="4"))

    assert (answer, errors) == ({"a": 3, "b": 1, "c": 5, "d": 2, "e": 4}, [])


def test_it_accepts_a_partial_ranking_of_an_optional_question() -> None:
    assert answer_one(ranking(required=False), rank(c="1", a="2")) == ({"a": 2, "c": 1}, [])


def test_it_asks_for_every_option_when_a_ranking_is_required() -> None:
    _, errors = answer_one(ranking(), rank(a="1", b="2", c="3"))

    assert messages(errors) == ["Geef elke optie een plaats; nog zonder plaats: ‘D’ en ‘E’."]
    assert errors[0].message_en == "Give every option a position; not yet placed: ‘D’ and ‘E’."
    assert errors[0].field == "q_r__d"


def test_it_does_not_ask_to_rank_dont_know() -> None:
    q = ranking(dont_know=True)

    answer, errors = answer_one(q, rank(a="1", b="2", c="3", d="4", e="5"))

    assert errors == []
    assert answer == {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}


def test_it_names_duplicate_positions_and_their_options() -> None:
    _, errors = answer_one(ranking(), rank(a="1", b="2", c="2", d="4", e="2"))

    assert messages(errors) == [
        "Plaats 2 is 3 keer gegeven: aan ‘B’, ‘C’ en ‘E’. Geef elke plaats één keer."
    ]
    assert errors[0].message_en == (
        "Position 2 was given 3 times: to ‘B’, ‘C’ and ‘E’. Give each position once."
    )
    assert errors[0].field == "q_r__b"


def test_it_gives_one_error_per_duplicated_position() -> None:
    _, errors = answer_one(ranking(), rank(a="1", b="1", c="3", d="3", e="5"))

    assert [e.message_nl[:8] for e in errors] == ["Plaats 1", "Plaats 3"]


def test_it_reports_gaps_in_a_partial_ranking() -> None:
    _, errors = answer_one(ranking(required=False), rank(a="1", b="4"))

    assert messages(errors) == [
        "U hebt 2 opties een plaats gegeven; gebruik daarvoor de plaatsen 1 tot en met 2 "
        "(plaats 2 ontbreekt)."
    ]
    assert errors[0].field == "q_r__b"


def test_it_words_a_single_misplaced_option() -> None:
    _, errors = answer_one(ranking(required=False), rank(c="3"))

    assert messages(errors) == ["U hebt één optie een plaats gegeven; geef die plaats 1."]
    assert errors[0].message_en == "You ranked one option; give it position 1."


def test_it_reports_several_gaps() -> None:
    _, errors = answer_one(ranking(required=False), rank(a="3", b="4", c="5"))

    assert "(plaatsen 1 en 2 ontbreken)" in errors[0].message_nl
    assert "(positions 1 and 2 are missing)" in errors[0].message_en


@pytest.mark.parametrize("raw", ["0", "6", "-1", "1.5", "een", "99999999999"])
def test_it_rejects_positions_outside_1_to_n(raw: str) -> None:
    _, errors = answer_one(ranking(), rank(a=raw))

    assert messages(errors) == ["Geef ‘A’ een plaats van 1 tot en met 5."]
    assert errors[0].field == "q_r__a"


@given(st.permutations(NAMES), st.integers(min_value=1, max_value=len(NAMES)))
def test_it_accepts_every_ranking_of_1_to_k(order: list[str], count: int) -> None:
    chosen = order[:count]
    data = {f"q_r__{name}": [str(index + 1)] for index, name in enumerate(chosen)}

    answer, errors = answer_one(ranking(required=count == len(NAMES)), data)

    assert errors == []
    assert answer == {name: chosen.index(name) + 1 for name in NAMES if name in chosen}


@given(st.lists(st.integers(min_value=1, max_value=5), min_size=5, max_size=5))
def test_it_accepts_a_full_ranking_only_if_it_is_a_permutation(positions: list[int]) -> None:
    data = {f"q_r__{name}": [str(p)] for name, p in zip(NAMES, positions, strict=True)}

    answer, errors = answer_one(ranking(), data)

    if sorted(positions) == [1, 2, 3, 4, 5]:
        assert errors == []
    else:
        assert answer is None
        assert errors
        assert all("keer gegeven" in e.message_nl for e in errors)


def points(total: int = 100, *, required: bool = True) -> Question:
    return question(
        "p", T.POINTS, points_total=total, required=required, options=options("a", "b", "c")
    )


def test_it_reads_points_and_fills_blank_options_with_zero() -> None:
    answer, errors = answer_one(points(), {"q_p__a": ["60"], "q_p__b": ["40"], "q_p__c": [""]})

    assert (answer, errors) == ({"a": 60, "b": 40, "c": 0}, [])


def test_it_says_how_many_points_are_missing() -> None:
    _, errors = answer_one(points(), {"q_p__a": ["50"], "q_p__b": ["40"]})

    assert messages(errors) == [
        "Verdeel precies 100 punten; u hebt er nu 90 verdeeld (10 te weinig)."
    ]
    assert errors[0].message_en == (
        "Divide exactly 100 points; you have now divided 90 (10 too few)."
    )
    assert errors[0].field == "q_p__a"


def test_it_says_how_many_points_are_too_many() -> None:
    _, errors = answer_one(points(10), {"q_p__a": ["8"], "q_p__b": ["8"]})

    assert messages(errors) == ["Verdeel precies 10 punten; u hebt er nu 16 verdeeld (6 te veel)."]


@pytest.mark.parametrize("raw", ["-5", "12.5", "veel", "1e99", "nan"])
def test_it_rejects_points_that_are_not_whole_numbers_of_0_or_more(raw: str) -> None:
    _, errors = answer_one(points(), {"q_p__a": [raw], "q_p__b": ["100"]})

    assert messages(errors) == ["Vul bij ‘A’ een heel getal van 0 of meer in."]
    assert errors[0].field == "q_p__a"


def test_it_accepts_a_whole_number_written_with_a_decimal_comma() -> None:
    assert answer_one(points(), {"q_p__a": ["100,0"]}) == ({"a": 100, "b": 0, "c": 0}, [])


def test_it_leaves_optional_points_empty_when_nothing_is_filled_in() -> None:
    assert answer_one(points(required=False), {"q_p__a": [""]}) == (None, [])
    assert answer_one(points(required=False), {"q_p__a": ["0"], "q_p__b": ["0"]}) == (None, [])
    assert (
        "u hebt er nu 0 verdeeld (100 te weinig)"
        in messages(answer_one(points(), {"q_p__a": ["0"]})[1])[0]
    )
    assert messages(answer_one(points(), {})[1]) == ["Deze vraag is verplicht."]


@given(
    st.integers(min_value=1, max_value=1000).flatmap(
        lambda total: st.tuples(
            st.just(total),
            st.lists(st.integers(min_value=0, max_value=total), min_size=2, max_size=2),
        )
    )
)
def test_it_accepts_every_split_that_adds_up(case: tuple[int, list[int]]) -> None:
    total, cuts = case
    low, high = sorted(cuts)
    shares = {"a": low, "b": high - low, "c": total - high}
    data = {f"q_p__{name}": [str(value)] for name, value in shares.items()}

    assert answer_one(points(total), data) == (shares, [])


@given(
    st.integers(min_value=1, max_value=1000),
    st.lists(st.integers(min_value=0, max_value=2000), min_size=3, max_size=3),
)
def test_it_rejects_every_sum_but_the_total(total: int, values: list[int]) -> None:
    data = {f"q_p__{name}": [str(v)] for name, v in zip("abc", values, strict=True)}

    answer, errors = answer_one(points(total), data)

    if sum(values) == total:
        assert errors == []
    else:
        assert answer is None
        [error] = errors
        assert f"u hebt er nu {sum(values)} verdeeld ({abs(total - sum(values))} te " in (
            error.message_nl
        )
