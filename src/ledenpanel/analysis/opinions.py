"""Opinion groups in the manner of Polis: who thinks alike about the statements.

Re-implements the published Polis method (Small et al., "Polis: Scaling
deliberation by mapping high dimensional opinion spaces", 2021, and the
compdemocracy.org notes); no Polis code (AGPL-3.0) is used.

Input: a respondents × statements matrix with agreement coded in [-1, 1]
(a 5-point agree scale is -1, -0.5, 0, 0.5, 1; see :func:`agree_scale`) and
NaN for "weet niet" or not answered. Agree is a value > 0, disagree < 0,
0 is neutral (counted in the denominator of a share, like a Polis "pass"),
NaN is not counted at all.

The steps and the choices made in them:

1. **Who counts.** A respondent needs at least :func:`min_answered`
   statements answered: half of them, and never fewer than 3 (Polis drops
   voters with fewer than 7 votes, but a panel has far fewer statements).
   Fewer than ``max(30, 2 × min_group)`` such respondents, or fewer than 2
   statements, gives ``"too_few"``.
2. **Map.** Missing answers are imputed by the statement mean, then each
   statement is *centred*, not standardised: all statements share one
   agreement scale, and standardising would blow up the noise of statements
   nearly everyone agrees on. PCA keeps 2 components, as Polis does: the
   opinion map is 2-D and holds up to 5 groups when their centres are not
   collinear. Like Polis, a respondent's scores are multiplied by
   ``sqrt(statements / answered)``, so imputation does not pull those who
   skipped statements towards the centre.
3. **Groups.** k-means (k-means++, ``n_init`` = 4, seeded) on the scores for
   k = 2..5; k is the one with the best silhouette among the k whose every
   group holds at least ``min_group`` respondents. For speed the silhouette
   is computed on a seeded sample of at most 1,000 respondents (exact below
   that); the final grouping is refitted on everyone with the chosen k.
4. **No distinct groups.** The same procedure (2-3) runs on 20 seeded
   permutations of the sample, each statement's column shuffled on its own:
   that keeps every statement's answer distribution but destroys who agrees
   with whom. The outcome is ``"groups"`` only when the observed best
   silhouette is above the 95th percentile of these null silhouettes *and*
   at least 0.4 (an absolute floor: on structureless answers the best
   silhouette is about 0.35, and a chance win over the 95th percentile, 1 in
   20 by construction, must not yield groups). Note that one continuous
   spectrum (a single left-right axis, no gap) is real structure and is
   usually cut into its two sides (silhouette about 0.5), as Polis would.
   When the final grouping on everyone has a group below ``min_group``, there
   is no usable grouping either: ``"no_groups"``. Groups are never merged, as
   a merged group would not be a k-means group.
5. **What marks a group** (Polis "representativeness"). Per group and
   statement, with Laplace-smoothed shares ``(count + 1) / (n + 2)``:
   ``ra = P(agree | group) / P(agree | others)`` (``rd`` likewise for
   disagree) and a pooled two-proportion z-test of group against others. A
   statement is characteristic in the direction with the larger ratio when
   that ratio is above 1 and z ≥ 1.96 (two-sided 5 %); the 5 with the largest
   ratio are shown.
6. **Consensus** (group-aware consensus): the product over groups of the
   smoothed agree share (and likewise disagree). A statement is a consensus
   statement when at least 60 % of every group agrees (or disagrees) with
   it, ranked by that product. With ``"no_groups"`` the whole panel is the
   one group (key ``"all"``): what the panel broadly shares.
7. **Divisive**: the spread (max − min) of the groups' agree shares is at
   least 0.3 (30 points), ranked by spread.

Small groups: a group below ``min_group`` is never shown, and a statement is
left out of a group's figures (and out of consensus and divisive) when fewer
than ``min_group`` of that group answered it. Per-respondent group labels
never leave this module; :func:`_cluster_labels` exists for the tests only.
"""

from __future__ import annotations

import math
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from threadpoolctl import threadpool_limits

from ledenpanel.analysis.disclosure import DEFAULT_MIN_GROUP

Outcome = Literal["groups", "no_groups", "too_few"]

MIN_ANSWERED_FLOOR = 3
MIN_ANSWERED_SHARE = 0.5
MIN_RESPONDENTS_FLOOR = 30
MIN_STATEMENTS = 2
N_COMPONENTS = 2
K_CANDIDATES = range(2, 6)
N_INIT = 4
SILHOUETTE_SAMPLE = 1000
N_PERMUTATIONS = 20
NULL_QUANTILE = 0.95
SILHOUETTE_FLOOR = 0.4
Z_SIGNIFICANT = 1.96
MAX_CHARACTERISTIC = 5
CONSENSUS_MIN_SHARE = 0.6
DIVISIVE_MIN_SPREAD = 0.3
WHOLE_PANEL = "all"
DECIMALS = 4


# ---------------------------------------------------------------- small helpers


def agree_scale(n_choices: int) -> list[float]:
    """The codes of an agree scale of ``n_choices`` options, disagree → agree.

    Evenly spaced in [-1, 1]: 5 options give -1, -0.5, 0, 0.5, 1.
    """
    if n_choices < 2:
        raise ValueError("an agree scale needs at least 2 options")
    return [float(value) for value in np.linspace(-1.0, 1.0, n_choices)]


def min_answered(n_statements: int) -> int:
    """Statements a respondent must have answered to be placed on the map."""
    needed = max(MIN_ANSWERED_FLOOR, math.ceil(MIN_ANSWERED_SHARE * n_statements))
    return min(needed, n_statements)


def min_respondents(min_group: int) -> int:
    """Respondents needed before opinion groups are looked for at all."""
    return max(MIN_RESPONDENTS_FLOOR, 2 * min_group)


def smoothed_share(count: np.ndarray | float, n: np.ndarray | float) -> np.ndarray:
    """Laplace-smoothed share ``(count + 1) / (n + 2)``: never 0 or 1."""
    return (np.asarray(count, dtype=float) + 1.0) / (np.asarray(n, dtype=float) + 2.0)


def two_proportion_z(
    count_1: np.ndarray | float,
    n_1: np.ndarray | float,
    count_2: np.ndarray | float,
    n_2: np.ndarray | float,
) -> np.ndarray:
    """Pooled two-proportion z statistic of the smoothed shares (1 against 2)."""
    share_1 = smoothed_share(count_1, n_1)
    share_2 = smoothed_share(count_2, n_2)
    n_1s = np.asarray(n_1, dtype=float) + 2.0
    n_2s = np.asarray(n_2, dtype=float) + 2.0
    pooled = (share_1 * n_1s + share_2 * n_2s) / (n_1s + n_2s)
    standard_error = np.sqrt(pooled * (1.0 - pooled) * (1.0 / n_1s + 1.0 / n_2s))
    return (share_1 - share_2) / standard_error


# ---------------------------------------------------------------- the map


def _project(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """2-D PCA scores of answers with NaN, and the explained variance ratios."""
    answered = ~np.isnan(values)
    # Mean imputation then centring: an unanswered statement contributes 0.
    # (A permutation sample may hold no answer to a rarely answered statement:
    # its column is then all zeros, without nanmean's empty-slice warning.)
    sums = np.where(answered, values, 0.0).sum(axis=0)
    means = sums / np.maximum(answered.sum(axis=0), 1)
    centred = np.where(answered, values - means, 0.0)
    # Few statements, many respondents: the eigen-decomposition of the small
    # covariance matrix is the fast exact route.
    pca = PCA(n_components=N_COMPONENTS, svd_solver="covariance_eigh")
    scores = pca.fit_transform(centred)
    # Polis: scale up those who answered fewer statements, whose imputed
    # zeros would otherwise shrink them towards the centre of the map.
    n_answered = np.maximum(answered.sum(axis=1), 1)
    scores *= np.sqrt(values.shape[1] / n_answered)[:, None]
    return scores, pca.explained_variance_ratio_


def _pairwise_distances(points: np.ndarray) -> np.ndarray:
    # float32 halves the time of the largest array here; silhouettes only
    # need three digits.
    points = points.astype(np.float32)
    squared = (points**2).sum(axis=1)
    distances = points @ (-2.0 * points.T)
    distances += squared[:, None]
    distances += squared[None, :]
    np.maximum(distances, 0.0, out=distances)
    return np.sqrt(distances, out=distances)


def _silhouette(distances: np.ndarray, labels: np.ndarray, k: int) -> float:
    """Mean silhouette (Rousseeuw 1987) from a distance matrix.

    Same definition as ``sklearn.metrics.silhouette_score`` (singletons score
    0); done here with one matrix product because the distance matrix is
    shared by every k and every permutation run, where sklearn would
    recompute per call.
    """
    onehot = np.zeros((labels.size, k), dtype=distances.dtype)
    onehot[np.arange(labels.size), labels] = 1.0
    sizes = np.bincount(labels, minlength=k).astype(float)
    sums = (distances @ onehot).astype(float)  # distance of each point to every cluster, summed
    own = sizes[labels]
    within = sums[np.arange(labels.size), labels] / np.maximum(own - 1.0, 1.0)
    mean_to = sums / np.maximum(sizes, 1.0)
    mean_to[np.arange(labels.size), labels] = np.inf
    nearest = mean_to.min(axis=1)
    widths = np.maximum(within, nearest)
    scores = np.where(
        (own > 1) & (widths > 0), (nearest - within) / np.where(widths > 0, widths, 1.0), 0.0
    )
    return float(scores.mean())


def _kmeans(points: np.ndarray, k: int, seed: int) -> KMeans:
    return KMeans(n_clusters=k, n_init=N_INIT, random_state=seed).fit(points)


@dataclass(frozen=True)
class _Choice:
    k: int | None  # None: no k gives groups of at least min_group
    silhouette: float


def _choose_k(points: np.ndarray, n_total: int, min_group: int, seed: int) -> _Choice:
    """Best-silhouette k among those whose groups all reach ``min_group``.

    ``points`` may be a sample of ``n_total`` respondents: group sizes are
    scaled up to the whole before they are compared with ``min_group``.
    """
    distances = _pairwise_distances(points)
    scale_up = n_total / points.shape[0]
    best = _Choice(k=None, silhouette=-1.0)
    for k in K_CANDIDATES:
        if k * min_group > n_total or k >= points.shape[0]:
            break
        labels = _kmeans(points, k, seed).labels_
        if np.bincount(labels, minlength=k).min() * scale_up < min_group:
            continue
        silhouette = _silhouette(distances, labels, k)
        if silhouette > best.silhouette:
            best = _Choice(k=k, silhouette=silhouette)
    return best


def _null_silhouettes(
    values: np.ndarray, n_total: int, min_group: int, rng: np.random.Generator
) -> np.ndarray:
    """Best silhouettes of the same procedure on column-wise permuted answers."""
    results = np.empty(N_PERMUTATIONS)
    for index in range(N_PERMUTATIONS):
        # Each column shuffled on its own (NaN travels with its column):
        # marginals kept, structure between statements destroyed.
        permuted = rng.permuted(values, axis=0)
        scores, _ = _project(permuted)
        choice = _choose_k(scores, n_total, min_group, int(rng.integers(2**31)))
        results[index] = choice.silhouette
    return results


@dataclass
class _Fit:
    outcome: Outcome
    n_respondents: int
    eligible: np.ndarray  # bool per input row
    k: int | None = None
    silhouette: float | None = None
    null_p95: float | None = None
    explained: list[float] = field(default_factory=list)
    labels: np.ndarray | None = None  # per eligible respondent, 0..k-1 by group size


def _validate(matrix: np.ndarray, statements: Sequence[str], min_group: int) -> np.ndarray:
    values = np.asarray(matrix, dtype=float)
    if values.ndim != 2:
        raise ValueError("the answers must be a respondents × statements matrix")
    if values.shape[1] != len(statements):
        raise ValueError(f"{values.shape[1]} columns but {len(statements)} statement names")
    if np.any(np.abs(values[~np.isnan(values)]) > 1.0):
        raise ValueError("agreement must be coded in [-1, 1] (NaN for weet niet)")
    if min_group < 1:
        raise ValueError("min_group must be at least 1")
    return values


def _fit(matrix: np.ndarray, statements: Sequence[str], *, seed: int, min_group: int) -> _Fit:
    # The matrices here are tiny, so one thread does. Multi-threaded OpenBLAS
    # workers spinning next to k-means' OpenMP threads made the run 5× slower
    # on 2 cores, and OpenMP barriers waiting for a descheduled thread made
    # it 20× slower on a busy machine.
    with threadpool_limits(limits=1):
        return _fit_single_threaded(matrix, statements, seed=seed, min_group=min_group)


def _fit_single_threaded(
    matrix: np.ndarray, statements: Sequence[str], *, seed: int, min_group: int
) -> _Fit:
    values = _validate(matrix, statements, min_group)
    n_statements = values.shape[1]
    eligible = (~np.isnan(values)).sum(axis=1) >= min_answered(n_statements)
    n_eligible = int(eligible.sum())
    if n_statements < MIN_STATEMENTS or n_eligible < min_respondents(min_group):
        return _Fit(outcome="too_few", n_respondents=n_eligible, eligible=eligible)

    answers = values[eligible]
    # A statement nobody answered carries no information (and has no mean).
    answers = answers[:, ~np.all(np.isnan(answers), axis=0)]
    if answers.shape[1] < MIN_STATEMENTS:
        return _Fit(outcome="too_few", n_respondents=n_eligible, eligible=eligible)

    rng = np.random.default_rng(seed)
    kmeans_seed = int(rng.integers(2**31))
    scores, explained = _project(answers)
    sample = np.arange(n_eligible)
    if n_eligible > SILHOUETTE_SAMPLE:
        sample = np.sort(rng.choice(n_eligible, SILHOUETTE_SAMPLE, replace=False))
    observed = _choose_k(scores[sample], n_eligible, min_group, kmeans_seed)
    null = _null_silhouettes(answers[sample], n_eligible, min_group, rng)
    fit = _Fit(
        outcome="no_groups",
        n_respondents=n_eligible,
        eligible=eligible,
        silhouette=observed.silhouette if observed.k is not None else None,
        null_p95=float(np.quantile(null, NULL_QUANTILE)),
        explained=[float(ratio) for ratio in explained],
    )
    distinct = (
        observed.k is not None
        and observed.silhouette > fit.null_p95
        and observed.silhouette >= SILHOUETTE_FLOOR
    )
    if not distinct:
        return fit
    assert observed.k is not None
    final = _kmeans(scores, observed.k, kmeans_seed)
    sizes = np.bincount(final.labels_, minlength=observed.k)
    if sizes.min() < min_group:
        return fit  # no usable grouping: a group would have to be hidden
    # Name groups by size (A largest), ties by position on the map, so the
    # result does not depend on k-means' arbitrary numbering.
    order = sorted(
        range(observed.k), key=lambda c: (-sizes[c], *final.cluster_centers_[c].round(9))
    )
    relabel = np.empty(observed.k, dtype=int)
    relabel[order] = np.arange(observed.k)
    fit.outcome = "groups"
    fit.k = observed.k
    fit.labels = relabel[final.labels_]
    return fit


def _cluster_labels(
    matrix: np.ndarray,
    statements: Sequence[str],
    *,
    seed: int = 0,
    min_group: int = DEFAULT_MIN_GROUP,
) -> np.ndarray:
    """Group per input row (0 = A, …; -1: not placed or no groups). Tests only:
    per-respondent labels must never leave the analysis."""
    fit = _fit(matrix, statements, seed=seed, min_group=min_group)
    labels = np.full(len(fit.eligible), -1)
    if fit.labels is not None:
        labels[fit.eligible] = fit.labels
    return labels


# ---------------------------------------------------------------- the statements


@dataclass(frozen=True)
class _Counts:
    """Per group (rows) and statement (columns): agree, disagree, answered."""

    agree: np.ndarray
    disagree: np.ndarray
    answered: np.ndarray

    @property
    def agree_share(self) -> np.ndarray:
        return self.agree / np.maximum(self.answered, 1)

    @property
    def disagree_share(self) -> np.ndarray:
        return self.disagree / np.maximum(self.answered, 1)


def _count(answers: np.ndarray, labels: np.ndarray, k: int) -> _Counts:
    answered = ~np.isnan(answers)
    # NaN compares False both ways: "weet niet" is neither agree nor disagree.
    with np.errstate(invalid="ignore"):
        agrees, disagrees = answers > 0, answers < 0
    members = [labels == group for group in range(k)]
    return _Counts(
        agree=np.array([agrees[rows].sum(axis=0) for rows in members], dtype=float),
        disagree=np.array([disagrees[rows].sum(axis=0) for rows in members], dtype=float),
        answered=np.array([answered[rows].sum(axis=0) for rows in members], dtype=float),
    )


def _group_ids(k: int) -> list[str]:
    return list(string.ascii_uppercase[:k])


def _round(value: float) -> float:
    return round(float(value), DECIMALS)


def _characteristic(
    counts: _Counts, group: int, statements: Sequence[str], min_group: int
) -> list[dict[str, Any]]:
    """Polis representativeness of each statement for one group against the rest."""
    others = [g for g in range(counts.answered.shape[0]) if g != group]
    n_in, n_out = counts.answered[group], counts.answered[others].sum(axis=0)
    rows = []
    for direction, tally in (("agree", counts.agree), ("disagree", counts.disagree)):
        in_count, out_count = tally[group], tally[others].sum(axis=0)
        ratio = smoothed_share(in_count, n_in) / smoothed_share(out_count, n_out)
        z = two_proportion_z(in_count, n_in, out_count, n_out)
        rows.append((direction, ratio, z))
    result = []
    for j, name in enumerate(statements):
        if n_in[j] < min_group or n_out[j] < min_group:
            continue
        direction, ratio, z = max(rows, key=lambda row: row[1][j])
        if ratio[j] <= 1.0 or z[j] < Z_SIGNIFICANT:
            continue
        out_agree = counts.agree[others, j].sum() / n_out[j]
        out_disagree = counts.disagree[others, j].sum() / n_out[j]
        result.append(
            {
                "statement": name,
                "agree": _round(counts.agree_share[group, j]),
                "disagree": _round(counts.disagree_share[group, j]),
                "agree_others": _round(out_agree),
                "disagree_others": _round(out_disagree),
                "direction": direction,
                "score": _round(ratio[j]),
                "z": _round(z[j]),
            }
        )
    result.sort(key=lambda row: (-row["score"], -row["z"], row["statement"]))
    return result[:MAX_CHARACTERISTIC]


def _shown_statements(counts: _Counts, min_group: int) -> np.ndarray:
    """Statements every group answered often enough to show its shares."""
    return np.all(counts.answered >= min_group, axis=0)


def _consensus(
    counts: _Counts, ids: list[str], statements: Sequence[str], min_group: int
) -> list[dict[str, Any]]:
    shown = _shown_statements(counts, min_group)
    result = []
    for direction, tally, shares in (
        ("agree", counts.agree, counts.agree_share),
        ("disagree", counts.disagree, counts.disagree_share),
    ):
        product = np.prod(smoothed_share(tally, counts.answered), axis=0)
        everyone = np.all(shares >= CONSENSUS_MIN_SHARE, axis=0) & shown
        for j in np.flatnonzero(everyone):
            result.append(
                {
                    "statement": statements[j],
                    "direction": direction,
                    "agree_by_group": _by_group(ids, counts.agree_share[:, j]),
                    "disagree_by_group": _by_group(ids, counts.disagree_share[:, j]),
                    "score": _round(product[j]),
                }
            )
    result.sort(key=lambda row: (-row["score"], row["statement"]))
    return result


def _divisive(
    counts: _Counts, ids: list[str], statements: Sequence[str], min_group: int
) -> list[dict[str, Any]]:
    shares = counts.agree_share
    spread = shares.max(axis=0) - shares.min(axis=0)
    wide = (spread >= DIVISIVE_MIN_SPREAD) & _shown_statements(counts, min_group)
    result = [
        {
            "statement": statements[j],
            "agree_by_group": _by_group(ids, shares[:, j]),
            "disagree_by_group": _by_group(ids, counts.disagree_share[:, j]),
            "spread": _round(spread[j]),
        }
        for j in np.flatnonzero(wide)
    ]
    result.sort(key=lambda row: (-row["spread"], row["statement"]))
    return result


def _by_group(ids: list[str], shares: np.ndarray) -> dict[str, float]:
    return {group: _round(share) for group, share in zip(ids, shares, strict=True)}


# ---------------------------------------------------------------- the entry point


def opinion_groups(
    matrix: np.ndarray,
    statements: Sequence[str],
    *,
    seed: int = 0,
    min_group: int = DEFAULT_MIN_GROUP,
) -> dict[str, Any]:
    """Opinion groups, their characteristic statements, consensus and division.

    ``matrix``: respondents × statements, agreement in [-1, 1], NaN for
    "weet niet" / not answered. Returns a JSON-ready dict (see the module
    docstring for the method); group labels per respondent are not in it.
    """
    fit = _fit(matrix, statements, seed=seed, min_group=min_group)
    result: dict[str, Any] = {
        "outcome": fit.outcome,
        "n_respondents": fit.n_respondents,
        "k": fit.k,
        "silhouette": None if fit.silhouette is None else _round(fit.silhouette),
        "null_silhouette_p95": None if fit.null_p95 is None else _round(fit.null_p95),
        "explained_variance": [_round(ratio) for ratio in fit.explained],
        "groups": [],
        "consensus": [],
        "divisive": [],
    }
    if fit.outcome == "too_few":
        return result
    answers = np.asarray(matrix, dtype=float)[fit.eligible]
    if fit.labels is None or fit.k is None:
        # No groups: what the panel as a whole broadly shares.
        everyone = _count(answers, np.zeros(fit.n_respondents, dtype=int), 1)
        result["consensus"] = _consensus(everyone, [WHOLE_PANEL], statements, min_group)
        return result
    ids = _group_ids(fit.k)
    counts = _count(answers, fit.labels, fit.k)
    sizes = np.bincount(fit.labels, minlength=fit.k)
    result["groups"] = [
        {
            "id": ids[group],
            "size": int(sizes[group]),
            "share": _round(sizes[group] / fit.n_respondents),
            "characteristic": _characteristic(counts, group, statements, min_group),
        }
        for group in range(fit.k)
    ]
    result["consensus"] = _consensus(counts, ids, statements, min_group)
    result["divisive"] = _divisive(counts, ids, statements, min_group)
    return result
