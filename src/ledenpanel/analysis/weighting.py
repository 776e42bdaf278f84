"""Raking a member panel to its population's margins, then trimming the weights.

:func:`rake` gives every respondent a weight so that the weighted panel
matches the population on each weighting variable separately (iterative
proportional fitting to the margins), then keeps the weights within
``LO–HI × the mean weight`` by trimming and raking again until both hold or
no longer can. svy (0.35.0, pinned) does the raking and the trim-rake cycle;
the returned :class:`~ledenpanel.analysis.design.Design` carries svy's
raking record, so its standard errors credit the calibration (Taylor
linearisation, finite population correction N = ``population_size``).

Data problems are settled before raking, each with a plain-English note:

- **A respondent without a value** on a weighting variable (``None``) is put
  in an "unknown" category of that variable whose target is the unknowns'
  own share of the panel, so they keep their share of the weight and are
  not adjusted on that variable; the respondents with a known value are
  raked to the population's *distribution* over the known categories. All
  margins still add up to the population size. The known categories then
  total ``(1 − unknown share) × N`` rather than their population counts, so
  those margins are met in proportion rather than in count; the note says
  so.
- **A respondent in a category the population's margins lack** (or give
  zero members) is treated as unknown on that variable, with a note.
- **A population category without respondents** is left out, and the
  variable's other categories are scaled up proportionally to the same
  total, so all margins stay consistent (sum to ``population_size``). No
  collapsing: band order is not known here, and nominal variables (regions)
  have no neighbour to merge with.
- **Margins that do not add up to** ``population_size`` (the population
  file has members without a value) are scaled to it: the members without a
  value are assumed to be distributed like the others.
- **A variable with fewer than two usable categories** adjusts nothing and
  is skipped.

Trimming: weights outside ``LO–HI × mean`` after raking are trimmed and the
excess spread over the other weights (svy's ``trim``), then raked again,
repeated up to 100 rounds (svy's trim-rake cycle; the last step is always a
rake, so the margins hold). When the margins demand weights beyond the
bounds, the cycle cannot end within them: the margins are kept, the weights
stay outside, and a note says how far.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
import polars as pl
import svy

from ledenpanel.analysis.design import (
    Design,
    WeightingReport,
    describe_method,
    kish_weighting_effect,
)

UNKNOWN = "\u2205 unknown"  # the category of respondents without a usable value
RAKE_TOLERANCE = 1e-10  # relative margin error at which IPF stops
RAKE_MAX_ITERATIONS = 2000
TRIM_ROUNDS = 100
CHECK_TOLERANCE = 1e-6  # relative: "margins met" and "within the bounds"

_BASE_WEIGHT = "base_weight"
_WEIGHT = "weight"
_POPULATION = "population_size"


def rake(
    background: Mapping[str, Sequence[str | None]],
    margins: Mapping[str, Mapping[str, float]],
    *,
    population_size: float,
    trim: tuple[float, float] | None = (0.2, 5.0),
) -> Design:
    """Rake the respondents to ``margins`` and trim the weights to ``trim`` × mean.

    ``background``: variable → one band label per respondent (``None``:
    unknown). ``margins``: variable → category → members in the population;
    every variable in ``margins`` is raked on. The weights sum to
    ``population_size``. ``trim=None`` rakes without trimming. See the module
    docstring for how missing values, empty categories and unknown categories
    are handled; each case adds a note to ``design.weighting.notes``.
    """
    n = _respondent_count(background, margins)
    if population_size < n:
        raise ValueError(f"population_size {population_size} is smaller than n={n}")
    if trim is not None and not (0 < trim[0] < 1 < trim[1]):
        raise ValueError(f"trim bounds must satisfy 0 < LO < 1 < HI, got {trim}")

    notes: list[str] = []
    columns: dict[str, list[str]] = {}
    controls: dict[str, dict[str, float]] = {}
    names: dict[str, str] = {}
    for index, (variable, margin) in enumerate(margins.items()):
        planned = _plan_margin(variable, background[variable], margin, population_size, notes)
        if planned is None:
            continue
        column = f"margin_{index}"  # the variable's own name could clash with ours
        names[column] = variable
        columns[column], controls[column] = planned

    mean_weight = population_size / n
    frame = pl.DataFrame(
        {**columns, _BASE_WEIGHT: [mean_weight] * n, _POPULATION: [float(population_size)] * n}
    )
    design = svy.Design(wgt=_BASE_WEIGHT, pop_size=_POPULATION)
    if not controls:
        notes.append("No usable weighting variable: every respondent has the same weight.")
        return Design(
            svy.Sample(frame, design),
            population_size=population_size,
            ci_method=describe_method("equal weights", population_size),
            weighting=WeightingReport(effective_n=float(n), notes=tuple(notes)),
        )

    sample = _raked_sample(frame, design, controls, bounds=None)
    raked = _weights(sample)
    bounds = None if trim is None else (trim[0] * mean_weight, trim[1] * mean_weight)
    n_trimmed = 0 if bounds is None else int(np.sum(_outside(raked, bounds)))
    if n_trimmed:
        sample = _raked_sample(frame, design, controls, bounds=bounds)
    weights = _weights(sample)

    margin_error = _max_margin_error(weights, columns, controls)
    margins_met = margin_error <= CHECK_TOLERANCE
    within_bounds = bounds is None or not np.any(_outside(weights, bounds))
    if n_trimmed and trim is not None and bounds is not None:
        notes.append(_trim_note(n_trimmed, trim, weights, bounds, mean_weight, within_bounds))
    if not margins_met:
        notes.append(
            "The weights could not meet every margin: the largest difference is "
            f"{margin_error:.2%} of a category's target."
        )
    effect = kish_weighting_effect(weights)
    report = WeightingReport(
        variables=tuple(names.values()),
        weighting_effect=effect,
        effective_n=n / effect,
        n_trimmed=n_trimmed,
        margins_met=margins_met,
        within_bounds=within_bounds,
        converged=margins_met and within_bounds,
        max_margin_error=margin_error,
        trim=trim,
        notes=tuple(notes),
    )
    return Design(
        sample,
        population_size=population_size,
        ci_method=describe_method(f"raked on {', '.join(report.variables)}", population_size),
        weighting=report,
    )


def _raked_sample(
    frame: pl.DataFrame,
    design: svy.Design,
    controls: Mapping[str, Mapping[str, float]],
    *,
    bounds: tuple[float, float] | None,
) -> svy.Sample:
    """Rake ``frame`` under ``design`` to ``controls`` with svy, trimming to ``bounds``.

    The one place the package calls svy's raking: :func:`rake` uses it for
    panels, the tests for R ``survey``'s cluster and stratified reference
    designs, so the product's calls are the ones proven against R.
    Non-convergence is not an error here; the caller checks the result.
    """
    trimming = (
        None
        if bounds is None
        else svy.TrimConfig(lower=bounds[0], upper=bounds[1], max_iter=TRIM_ROUNDS)
    )
    return svy.Sample(frame, design).weighting.rake(
        controls={column: dict(targets) for column, targets in controls.items()},
        wgt_name=_WEIGHT,
        tol=RAKE_TOLERANCE,
        max_iter=RAKE_MAX_ITERATIONS,
        on_nonconvergence="ignore",
        trimming=trimming,
    )


def _plan_margin(
    variable: str,
    values: Sequence[str | None],
    margin: Mapping[str, float],
    population_size: float,
    notes: list[str],
) -> tuple[list[str], dict[str, float]] | None:
    """The respondents' categories and the targets for one variable (None: skip it)."""
    population = {category: float(count) for category, count in margin.items() if count > 0}
    outsiders = Counter(value for value in values if value is not None and value not in population)
    if outsiders:
        shown = ", ".join(repr(category) for category in sorted(outsiders))
        notes.append(
            f"{variable}: {_count(sum(outsiders.values()))} in {shown}, which the population's "
            f"margins do not have; they are weighted as unknown on {variable}."
        )
    codes = [value if value in population else UNKNOWN for value in values]
    present = Counter(codes)
    empty = [category for category in population if present[category] == 0]
    if empty:
        members = sum(population[category] for category in empty)
        notes.append(
            f"{variable}: no respondent in {', '.join(repr(c) for c in empty)} "
            f"({members:,.0f} members); left out of the weighting, and the other "
            f"categories of {variable} are scaled up to the same total."
        )
    kept = {category: count for category, count in population.items() if present[category]}
    if len(kept) < 2:
        notes.append(
            f"{variable}: fewer than two categories with respondents; not used for weighting."
        )
        return None
    margin_total = sum(population.values())
    if abs(margin_total - population_size) > CHECK_TOLERANCE * population_size:
        notes.append(
            f"{variable}: the margins add up to {margin_total:,.0f}, not the population size "
            f"{population_size:,.0f}; members without a known {variable} are assumed to be "
            "distributed like the others."
        )
    unknown = present[UNKNOWN]
    unknown_share = unknown / len(codes)
    if unknown:
        notes.append(
            f"{variable}: {_count(unknown)} ({unknown_share:.1%}) without a usable value keep "
            f"their share of the weight; the others are weighted to the population's "
            f"distribution of {variable}, so its categories are met in proportion, not in count."
        )
    # Equal base weights: the unknowns' share of the weight is their share of respondents.
    known_total = population_size * (1.0 - unknown_share)
    kept_total = sum(kept.values())
    targets = {category: known_total * count / kept_total for category, count in kept.items()}
    if unknown:
        targets[UNKNOWN] = population_size * unknown_share
    return codes, targets


def _respondent_count(
    background: Mapping[str, Sequence[str | None]], margins: Mapping[str, Mapping[str, float]]
) -> int:
    missing = [variable for variable in margins if variable not in background]
    if missing:
        raise ValueError(f"no background values for weighting variable(s) {missing!r}")
    lengths = {len(background[variable]) for variable in margins}
    if len(lengths) > 1:
        raise ValueError("background variables differ in length")
    n = lengths.pop() if lengths else len(next(iter(background.values()), []))
    if n < 1:
        raise ValueError("raking needs at least one respondent")
    return n


def _weights(sample: svy.Sample) -> np.ndarray:
    return sample.data.get_column(_WEIGHT).to_numpy().astype(np.float64)


def _outside(weights: np.ndarray, bounds: tuple[float, float]) -> np.ndarray:
    low, high = bounds
    return (weights < low * (1 - CHECK_TOLERANCE)) | (weights > high * (1 + CHECK_TOLERANCE))


def _max_margin_error(
    weights: np.ndarray,
    columns: Mapping[str, Sequence[str]],
    controls: Mapping[str, Mapping[str, float]],
) -> float:
    """Largest relative difference between a weighted category total and its target."""
    worst = 0.0
    for column, targets in controls.items():
        codes = np.asarray(columns[column], dtype=object)
        for category, target in targets.items():
            total = float(weights[codes == category].sum())
            worst = max(worst, abs(total - target) / target)
    return worst


def _trim_note(
    n_trimmed: int,
    trim: tuple[float, float],
    weights: np.ndarray,
    bounds: tuple[float, float],
    mean_weight: float,
    within_bounds: bool,
) -> str:
    span = f"{trim[0]:g}–{trim[1]:g} × the mean weight"
    if within_bounds:
        return (
            f"{_count(n_trimmed, 'weight')} fell outside {span} after raking; they were "
            "trimmed and the weights raked again."
        )
    still = int(np.sum(_outside(weights, bounds)))
    return (
        f"{_count(n_trimmed, 'weight')} fell outside {span} after raking. Trimming and "
        f"raking again could not bring them all within it: the margins demand more, so "
        f"they are met and {_count(still, 'weight')} stay outside (from "
        f"{weights.min() / mean_weight:.2f} to {weights.max() / mean_weight:.2f} × the mean)."
    )


def _count(number: int, noun: str = "respondent") -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


__all__ = ["UNKNOWN", "rake"]
