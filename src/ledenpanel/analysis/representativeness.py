"""Who answered, compared with who did not: distributions, Cramér's V, R-indicators.

**R-indicator** (Schouten, Cobben & Bethlehem 2009): ``R = 1 − 2·S(ρ̂)``, with
``ρ̂`` the response propensities from a logistic regression (main effects) of
*responded* on the register variables of everyone invited, and ``S`` their
standard deviation over the invited. R = 1: response does not depend on the
variables; lower: it does.

**Partial R-indicators** (Schouten, Shlomo & Skinner 2011), unconditional:
per variable ``P_U(X) = sqrt(Σ_c n_c/n · (ρ̄_c − ρ̄)²)``, per category
``P_U(X, c) = sqrt(n_c/n) · (ρ̄_c − ρ̄)`` (negative: under-represented).

The model is fitted on *cells* (each combination of the variables with its
numbers of respondents and non-respondents), which gives the same estimates
as one row per member and lets the command line work from an aggregated
population file.

**Side by side:** per variable, the distribution of respondents and of
non-respondents with Cramér's V of that 2 × C table (the effect size, shown
first) and the chi-square p-value.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence

import numpy as np

# A very light ridge penalty (C = 10⁴) keeps the estimates finite when a
# category responded entirely or not at all; it changes nothing else.
RIDGE_C = 1e4

Cells = Mapping[tuple[str, ...], tuple[float, float]]  # values → (responded, not responded)
POOLED = "\u2205 hidden"  # the merged hidden categories of a variable


def _design_matrix(
    keys: Sequence[tuple[str, ...]], variables: Sequence[str]
) -> tuple[np.ndarray, list[list[str]]]:
    categories = [sorted({key[i] for key in keys}) for i in range(len(variables))]
    columns = [(i, c) for i, values in enumerate(categories) for c in values[1:]]  # first: ref
    index = {column: position for position, column in enumerate(columns)}
    matrix = np.zeros((len(keys), len(columns)))
    for row, key in enumerate(keys):
        for i, value in enumerate(key):
            column = index.get((i, value))
            if column is not None:
                matrix[row, column] = 1.0
    return matrix, categories


def cell_propensities(cells: Cells, variables: Sequence[str]) -> dict[tuple[str, ...], float]:
    """Each cell's estimated response propensity (logistic regression, main effects)."""
    keys = [key for key, (yes, no) in cells.items() if yes + no > 0]
    yes = np.array([cells[key][0] for key in keys], dtype=float)
    no = np.array([cells[key][1] for key in keys], dtype=float)
    matrix, _categories = _design_matrix(keys, variables)
    overall = yes.sum() / (yes.sum() + no.sum())
    if yes.sum() == 0 or no.sum() == 0 or matrix.shape[1] == 0:
        return dict.fromkeys(keys, float(overall))
    from sklearn.linear_model import LogisticRegression  # slow import: only when used

    model = LogisticRegression(C=RIDGE_C, max_iter=2000)
    model.fit(
        np.vstack([matrix, matrix]),
        np.concatenate([np.ones(len(keys)), np.zeros(len(keys))]),
        sample_weight=np.concatenate([yes, no]),
    )
    return dict(zip(keys, model.predict_proba(matrix)[:, 1].tolist(), strict=True))


def pool_hidden(
    cells: Cells, variables: Sequence[str], hidden: Mapping[str, Collection[str]]
) -> dict[tuple[str, ...], tuple[float, float]]:
    """The cells with each variable's hidden categories merged into one.

    A figure computed on all categories would pin down the hidden counts
    (with two hidden, their sum is known and the figure fixes the rest); on
    the merged category it tells only what "total minus shown" tells anyway.
    """
    pooled: dict[tuple[str, ...], tuple[float, float]] = {}
    for key, (yes, no) in cells.items():
        merged = tuple(
            POOLED if value in hidden.get(variable, ()) else value
            for variable, value in zip(variables, key, strict=True)
        )
        old_yes, old_no = pooled.get(merged, (0.0, 0.0))
        pooled[merged] = (old_yes + yes, old_no + no)
    return pooled


def r_indicator_from_cells(
    cells: Cells,
    variables: Sequence[str],
    *,
    hidden: Mapping[str, Collection[str]] | None = None,
) -> dict | None:
    """R and the unconditional partial R-indicators, hidden categories merged.

    Categories whose participation is hidden (variable → categories) are
    merged into one before the model is fitted (:func:`pool_hidden`), and get
    None: a category's mean propensity is close to its response rate.
    """
    hidden = hidden or {}
    cells = pool_hidden(cells, variables, hidden)
    rho = cell_propensities(cells, variables)
    sizes = {key: cells[key][0] + cells[key][1] for key in rho}
    n = sum(sizes.values())
    if n < 2:
        return None
    mean = sum(sizes[key] * rho[key] for key in rho) / n
    variance = sum(sizes[key] * (rho[key] - mean) ** 2 for key in rho) / (n - 1)
    spread = math.sqrt(variance)
    partials: dict[str, dict] = {}
    for i, variable in enumerate(variables):
        totals: dict[str, float] = {}
        weighted: dict[str, float] = {}
        for key in rho:
            totals[key[i]] = totals.get(key[i], 0.0) + sizes[key]
            weighted[key[i]] = weighted.get(key[i], 0.0) + sizes[key] * rho[key]
        categories: dict[str, float | None] = {}
        squares = 0.0
        for category in sorted(totals):
            value = math.sqrt(totals[category] / n) * (weighted[category] / totals[category] - mean)
            squares += value * value
            if category != POOLED:
                categories[category] = round(value, 4)
        categories.update(dict.fromkeys(sorted(hidden.get(variable, ())), None))
        partials[variable] = {
            "unconditional": round(math.sqrt(squares), 4),
            "categories": categories,
        }
    return {
        "r": round(1 - 2 * spread, 4),
        "sd_propensity": round(spread, 4),
        "mean_propensity": round(mean, 4),
        "variables": list(variables),
        "invited": round(n),
        "partials": partials,
    }


def compare_distributions(
    respondents: Mapping[str, float],
    nonrespondents: Mapping[str, float],
    *,
    hidden: Collection[str] = (),
) -> dict:
    """Respondents and non-respondents on one variable: Cramér's V and p.

    Hidden categories are merged into one first, as in :func:`pool_hidden`.
    """

    def merged(counts: Mapping[str, float]) -> dict[str, float]:
        result: dict[str, float] = {}
        for category, count in counts.items():
            name = POOLED if category in hidden else category
            result[name] = result.get(name, 0.0) + count
        return result

    respondents, nonrespondents = merged(respondents), merged(nonrespondents)
    categories = sorted(set(respondents) | set(nonrespondents))
    table = np.array(
        [
            [respondents.get(c, 0.0) for c in categories],
            [nonrespondents.get(c, 0.0) for c in categories],
        ]
    )
    kept = table.sum(axis=0) > 0
    table = table[:, kept]
    result: dict = {"cramers_v": None, "p": None}
    if table.shape[1] >= 2 and (table.sum(axis=1) > 0).all():
        # Slow import (0.6 s): every Django process loads this module through
        # the close procedure, only the close and the analysis run it.
        from scipy import stats

        chi2, p, _dof, _expected = stats.chi2_contingency(table, correction=False)
        result["cramers_v"] = round(math.sqrt(chi2 / table.sum()), 4)  # min(r, c) − 1 = 1
        result["p"] = round(float(p), 6)
    return result
