from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score, silhouette_score
from statsmodels.stats.proportion import proportions_ztest

from ledenpanel.analysis.opinions import (
    _cluster_labels,
    _pairwise_distances,
    _silhouette,
    agree_scale,
    min_answered,
    opinion_groups,
    two_proportion_z,
)

N_STATEMENTS = 20
NAMES = ["consensus", "divisive", *(f"s{index}" for index in range(2, N_STATEMENTS))]
AGREE_5 = np.array(agree_scale(5))


def _on_five_points(latent: np.ndarray) -> np.ndarray:
    """Round continuous opinions to the nearest answer of a 5-point scale."""
    return AGREE_5[np.abs(latent[..., None] - AGREE_5).argmin(axis=-1)]


def _with_dont_know(answers: np.ndarray, rng: np.random.Generator, share=0.1) -> np.ndarray:
    answers = answers.copy()
    answers[rng.random(answers.shape) < share] = np.nan
    return answers


def _planted(seed=0, sizes=(300, 300, 300), noise=0.6):
    """Groups with their own position on each statement, plus two planted
    statements: "consensus" (everyone agrees) and "divisive" (group 0 agrees,
    the others disagree)."""
    rng = np.random.default_rng(seed)
    centres = rng.choice([-1.0, -0.5, 0.5, 1.0], size=(len(sizes), N_STATEMENTS))
    centres[:, 0] = 1.0
    centres[:, 1] = -1.0
    centres[0, 1] = 1.0
    truth = np.repeat(np.arange(len(sizes)), sizes)
    latent = centres[truth] + rng.normal(0.0, noise, (truth.size, N_STATEMENTS))
    return _with_dont_know(_on_five_points(latent), rng), truth


def _structureless(seed=0, n=900):
    rng = np.random.default_rng(seed)
    answers = rng.choice(AGREE_5, size=(n, N_STATEMENTS))
    return _with_dont_know(answers, rng)


def _statement(result, section, name):
    return next((row for row in result[section] if row["statement"] == name), None)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_it_recovers_planted_opinion_groups(seed):
    answers, truth = _planted(seed)

    result = opinion_groups(answers, NAMES, seed=seed)
    labels = _cluster_labels(answers, NAMES, seed=seed)

    assert result["outcome"] == "groups"
    assert result["k"] == 3
    assert adjusted_rand_score(truth, labels) >= 0.9
    assert [group["id"] for group in result["groups"]] == ["A", "B", "C"]
    assert sum(group["size"] for group in result["groups"]) == 900
    assert result["silhouette"] > result["null_silhouette_p95"]


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_it_finds_no_groups_in_independent_random_answers(seed):
    result = opinion_groups(_structureless(seed), NAMES, seed=seed)

    assert result["outcome"] == "no_groups"
    assert result["k"] is None
    assert result["groups"] == []
    assert result["divisive"] == []
    assert (_cluster_labels(_structureless(seed), NAMES, seed=seed) == -1).all()


def test_it_reports_too_few_when_the_panel_is_small():
    answers, _ = _planted(sizes=(10, 10, 5))

    result = opinion_groups(answers, NAMES)

    assert result["outcome"] == "too_few"
    assert result["n_respondents"] == 25
    assert result["groups"] == result["consensus"] == result["divisive"] == []


def test_respondents_who_answered_too_few_statements_are_not_counted():
    answers, _ = _planted(sizes=(40, 40, 40))
    answers[:100, min_answered(N_STATEMENTS) - 1 :] = np.nan  # one statement short

    result = opinion_groups(answers, NAMES)

    assert result["outcome"] == "too_few"
    assert result["n_respondents"] == 20


def test_a_statement_all_groups_agree_with_is_consensus_and_not_divisive():
    answers, _ = _planted()

    result = opinion_groups(answers, NAMES)

    consensus = _statement(result, "consensus", "consensus")
    assert consensus is not None
    assert consensus["direction"] == "agree"
    assert min(consensus["agree_by_group"].values()) >= 0.6
    assert _statement(result, "divisive", "consensus") is None
    assert _statement(result, "consensus", "divisive") is None


def test_a_statement_one_group_agrees_with_and_the_others_reject_is_divisive():
    answers, truth = _planted()

    result = opinion_groups(answers, NAMES)
    labels = _cluster_labels(answers, NAMES)

    divisive = _statement(result, "divisive", "divisive")
    assert divisive is not None
    assert divisive["spread"] >= 0.6
    # It characterises the group that holds planted group 0, as agreement.
    group_0 = "ABC"[np.bincount(labels[truth == 0]).argmax()]
    marks = next(group for group in result["groups"] if group["id"] == group_0)
    characteristic = {row["statement"]: row for row in marks["characteristic"]}
    assert characteristic["divisive"]["direction"] == "agree"
    assert characteristic["divisive"]["agree"] > characteristic["divisive"]["agree_others"]


def test_the_same_seed_gives_the_same_result():
    answers, _ = _planted(seed=4, noise=0.9)

    first = opinion_groups(answers, NAMES, seed=7)
    second = opinion_groups(answers, NAMES, seed=7)

    assert first == second
    assert (
        _cluster_labels(answers, NAMES, seed=7) == _cluster_labels(answers, NAMES, seed=7)
    ).all()


def test_a_distinct_group_smaller_than_k_is_never_shown():
    answers, _ = _planted(sizes=(300, 300, 8), noise=0.3)

    result = opinion_groups(answers, NAMES, min_group=10)

    assert result["outcome"] == "groups"
    assert all(group["size"] >= 10 for group in result["groups"])
    assert result["k"] == 2


def test_no_grouping_is_shown_when_every_grouping_has_a_group_below_k():
    answers, _ = _planted()

    result = opinion_groups(answers, NAMES, min_group=400)

    assert result["outcome"] == "no_groups"
    assert result["groups"] == []


def test_a_statement_too_few_answered_in_a_group_shows_no_figures():
    answers, _ = _planted()
    answers[5:, 1] = np.nan  # "divisive": answered by 5 respondents only

    result = opinion_groups(answers, NAMES)

    assert result["outcome"] == "groups"
    for section in ("consensus", "divisive"):
        assert _statement(result, section, "divisive") is None
    for group in result["groups"]:
        assert _statement(group, "characteristic", "divisive") is None


def test_without_groups_consensus_is_what_the_whole_panel_shares():
    answers = _structureless()
    answers[:, 0] = _on_five_points(np.random.default_rng(9).normal(1.0, 0.3, len(answers)))

    result = opinion_groups(answers, NAMES)

    assert result["outcome"] == "no_groups"
    assert [row["statement"] for row in result["consensus"]] == ["consensus"]
    assert list(result["consensus"][0]["agree_by_group"]) == ["all"]


def test_the_result_is_json_and_holds_no_per_respondent_data():
    answers, _ = _planted()

    result = opinion_groups(answers, NAMES)

    text = json.dumps(result)
    assert json.loads(text) == result
    assert set(result) == {
        "outcome",
        "n_respondents",
        "k",
        "silhouette",
        "null_silhouette_p95",
        "explained_variance",
        "groups",
        "consensus",
        "divisive",
    }
    assert len(result["explained_variance"]) == 2


def test_silhouette_matches_scikit_learn():
    rng = np.random.default_rng(0)
    points = rng.normal(size=(300, 2))
    labels = np.repeat(np.arange(3), 100)
    labels[0] = 2

    ours = _silhouette(_pairwise_distances(points), labels, 3)

    assert ours == pytest.approx(silhouette_score(points, labels), abs=1e-5)


def test_two_proportion_z_is_the_pooled_test_on_smoothed_counts():
    ours = two_proportion_z(40, 60, 30, 90)

    theirs, _ = proportions_ztest([40 + 1, 30 + 1], [60 + 2, 90 + 2])

    assert float(ours) == pytest.approx(theirs)


def test_agree_scale_and_min_answered():
    assert agree_scale(5) == [-1.0, -0.5, 0.0, 0.5, 1.0]
    assert min_answered(20) == 10
    assert min_answered(4) == 3
    assert min_answered(2) == 2


def test_it_rejects_answers_off_the_agree_scale_and_a_wrong_number_of_names():
    answers, _ = _planted()
    with pytest.raises(ValueError, match="columns"):
        opinion_groups(answers, NAMES[:-1])
    with pytest.raises(ValueError, match=r"\[-1, 1\]"):
        opinion_groups(answers * 5, NAMES)
