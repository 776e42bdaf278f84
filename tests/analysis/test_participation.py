"""Participation, representativeness and per-sub-unit results, suppressed."""

from __future__ import annotations

import random

import numpy as np
import pytest

from ledenpanel.analysis.participation import (
    participation,
    propensities,
    r_indicator,
    subunit_results,
    suppress_places,
)

REGIONS = {"A1": "G1", "A2": "G1", "B1": "G2", "B2": "G2"}


def invited(branch: str, age: str = "35-44", gender: str = "V") -> dict[str, str]:
    return {
        "branch": branch,
        "region": REGIONS[branch],
        "age": age,
        "gender": gender,
        "tenure": "5-9",
    }


def test_a_small_branch_and_a_sibling_are_hidden_so_the_region_gives_nothing_away():
    hidden_b, hidden_r = suppress_places({"A1": 30, "A2": 4, "B1": 20, "B2": 25}, REGIONS, k=10)

    assert hidden_b == {"A1", "A2"}
    assert hidden_r == set()


def test_a_region_whose_only_branch_is_hidden_is_hidden_too():
    regions = {**REGIONS, "C1": "G3"}

    hidden_b, hidden_r = suppress_places(
        {"A1": 30, "A2": 40, "B1": 20, "B2": 25, "C1": 15}, regions, k=10, hide_branches={"C1"}
    )

    assert "C1" in hidden_b
    assert "G3" in hidden_r
    assert len(hidden_r) >= 2  # and a lone hidden region takes another with it


def test_participation_shows_invited_always_and_hides_small_responded_counts():
    people = (
        [invited("A1")] * 40 + [invited("A2")] * 6 + [invited("B1")] * 30 + [invited("B2")] * 30
    )
    took_part = [i % 2 == 0 for i in range(len(people))]

    table = participation(people, took_part, region_of=REGIONS, k=10)

    assert table["invited"] == 106
    assert table["responded"] == 53
    branches = table["by"]["branch"]
    assert branches["A2"] == {"invited": 6, "responded": None, "rate": None, "suppressed": True}
    assert branches["A1"]["suppressed"]  # secondary: G1 minus A1 would be A2
    assert branches["B1"] == {"invited": 30, "responded": 15, "rate": 0.5, "suppressed": False}
    assert table["by"]["region"]["G1"]["responded"] == 23


def test_a_group_where_nearly_everyone_took_part_is_hidden():
    people = [invited("A1")] * 30 + [invited("B1")] * 30 + [invited("B2")] * 30
    took_part = [True] * 29 + [False] + [i % 2 == 0 for i in range(60)]

    table = participation(people, took_part, region_of=REGIONS, k=10)

    assert table["by"]["branch"]["A1"]["suppressed"]  # 29 of 30: it names the one who did not


def test_the_r_indicator_is_one_when_response_does_not_depend_on_the_bands():
    people = [invited("A1", age=a, gender=g) for a in ("25-34", "55-64") for g in "MV"] * 50
    took_part = [i % 4 < 2 for i in range(len(people) // 4) for _ in range(4)]

    result = r_indicator(people, took_part)

    assert result["r"] == pytest.approx(1.0, abs=0.01)
    assert result["partials"]["age"]["unconditional"] == pytest.approx(0, abs=0.01)


def test_the_r_indicator_and_partials_show_who_is_under_represented():
    rng = random.Random(5)
    people, took_part = [], []
    for _ in range(2000):
        age = rng.choice(["16-24", "65-74"])
        people.append(invited(rng.choice(list(REGIONS)), age=age, gender=rng.choice("MV")))
        took_part.append(rng.random() < (0.2 if age == "16-24" else 0.6))

    result = r_indicator(people, took_part)

    rho = propensities(people, took_part)
    assert result["r"] == pytest.approx(1 - 2 * np.std(rho, ddof=1), abs=1e-3)
    assert 0.55 < result["r"] < 0.65  # propensities 0.2 and 0.6: S ≈ 0.2
    age = result["partials"]["age"]
    assert age["categories"]["16-24"] < 0 < age["categories"]["65-74"]
    assert age["unconditional"] > result["partials"]["gender"]["unconditional"]
    assert age["unconditional"] == pytest.approx(0.2, abs=0.02)


def test_hidden_categories_get_no_partial_indicator():
    people = [invited("A1", age="16-24")] * 5 + [invited("A1", age="45-54")] * 50
    took_part = [True, False] * 27 + [True]

    result = r_indicator(people, took_part, hidden={"age": {"16-24"}})

    assert result["partials"]["age"]["categories"]["16-24"] is None
    assert result["partials"]["age"]["categories"]["45-54"] is not None


def test_subunit_results_show_large_branches_and_hide_small_or_disclosive_ones():
    rows = [("A1", {"q": ["ja", "nee", "weet"][i % 3]}) for i in range(30)]
    rows += [("A2", {"q": "ja"}) for _ in range(15)]  # everyone in A2 said "ja"
    rows += [("B1", {"q": ["ja", "nee"][i % 2]}) for i in range(20)]
    rows += [("B2", {"q": ["ja", "nee"][i % 2]}) for i in range(5)]

    result = subunit_results(rows, {"q": ["ja", "nee", "weet"]}, region_of=REGIONS, k=10)

    assert result["branch"]["B2"] == {"respondents": None, "suppressed": True}
    q = result["items"]["q"]
    assert q["branch"]["A1"] == {"ja": 10, "nee": 10, "weet": 10} or q["branch"]["A1"] is None
    assert q["branch"]["A2"] is None  # disclosive: all the same answer
    assert q["branch"]["A1"] is None  # else G1 minus A1 gives A2 away
    assert q["branch"]["B2"] is None
    assert q["branch"]["B1"] is None  # secondary within G2
    assert q["region"]["G2"] == {"ja": 13, "nee": 12, "weet": 0}
