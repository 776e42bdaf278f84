"""Raking and trimming: against independent IPF, by hand, and on data problems."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import weightipy

from ledenpanel.analysis.weighting import UNKNOWN, rake

SIZES = {"age": 5, "gender": 2, "region": 12, "tenure": 5}


def panel(n: int = 3000, seed: int = 7) -> dict[str, list[str]]:
    """Respondents skewed against the population: older, more men, some regions."""
    rng = np.random.default_rng(seed)
    background: dict[str, list[str]] = {}
    for variable, size in SIZES.items():
        skew = np.linspace(1.0, 2.0, size)
        categories = [f"{variable}{i}" for i in range(size)]
        background[variable] = rng.choice(categories, n, p=skew / skew.sum()).tolist()
    return background


def population(total: float = 80_000) -> dict[str, dict[str, float]]:
    margins: dict[str, dict[str, float]] = {}
    for variable, size in SIZES.items():
        shares = np.linspace(2.0, 1.0, size)
        shares /= shares.sum()
        margins[variable] = {f"{variable}{i}": total * s for i, s in enumerate(shares)}
    return margins


def numpy_ipf(background, margins, total: float, sweeps: int = 5000) -> np.ndarray:
    """Plain iterative proportional fitting, the textbook loop."""
    n = len(next(iter(background.values())))
    w = np.full(n, total / n)
    codes = {v: np.asarray(background[v]) for v in margins}
    for _ in range(sweeps):
        previous = w.copy()
        for variable, targets in margins.items():
            for category, target in targets.items():
                mask = codes[variable] == category
                w[mask] *= target / w[mask].sum()
        if np.max(np.abs(w - previous)) < 1e-13 * total / n:
            break
    return w


def margin_totals(weights, values) -> dict[str, float]:
    return pd.Series(weights).groupby(pd.Series(values)).sum().to_dict()


# -- raking ---------------------------------------------------------------------


def test_it_matches_weightipy_and_a_numpy_ipf_before_trimming() -> None:
    background, margins = panel(), population()
    design = rake(background, margins, population_size=80_000, trim=None)

    scheme = weightipy.scheme_from_dict(
        {v: {c: 100 * t / 80_000 for c, t in cats.items()} for v, cats in margins.items()},
        rim_params={"convcrit": 1e-12, "max_iterations": 10_000},
    )
    oracle = weightipy.weight(pd.DataFrame(background), scheme).to_numpy()
    oracle = oracle / oracle.sum() * 80_000

    np.testing.assert_allclose(design.weights, oracle, rtol=1e-8)
    np.testing.assert_allclose(design.weights, numpy_ipf(background, margins, 80_000), rtol=1e-8)
    assert design.weighting.converged


def test_it_meets_every_margin_and_sums_to_the_population() -> None:
    background, margins = panel(), population()

    design = rake(background, margins, population_size=80_000)

    assert design.weights.sum() == pytest.approx(80_000, rel=1e-12)
    for variable, targets in margins.items():
        assert margin_totals(design.weights, background[variable]) == pytest.approx(
            targets, rel=1e-8
        )
    assert design.weighting.margins_met
    assert design.weighting.variables == tuple(SIZES)


def test_it_computes_the_weighting_effect_of_a_hand_raked_example() -> None:
    # Three men and one woman raked to 50/50 of 100: men 50/3 each, the woman 50.
    design = rake(
        {"gender": ["m", "m", "m", "v"]}, {"gender": {"m": 50, "v": 50}}, population_size=100
    )

    assert design.weights.tolist() == pytest.approx([50 / 3, 50 / 3, 50 / 3, 50])
    # n Σw² / (Σw)² = 4 (3 · 2500/9 + 2500) / 100² = 4/3
    assert design.weighting.weighting_effect == pytest.approx(4 / 3)
    assert design.weighting.effective_n == pytest.approx(3.0)
    assert design.weighting.n_trimmed == 0
    assert design.weighting.notes == ()


# -- trimming ---------------------------------------------------------------------


def codes(design) -> list[str]:
    return [notice["code"] for notice in design.weighting.notices]


def skewed_panel() -> tuple[dict[str, list[str]], dict[str, dict[str, float]]]:
    """Young respondents scarce enough that a few raked weights pass 5 × the mean."""
    rng = np.random.default_rng(3)
    n = 2000
    age = rng.choice([f"a{i}" for i in range(5)], n, p=[0.045, 0.1, 0.2, 0.3, 0.355])
    gender = rng.choice(["m", "v"], n, p=[0.7, 0.3])
    margins = {
        "age": {f"a{i}": 10_000.0 for i in range(5)},
        "gender": {"m": 25_000.0, "v": 25_000.0},
    }
    return {"age": age.tolist(), "gender": gender.tolist()}, margins


def test_it_trims_weights_within_bounds_and_still_meets_the_margins() -> None:
    background, margins = skewed_panel()
    untrimmed = rake(background, margins, population_size=50_000, trim=None).weights
    mean = 50_000 / 2000

    design = rake(background, margins, population_size=50_000, trim=(0.2, 5.0))

    assert design.weighting.n_trimmed == int(np.sum(untrimmed > 5 * mean))
    assert design.weighting.n_trimmed > 0
    assert design.weights.max() <= 5 * mean * (1 + 1e-6)
    assert design.weights.min() >= 0.2 * mean * (1 - 1e-6)
    assert design.weights.sum() == pytest.approx(50_000)
    for variable, targets in margins.items():
        assert margin_totals(design.weights, background[variable]) == pytest.approx(
            targets, rel=1e-6
        )
    assert design.weighting.converged
    assert (
        design.weighting.weighting_effect
        < rake(background, margins, population_size=50_000, trim=None).weighting.weighting_effect
    )
    assert "trimmed" in codes(design)


def test_it_says_so_when_the_margins_demand_weights_beyond_the_bounds() -> None:
    # 2 % young respondents raked to 20 %: their weights must be 10 × the mean.
    rng = np.random.default_rng(3)
    age = rng.choice(["young", "old"], 1000, p=[0.02, 0.98]).tolist()

    design = rake({"age": age}, {"age": {"young": 2000, "old": 8000}}, population_size=10_000)

    assert design.weighting.margins_met
    assert not design.weighting.within_bounds
    assert not design.weighting.converged
    notice = next(n for n in design.weighting.notices if n["code"] == "trim_not_met")
    assert notice["level"] == "warning"
    assert notice["params"]["still_outside"] > 0
    assert "blijven erbuiten" in notice["text"]
    assert margin_totals(design.weights, age) == pytest.approx(
        {"young": 2000, "old": 8000}, rel=1e-6
    )


# -- data problems ----------------------------------------------------------------


def test_respondents_without_a_value_keep_their_share_and_the_others_follow_the_population() -> (
    None
):
    age = ["y"] * 20 + ["o"] * 70 + [None] * 10
    design = rake({"age": age}, {"age": {"y": 500, "o": 500}}, population_size=1000)

    totals = margin_totals(design.weights, [a or UNKNOWN for a in age])

    assert totals == pytest.approx({"y": 450, "o": 450, UNKNOWN: 100})
    assert design.weights.sum() == pytest.approx(1000)
    notice = next(n for n in design.weighting.notices if n["code"] == "unknown_values")
    assert notice["params"] == {"variable": "age", "respondents": 10, "share": 0.1}
    assert "10 deelnemers (10,0 %) zonder bruikbare waarde" in notice["text"]


def test_a_category_the_population_lacks_is_treated_as_unknown() -> None:
    region = ["n"] * 40 + ["s"] * 50 + ["abroad"] * 10
    design = rake({"region": region}, {"region": {"n": 600, "s": 400}}, population_size=1000)

    totals = margin_totals(design.weights, region)

    assert totals == pytest.approx({"n": 540, "s": 360, "abroad": 100})
    notice = next(n for n in design.weighting.notices if n["code"] != "unknown_values")
    assert notice["code"] == "categories_not_in_population"
    assert notice["params"]["categories"] == ["abroad"]


def test_a_population_category_without_respondents_is_left_out_and_the_rest_scaled_up() -> None:
    region = ["n"] * 30 + ["s"] * 70
    margins = {"region": {"n": 300, "s": 500, "west": 200}}

    design = rake({"region": region}, margins, population_size=1000)

    assert margin_totals(design.weights, region) == pytest.approx({"n": 375, "s": 625})
    assert design.weights.sum() == pytest.approx(1000)
    notice = design.weighting.notices[0]
    assert notice["code"] == "categories_without_respondents"
    assert notice["params"] == {"variable": "region", "categories": ["west"], "members": 200}


def test_margins_short_of_the_population_size_are_scaled_to_it() -> None:
    gender = ["m"] * 60 + ["v"] * 40
    design = rake({"gender": gender}, {"gender": {"m": 400, "v": 400}}, population_size=1000)

    assert margin_totals(design.weights, gender) == pytest.approx({"m": 500, "v": 500})
    [notice] = design.weighting.notices
    assert notice["code"] == "margins_total"
    assert notice["params"]["margin_total"] == 800


def test_a_variable_with_one_usable_category_is_skipped_and_others_still_used() -> None:
    background = {"gender": ["m"] * 8 + ["v"] * 2, "branch": ["A"] * 9 + [None]}
    margins = {"gender": {"m": 50, "v": 50}, "branch": {"A": 90, "B": 10}}

    design = rake(background, margins, population_size=100)

    assert design.weighting.variables == ("gender",)
    assert margin_totals(design.weights, background["gender"]) == pytest.approx({"m": 50, "v": 50})
    assert {"code": "too_few_categories", "variable": "branch"} in [
        {"code": n["code"], **n["params"]} for n in design.weighting.notices
    ]


def test_without_a_usable_variable_every_weight_is_equal() -> None:
    design = rake({"branch": ["A"] * 5}, {"branch": {"A": 10}}, population_size=50)

    assert design.weights.tolist() == [10.0] * 5
    assert design.weighting.variables == ()
    assert "no_usable_variable" in codes(design)


def test_it_refuses_impossible_input() -> None:
    with pytest.raises(ValueError, match="smaller than n"):
        rake({"g": ["m", "v"]}, {"g": {"m": 1, "v": 0.5}}, population_size=1.5)
    with pytest.raises(ValueError, match="no background values"):
        rake({"g": ["m", "v"]}, {"age": {"x": 1}}, population_size=10)
    with pytest.raises(ValueError, match="trim bounds"):
        rake({"g": ["m", "v"]}, {"g": {"m": 5, "v": 5}}, population_size=10, trim=(2, 5))


def test_the_raked_design_names_its_method() -> None:
    background, margins = panel(500), population()

    design = rake(background, margins, population_size=80_000)

    assert design.ci_method.startswith("Taylor linearisation, raked on age, gender, region, tenure")
    assert "N=80,000" in design.ci_method


def test_the_summary_is_plain_data() -> None:
    import json

    design = rake(
        {"gender": ["m", "m", "m", "v"]}, {"gender": {"m": 50, "v": 50}}, population_size=100
    )

    summary = json.loads(json.dumps(design.summary()))
    assert summary["variables"] == ["gender"]
    assert summary["effective_n"] == pytest.approx(3.0)
    assert summary["trim"] == [0.2, 5.0]
    assert summary["converged"] is True
    assert summary["ci_method"] == design.ci_method
