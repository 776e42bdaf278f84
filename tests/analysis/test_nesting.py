"""Crosstab variables coded together, and hidden groups that stay hidden."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ledenpanel.analysis.bands import AGE_ORDER, TENURE_ORDER, choose_coding
from ledenpanel.analysis.nesting import OTHER, UNKNOWN, code_jointly, nested_in, recoverable


def _combinations(coding, background, variables) -> Counter:
    coded = {v: coding.apply(v, background[v]) for v in variables if coding.variables[v]}
    return Counter(zip(*coded.values(), strict=True)) if coded else Counter()


@settings(max_examples=80, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 30), min_size=2, max_size=10),
    seed=st.integers(0, 10_000),
    k=st.sampled_from([5, 10]),
)
def test_every_combination_of_the_coded_variables_holds_at_least_k(sizes, seed, k) -> None:
    rng = random.Random(seed)
    wijk = [f"w{w}" for w, size in enumerate(sizes) for _ in range(size)]
    background = {
        "wijk": wijk,
        "gebied": [f"g{int(w[1:]) % 3}" for w in wijk],
        "leeftijd": [rng.choice(["16-34", "35-54", "55+", None]) for _ in wijk],
        "geslacht": [rng.choice("MVVX") for _ in wijk],
    }
    variables = list(background)

    coding = code_jointly(background, variables, k=k)

    counts = _combinations(coding, background, variables)
    if len(wijk) >= k:
        assert min(counts.values(), default=k) >= k
        assert coding.smallest >= k or not counts


def test_a_small_neighbourhood_goes_to_overig_and_ordered_bands_merge_with_a_neighbour() -> None:
    background = {
        "wijk": ["a"] * 40 + ["b"] * 30 + ["c"] * 4 + ["d"] * 8,
        "leeftijd": ["16-34"] * 3 + ["35-54"] * 40 + ["55-74"] * 30 + ["75+"] * 9,
    }
    wijk = code_jointly(background, ["wijk"], k=10)
    leeftijd = code_jointly(background, ["leeftijd"], k=10)

    # c (4) is too small; "overig" with c alone would be too, so d (8) joins.
    assert wijk.variables["wijk"] == {"a": "a", "b": "b", "c": OTHER, "d": OTHER}
    assert leeftijd.variables["leeftijd"] == {
        "16-34": "16-54",
        "35-54": "16-54",
        "55-74": "55+",
        "75+": "55+",
    }
    assert wijk.merged == {"wijk": 2}
    assert leeftijd.merged == {"leeftijd": 4}


def test_plain_numbers_are_codes_not_bands() -> None:
    background = {"regio": ["1"] * 30 + ["2"] * 30 + ["3"] * 5 + ["4"] * 6}
    coding = code_jointly(background, ["regio"], k=10)
    assert coding.variables["regio"] == {"1": "1", "2": "2", "3": OTHER, "4": OTHER}


def test_the_apps_bands_coded_at_close_are_left_as_they_are() -> None:
    """The closing already guarantees k per combination: the engine changes nothing."""
    rng = random.Random(3)
    regions = {"A1": "G1", "A2": "G1", "B1": "G2", "B2": "G2", "C1": "G3"}
    people = []
    for _ in range(600):
        branch = rng.choice(list(regions))
        people.append(
            {
                "age": rng.choice(AGE_ORDER),
                "gender": rng.choice("MMVVX"),
                "region": regions[branch],
                "branch": branch,
                "tenure": rng.choice(TENURE_ORDER),
            }
        )
    closing = choose_coding(people, region_of=regions, k=10)
    coded = [closing.apply(person) for person in people]
    variables = list(closing.variables)
    background = {v: [person[v] for person in coded] for v in variables}

    coding = code_jointly(background, variables, k=10)

    for variable in variables:
        assert all(value == coded for value, coded in coding.variables[variable].items())
    assert coding.merged == dict.fromkeys(variables, 0)


def test_unknown_values_are_a_category_that_can_be_pooled() -> None:
    background = {"wijk": ["a"] * 30 + ["b"] * 30 + [None] * 3}
    coding = code_jointly(background, ["wijk"], k=10)
    # "onbekend" (3) is too small alone; with the next smallest it makes "overig".
    assert coding.variables["wijk"][UNKNOWN] == OTHER
    assert coding.apply("wijk", [None, "a"]) == [OTHER, OTHER]


def test_a_variable_that_cannot_be_kept_is_dropped() -> None:
    background = {"wijk": ["a"] * 12 + ["b"] * 5}
    coding = code_jointly(background, ["wijk"], k=10)
    assert coding.dropped == ["wijk"]


def test_nesting_is_detected() -> None:
    background = {
        "gebied": ["A"] * 3 + ["B"] * 2,
        "wijk": ["a1", "a2", "a2", "b1", "b1"],
        "leeftijd": ["x", "y", "x", "y", "x"],
    }
    assert nested_in(background, list(background)) == {"wijk": "gebied"}


def test_an_area_minus_its_shown_neighbourhoods_is_recoverable_and_one_more_hidden_is_not() -> None:
    # Combinations: a1, a2, a3 in area A; b1, b2 in area B.
    area_a = np.array([1, 1, 1, 0, 0.0])
    area_b = np.array([0, 0, 0, 1, 1.0])
    everyone = np.ones(5)
    a1, a2, a3, b1, b2 = np.eye(5)
    # a1 hidden, b1 hidden (secondary): A − a2 − a3 = a1.
    shown = np.array([everyone, area_a, area_b, a2, a3, b2])
    assert recoverable(shown, a1)
    # a2 hidden too: A − a3 = a1 + a2, which holds no figure for a1 alone.
    shown = np.array([everyone, area_a, area_b, a3, b2])
    assert not recoverable(shown, a1)
    assert not recoverable(shown, a2)
    # B − b2 = b1.
    assert recoverable(shown, b1)
