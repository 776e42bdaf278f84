"""Response rates and the respondents-against-population comparison."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats.contingency import association

from ledenpanel.analysis.data import Population
from ledenpanel.analysis.participation import r_indicator
from ledenpanel.analysis.representativeness import compare_distributions
from ledenpanel.analysis.response import representativeness, response_rates


def test_rr1_leaves_out_the_ineligible_but_keeps_bounces_as_noncontacts() -> None:
    population = Population(columns={}, count=[1000], ineligible=20, noncontacts=30)
    rates = response_rates(490, open_responses=7, population=population)
    assert rates["rr1"] == pytest.approx(490 / 980, abs=1e-4)
    assert rates["contact_rate"] == pytest.approx(950 / 980, abs=1e-4)
    assert rates["open_responses"] == 7


def test_rr1_counts_against_the_invited_sample_when_only_a_sample_was_invited() -> None:
    population = Population(columns={}, count=[42_000], invited=5_000)
    assert response_rates(2_000, open_responses=0, population=population)["rr1"] == 0.4


def test_without_a_population_there_is_no_rate() -> None:
    assert response_rates(120, open_responses=0, population=None)["rr1"] is None


def test_cramers_v_of_respondents_against_nonrespondents_matches_scipy() -> None:
    respondents = {"a": 120, "b": 80, "c": 40}
    others = {"a": 300, "b": 350, "c": 310}
    result = compare_distributions(respondents, others)
    table = np.array([[120, 80, 40], [300, 350, 310]])
    assert result["cramers_v"] == pytest.approx(association(table, method="cramer"), abs=1e-4)
    assert 0 <= result["p"] < 0.001


def _people(rng: np.random.Generator, n: int) -> tuple[list[dict[str, str]], list[bool]]:
    people = [
        {"age": str(rng.choice(["jong", "midden", "oud"])), "gender": str(rng.choice(["m", "v"]))}
        for _ in range(n)
    ]
    rate = {"jong": 0.15, "midden": 0.35, "oud": 0.6}
    responded = [bool(rng.random() < rate[person["age"]]) for person in people]
    return people, responded


def test_the_r_indicator_from_an_aggregated_population_equals_the_one_per_member() -> None:
    people, responded = _people(np.random.default_rng(11), 3000)
    per_member = r_indicator(people, responded, variables=("age", "gender"))

    cells: dict[tuple[str, str], int] = {}
    for person in people:
        key = (person["age"], person["gender"])
        cells[key] = cells.get(key, 0) + 1
    population = Population(
        columns={"age": [k[0] for k in cells], "gender": [k[1] for k in cells]},
        count=list(cells.values()),
    )
    background = {
        "age": [p["age"] for p, took in zip(people, responded, strict=True) if took],
        "gender": [p["gender"] for p, took in zip(people, responded, strict=True) if took],
    }
    result = representativeness(background, population, variables=("age", "gender"), k=10)

    assert result["compared_with"] == "nonrespondents"
    assert result["r_indicator"]["r"] == pytest.approx(per_member["r"], abs=1e-3)
    assert per_member["r"] < 0.8  # response depends on age
    partial_age = result["r_indicator"]["partials"]["age"]["categories"]
    assert partial_age["jong"] < 0 < partial_age["oud"]
    age = next(v for v in result["variables"] if v["name"] == "age")
    assert age["cramers_v"] > 0.2


def test_a_band_where_nearly_everyone_took_part_is_hidden() -> None:
    population = Population(columns={"band": ["a", "b", "c"]}, count=[50, 40, 12])
    background = {"band": ["a"] * 20 + ["b"] * 15 + ["c"] * 11}
    result = representativeness(background, population, variables=("band",), k=10)
    categories = {c["name"]: c for c in result["variables"][0]["categories"]}
    assert categories["c"]["suppressed"]
    assert categories["c"]["respondents"] is None
    # …and one more, so "total − shown" does not give it away.
    assert sum(c["suppressed"] for c in categories.values()) == 2


def test_figures_about_a_variable_do_not_depend_on_how_its_hidden_bands_split() -> None:
    """Cramér's V, p and the R-indicators must not let anyone solve for hidden counts."""
    population = Population(columns={"band": ["a", "b", "c", "d"]}, count=[200, 150, 12, 12])

    def figures(c_respondents: int) -> dict:
        d_respondents = 22 - c_respondents  # c and d: nearly all took part, so hidden
        background = {
            "band": ["a"] * 60 + ["b"] * 30 + ["c"] * c_respondents + ["d"] * d_respondents
        }
        return representativeness(background, population, variables=("band",), k=10)

    first, second = figures(11), figures(12)
    for result in (first, second):
        hidden = {c["name"] for c in result["variables"][0]["categories"] if c["suppressed"]}
        assert hidden == {"c", "d"}
    assert first["variables"][0]["cramers_v"] == second["variables"][0]["cramers_v"]
    assert first["variables"][0]["p"] == second["variables"][0]["p"]
    assert first["r_indicator"] == second["r_indicator"]
    assert first["r_indicator"]["partials"]["band"]["categories"]["c"] is None
