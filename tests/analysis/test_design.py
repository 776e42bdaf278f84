"""Design-based estimates: proven against R `survey` and hand-computable references."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import polars as pl
import pytest
import svy
from scipy import stats
from statsmodels.stats.multitest import multipletests

from ledenpanel.analysis.design import (
    Design,
    WeightingReport,
    benjamini_hochberg,
    kish_weighting_effect,
    unweighted,
)
from ledenpanel.analysis.weighting import _raked_sample

API = Path(__file__).parent / "fixtures" / "api"
# R survey: rake(dclus1, list(~stype, ~sch.wide), ...) / calibrate(calfun="raking").
API_MARGINS = {"stype": {"E": 4421, "H": 755, "M": 1018}, "sch.wide": {"No": 1072, "Yes": 5122}}


def api(name: str) -> pl.DataFrame:
    return pl.read_csv(API / f"{name}.csv", null_values="NA")


def reference_design(sample: svy.Sample) -> Design:
    return Design(
        sample, population_size=None, ci_method="R reference", weighting=WeightingReport()
    )


def clus1() -> pl.DataFrame:
    return api("apiclus1")


CLUSTER = svy.Design(psu="dnum", wgt="pw", pop_size="fpc")


# -- R survey on the api data (reference-data/README.md) ---------------------


def test_it_reproduces_r_survey_mean_and_se_after_raking_a_cluster_sample() -> None:
    # The product's own raking call (_raked_sample) and estimator (Design.mean).
    frame = clus1()
    design = reference_design(_raked_sample(frame, CLUSTER, API_MARGINS, bounds=None))

    estimate = design.mean(frame["api00"].to_list())

    assert estimate.value == pytest.approx(641.23, abs=0.005)
    assert estimate.se == pytest.approx(23.704, abs=0.0005)


def test_it_reproduces_r_survey_with_trimming_bounds_that_do_not_bind() -> None:
    frame = clus1()
    sample = _raked_sample(frame, CLUSTER, API_MARGINS, bounds=(1.0, 1000.0))

    estimate = reference_design(sample).mean(frame["api00"].to_list())

    assert estimate.se == pytest.approx(23.704, abs=0.0005)


def test_it_reproduces_r_survey_stratified_mean() -> None:
    frame = api("apistrat")
    sample = svy.Sample(frame, svy.Design(stratum="stype", wgt="pw", pop_size="fpc"))

    estimate = reference_design(sample).mean(frame["api00"].to_list())

    assert estimate.value == pytest.approx(662.29, abs=0.005)
    assert estimate.se == pytest.approx(9.4089, abs=0.00005)


def test_it_reproduces_r_svychisq_rao_scott_f() -> None:
    frame = clus1()
    design = reference_design(svy.Sample(frame, CLUSTER))

    test = design.rao_scott(frame["sch.wide"].to_list(), frame["stype"].to_list())

    assert test["F"] == pytest.approx(5.1934, abs=0.00005)
    assert test["ndf"] == pytest.approx(1.4946, abs=0.00005)
    assert test["ddf"] == pytest.approx(20.925, abs=0.0005)
    assert test["p"] == pytest.approx(0.02175, abs=0.000005)


def test_it_credits_the_raking_a_raked_margin_has_no_sampling_error() -> None:
    frame = clus1()
    design = reference_design(_raked_sample(frame, CLUSTER, API_MARGINS, bounds=None))

    shares = design.proportions(frame["stype"].to_list(), options=["E", "H", "M"])

    assert shares["E"].value == pytest.approx(4421 / 6194, abs=1e-9)
    assert shares["E"].se == pytest.approx(0.0, abs=1e-9)


# -- a raked panel (no clusters) against an independent linearisation --------


def panel_and_answers(seed: int = 11) -> tuple[dict[str, list[str]], np.ndarray]:
    rng = np.random.default_rng(seed)
    n = 400
    age = rng.choice(["18-34", "35-54", "55+"], n, p=[0.2, 0.3, 0.5])
    gender = rng.choice(["m", "v"], n, p=[0.6, 0.4])
    score = rng.normal(6, 2, n) + (age == "18-34") * 1.5 + (gender == "v") * 0.5
    return {"age": age.tolist(), "gender": gender.tolist()}, score


def test_it_matches_a_hand_linearised_variance_after_raking_with_fpc() -> None:
    from ledenpanel.analysis.weighting import rake

    background, score = panel_and_answers()
    population = 5_000
    margins = {"age": {"18-34": 1500, "35-54": 1500, "55+": 2000}, "gender": {"m": 2500, "v": 2500}}
    design = rake(background, margins, population_size=population, trim=None)
    w = design.weights
    n = len(w)

    estimate = design.mean(score.tolist())

    # R's calibration linearisation: residualise the influence values on the
    # margin dummies (equal base weights, so OLS), then the SRS variance with FPC.
    mean = np.sum(w * score) / w.sum()
    influence = (score - mean) / w.sum()
    dummies = np.column_stack(
        [np.asarray(background[v]) == c for v, cs in margins.items() for c in cs]
    ).astype(float)
    beta, *_ = np.linalg.lstsq(dummies, influence, rcond=None)
    z = w * (influence - dummies @ beta)
    variance = (1 - n / population) * n / (n - 1) * np.sum((z - z.mean()) ** 2)
    assert estimate.value == pytest.approx(mean, rel=1e-12)
    assert estimate.se == pytest.approx(math.sqrt(variance), rel=1e-8)


# -- unweighted designs: SRS formulas ----------------------------------------


def test_it_gives_the_srs_standard_error_with_finite_population_correction() -> None:
    answers = ["a"] * 30 + ["b"] * 70
    design = unweighted(100, population_size=400)

    share = design.proportions(answers, options=["a", "b"])["a"]

    expected = math.sqrt((1 - 100 / 400) * 0.3 * 0.7 / 99)
    assert share.value == pytest.approx(0.3)
    assert share.se == pytest.approx(expected, rel=1e-10)
    assert design.weights.tolist() == [4.0] * 100


def test_it_gives_the_srs_standard_error_without_a_population() -> None:
    design = unweighted(100, population_size=None)

    share = design.proportions(["a"] * 30 + ["b"] * 70, options=["a", "b"])["a"]

    assert share.se == pytest.approx(math.sqrt(0.3 * 0.7 / 99), rel=1e-10)
    assert design.weights.tolist() == [1.0] * 100
    assert "no finite population correction" in design.ci_method


def test_it_treats_missing_answers_as_a_domain_not_a_deletion() -> None:
    rng = np.random.default_rng(3)
    values = rng.normal(5, 2, 50)
    answered = np.ones(50, dtype=bool)
    answered[rng.choice(50, 20, replace=False)] = False
    design = unweighted(50, population_size=100)

    estimate = design.mean([float(v) if a else None for v, a in zip(values, answered, strict=True)])

    # Domain mean, SRS: V = (1 - n/N) n/(n-1) Σ_d (y - ȳ_d)² / n_d²; the
    # non-answering half of the sampling fraction still counts.
    domain = values[answered]
    n, n_d = 50, len(domain)
    variance = (1 - n / 100) * n / (n - 1) * np.sum((domain - domain.mean()) ** 2) / n_d**2
    assert estimate.value == pytest.approx(domain.mean(), rel=1e-12)
    assert estimate.se == pytest.approx(math.sqrt(variance), rel=1e-9)
    assert estimate.n == 30


def test_it_treats_nan_as_missing_in_means() -> None:
    design = unweighted(4, population_size=None)

    assert design.mean([1.0, float("nan"), 3.0, None]).value == pytest.approx(2.0)


# -- shares -------------------------------------------------------------------


def test_it_gives_an_option_nobody_chose_zero_with_a_clopper_pearson_upper_bound() -> None:
    design = unweighted(60, population_size=None)

    shares = design.proportions(["a"] * 40 + ["b"] * 20, options=["a", "b", "c"])

    nobody = shares["c"]
    assert (nobody.value, nobody.se, nobody.ci_low) == (0.0, 0.0, 0.0)
    # Korn–Graubard at p = 0 is Clopper–Pearson with the respondents' n.
    assert nobody.ci_high == pytest.approx(stats.beta.ppf(0.975, 1, 60), rel=1e-9)
    assert sum(share.value for share in shares.values()) == pytest.approx(1.0)


def test_it_gives_intervals_inside_zero_and_one() -> None:
    design = unweighted(40, population_size=None)

    shares = design.proportions(["a"] * 39 + ["b"], options=["a", "b"])

    for share in shares.values():
        assert 0.0 <= share.ci_low <= share.value <= share.ci_high <= 1.0


def test_it_refuses_an_answer_that_is_not_an_option() -> None:
    design = unweighted(3, population_size=None)

    with pytest.raises(ValueError, match="not among the options"):
        design.proportions(["a", "b", "x"], options=["a", "b"])


def test_it_refuses_values_of_the_wrong_length() -> None:
    design = unweighted(3, population_size=None)

    with pytest.raises(ValueError, match="expected 3 values"):
        design.mean([1.0, 2.0])


def test_it_reports_nothing_when_nobody_answered() -> None:
    design = unweighted(3, population_size=None)

    shares = design.proportions([None, None, None], options=["a"])

    assert shares["a"].n == 0
    assert math.isnan(shares["a"].value)
    assert math.isnan(design.mean([None, None, None]).value)


def test_it_gives_a_ticked_box_the_same_share_as_the_option() -> None:
    background, _ = panel_and_answers(5)
    from ledenpanel.analysis.weighting import rake

    design = rake(
        background,
        {"age": {"18-34": 300, "35-54": 300, "55+": 400}, "gender": {"m": 500, "v": 500}},
        population_size=1000,
    )
    rng = np.random.default_rng(8)
    answers = [None if rng.random() < 0.1 else str(v) for v in rng.choice(["a", "b"], 400)]

    ticked = design.indicator_share([None if a is None else a == "a" for a in answers])
    share = design.proportions(answers, options=["a", "b"])["a"]

    assert ticked == share


def test_it_gives_nobody_ticking_zero() -> None:
    design = unweighted(20, population_size=None)

    ticked = design.indicator_share([False] * 19 + [None])

    assert (ticked.value, ticked.ci_low, ticked.n) == (0.0, 0.0, 19)
    assert ticked.ci_high == pytest.approx(stats.beta.ppf(0.975, 1, 19), rel=1e-9)


# -- Rao–Scott ----------------------------------------------------------------


def test_it_cannot_test_a_table_with_a_single_column() -> None:
    design = unweighted(6, population_size=None)

    test = design.rao_scott(["a", "b", "a", "b", "a", None], ["x", "x", "x", "x", "x", "y"])

    assert math.isnan(test["F"])
    assert math.isnan(test["p"])


def test_it_finds_a_strong_association_and_none_in_independent_data() -> None:
    rng = np.random.default_rng(2)
    design = unweighted(600, population_size=10_000)
    row = rng.choice(["a", "b"], 600)
    same = [r if rng.random() < 0.8 else str(rng.choice(["a", "b"])) for r in row]
    independent = rng.choice(["x", "y", "z"], 600).tolist()

    assert design.rao_scott(row.tolist(), same)["p"] < 1e-6
    assert design.rao_scott(row.tolist(), independent)["p"] > 0.01


# -- method line, weighting effect, multiple testing --------------------------


def test_it_names_the_method_and_the_population() -> None:
    design = unweighted(10, population_size=12_345)

    assert "Taylor linearisation" in design.ci_method
    assert f"svy {svy.__version__}" in design.ci_method
    assert "N=12,345" in design.ci_method


def test_it_computes_kish_weighting_effect_by_hand() -> None:
    # mean 1.5, population variance 0.75: 1 + 0.75 / 1.5² = 4/3
    assert kish_weighting_effect([1, 1, 1, 3]) == pytest.approx(4 / 3)
    assert kish_weighting_effect([2, 2, 2]) == pytest.approx(1.0)


def test_it_adjusts_p_values_like_statsmodels_benjamini_hochberg() -> None:
    p = np.random.default_rng(4).uniform(0, 0.2, 37) ** 2

    expected = multipletests(p, method="fdr_bh")[1]

    assert benjamini_hochberg(p.tolist()) == pytest.approx(expected.tolist(), rel=1e-12)


def test_it_leaves_untestable_p_values_out_of_the_family() -> None:
    adjusted = benjamini_hochberg([0.01, float("nan"), 0.04])

    assert adjusted[0] == pytest.approx(multipletests([0.01, 0.04], method="fdr_bh")[1][0])
    assert math.isnan(adjusted[1])
    assert benjamini_hochberg([]) == []


def test_shares_by_group_equal_the_design_based_shares_of_each_group() -> None:
    from ledenpanel.analysis.weighting import rake

    background, _ = panel_and_answers(9)
    design = rake(
        background,
        {"age": {"18-34": 300, "35-54": 300, "55+": 400}, "gender": {"m": 500, "v": 500}},
        population_size=1000,
    )
    rng = np.random.default_rng(6)
    answers = [None if rng.random() < 0.1 else str(v) for v in rng.choice(["a", "b", "c"], 400)]
    groups = background["age"]

    table = design.shares_by(answers, groups, options=["a", "b", "c"])

    assert set(table) == {"18-34", "35-54", "55+"}
    for group, shares in table.items():
        own = [a if g == group else None for a, g in zip(answers, groups, strict=True)]
        expected = design.proportions(own, options=["a", "b", "c"])
        assert shares == pytest.approx({o: e.value for o, e in expected.items()}, rel=1e-12)


def test_a_share_interval_narrows_with_the_finite_population_correction() -> None:
    """Wilson on the design's effective n carries the FPC (Korn–Graubard would truncate it)."""
    answers = ["a"] * 30 + ["b"] * 70
    wide = unweighted(100, population_size=None).proportions(answers, options=["a", "b"])["a"]
    narrow = unweighted(100, population_size=150).proportions(answers, options=["a", "b"])["a"]
    assert narrow.ci_high - narrow.ci_low < 0.6 * (wide.ci_high - wide.ci_low)
    assert narrow.ci_low < 0.3 < narrow.ci_high


def test_without_weights_or_fpc_a_share_interval_is_nearly_the_plain_wilson() -> None:
    from ledenpanel.analysis.intervals import wilson

    answers = ["a"] * 30 + ["b"] * 70
    estimate = unweighted(100, population_size=None).proportions(answers, options=["a", "b"])["a"]
    plain = wilson(30, 100)
    # svy widens by the t quantile on n − 1 degrees of freedom instead of z.
    assert estimate.ci_low == pytest.approx(plain.low, abs=0.002)
    assert estimate.ci_high == pytest.approx(plain.high, abs=0.002)
