"""One panel-wide band coding with at least k respondents in every combination."""

from __future__ import annotations

import random
import time
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from ledenpanel.analysis.bands import (
    AGE_ORDER,
    OTHER,
    TENURE_ORDER,
    UNKNOWN,
    Coding,
    choose_coding,
    combination_counts,
)

REGIONS = {"A1": "G1", "A2": "G1", "A3": "G1", "A4": "G1", "B1": "G2", "B2": "G2", "C1": "G3"}


def person(age="35-44", gender="V", branch="A1", tenure="5-9") -> dict[str, str]:
    return {
        "age": age,
        "gender": gender,
        "region": REGIONS.get(branch, "G9"),
        "branch": branch,
        "tenure": tenure,
    }


def random_people(n: int, seed: int, branches=tuple(REGIONS)) -> list[dict[str, str]]:
    rng = random.Random(seed)
    return [
        person(
            age=rng.choice([*AGE_ORDER, UNKNOWN]),
            gender=rng.choice("MMMMVVVVXO"),
            branch=rng.choice(branches),
            tenure=rng.choice([*TENURE_ORDER, UNKNOWN]),
        )
        for _ in range(n)
    ]


def smallest(coding: Coding, people) -> int:
    return min(combination_counts(coding.apply(p) for p in people).values())


def test_fewer_than_k_respondents_keep_no_bands():
    people = random_people(9, seed=1)

    coding = choose_coding(people, k=10)

    assert coding.variables == {}
    assert {tuple(coding.apply(p).items()) for p in people} == {()}


@settings(max_examples=25, deadline=None)
@given(n=st.integers(min_value=10, max_value=400), seed=st.integers(0, 10_000))
def test_every_combination_holds_at_least_k_respondents(n, seed):
    people = random_people(n, seed)

    coding = choose_coding(people, k=10)

    assert smallest(coding, people) >= 10
    assert coding.smallest >= 10


def test_a_large_even_panel_keeps_every_variable():
    rng = random.Random(3)
    people = [
        person(
            age=rng.choice(AGE_ORDER[:3]), gender=rng.choice("MV"), branch=rng.choice("AB") + "1"
        )
        for _ in range(2000)
    ]

    coding = choose_coding(people, k=10)

    assert set(coding.variables) == {"age", "gender", "region", "branch"}
    assert coding.variables["age"] == {value: value for value in AGE_ORDER[:3]}


def test_a_small_branch_is_folded_into_other_and_the_large_ones_keep_their_name():
    people = [person(branch="A1") for _ in range(40)] + [person(branch="A2") for _ in range(40)]
    people += [person(branch="A3") for _ in range(4)] + [person(branch="A4") for _ in range(12)]
    people += [person(branch="B1") for _ in range(30)]

    coding = choose_coding(people, k=10)

    # A3 alone would be a group of 4: the next smallest branch of its region joins it.
    assert coding.variables["branch"] == {
        "A1": "A1",
        "A2": "A2",
        "A3": OTHER,
        "A4": OTHER,
        "B1": "B1",
    }
    assert coding.variables["region"] == {"G1": "G1", "G2": "G2"}
    assert smallest(coding, people) >= 10


def test_a_small_age_band_merges_with_its_neighbour_only():
    people = [person(age="25-34") for _ in range(30)] + [person(age="35-44") for _ in range(3)]
    people += [person(age="45-54") for _ in range(30)]

    coding = choose_coding(people, k=10)

    assert coding.variables["age"]["35-44"] in {"25-44", "35-54"}
    assert coding.variables["age"]["25-34"] != coding.variables["age"]["45-54"]


def test_small_gender_categories_become_other():
    people = [person(gender="M") for _ in range(30)] + [person(gender="V") for _ in range(30)]
    people += [person(gender="X") for _ in range(6)] + [person(gender="O") for _ in range(5)]

    coding = choose_coding(people, k=10)

    assert coding.variables["gender"] == {"M": "M", "V": "V", "X": "anders", "O": "anders"}


def test_the_coding_is_the_same_for_every_response():
    people = random_people(300, seed=7)
    coding = choose_coding(people, k=10)
    twins = [person(), person()]

    assert coding.apply(twins[0]) == coding.apply(twins[1])
    assert Coding.from_dict(coding.to_dict()) == coding


def test_it_chooses_a_coding_for_a_national_panel_quickly():
    branches = tuple(f"B{i:02d}" for i in range(120))
    for index, branch in enumerate(branches):
        REGIONS.setdefault(branch, f"R{index % 12}")
    people = random_people(5000, seed=11, branches=branches)
    started = time.perf_counter()

    coding = choose_coding(people, k=10)

    assert time.perf_counter() - started < 10
    assert smallest(coding, people) >= 10
    assert Counter(coding.apply(p).get("region") for p in people)  # something is kept
