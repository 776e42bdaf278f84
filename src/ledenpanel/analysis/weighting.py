"""Raking a member panel to its population's margins, then trimming the weights.

:func:`rake` gives every respondent a weight so that the weighted panel
matches the population on each weighting variable separately (iterative
proportional fitting to the margins), then keeps the weights within
``LO–HI × the mean weight`` by trimming and raking again until both hold or
no longer can. svy (0.35.0, pinned) does the raking and the trim-rake cycle;
the returned :class:`~ledenpanel.analysis.design.Design` carries svy's
raking record, so its standard errors credit the calibration (Taylor
linearisation, finite population correction N = ``population_size``).

Data problems are settled before raking, each with a note (see *Notes*
below):

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
stay outside, and a warning says how far.

**Notes.** Each note is a :class:`Notice`: a stable ``code``, a ``level``
("note", or "warning" for what a reader must see: weights that stay outside
the bounds, margins not met, extreme weights), its ``params`` (variables,
categories, figures) and a Dutch ``text``. ``design.weighting.notices`` holds
them as dicts, ``design.weighting.notes`` their texts; a report renders the
codes in its own language.

**Extreme weights.** When the largest 5 % of the weights (at least one)
carry three times their share of the respondents or more (15 % of the total
weight), a warning says so: a few respondents then weigh for many, and the
weighted figures lean on them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

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
TOP_SHARE = 0.05  # extreme weights: the largest 5 % of the weights (at least one) …
EXTREME_WEIGHT_RATIO = 3.0  # … carrying 3 × their share of respondents (15 %) or more

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

    notes = Notes()
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
        notes.add(
            "no_usable_variable",
            "Geen bruikbare weegvariabele: elke deelnemer telt even zwaar.",
        )
        return Design(
            svy.Sample(frame, design),
            population_size=population_size,
            ci_method=describe_method("equal weights", population_size),
            weighting=WeightingReport(
                effective_n=float(n), notes=notes.texts(), notices=notes.dicts()
            ),
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
        _trim_note(notes, n_trimmed, trim, weights, bounds, mean_weight, within_bounds)
    if not margins_met:
        notes.add(
            "margins_not_met",
            "De gewichten halen niet elke verdeling: het grootste verschil is "
            f"{_nl_percent(margin_error, 2)} van het doel van een categorie.",
            level="warning",
            max_error=round(margin_error, 6),
        )
    _extreme_weights_note(notes, weights)
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
        notes=notes.texts(),
        notices=notes.dicts(),
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
    notes: Notes,
) -> tuple[list[str], dict[str, float]] | None:
    """The respondents' categories and the targets for one variable (None: skip it)."""
    population = {category: float(count) for category, count in margin.items() if count > 0}
    outsiders = Counter(value for value in values if value is not None and value not in population)
    if outsiders:
        shown = ", ".join(repr(category) for category in sorted(outsiders))
        count = sum(outsiders.values())
        notes.add(
            "categories_not_in_population",
            f"{variable}: {_count(count)} in {shown}, die de verdeling van de leden niet "
            f"kent; zij worden gewogen als onbekend op {variable}.",
            variable=variable,
            respondents=count,
            categories=sorted(outsiders),
        )
    codes = [value if value in population else UNKNOWN for value in values]
    present = Counter(codes)
    empty = [category for category in population if present[category] == 0]
    if empty:
        members = sum(population[category] for category in empty)
        notes.add(
            "categories_without_respondents",
            f"{variable}: geen deelnemer in {', '.join(repr(c) for c in empty)} "
            f"({_nl_number(members)} leden); buiten de weging gelaten, en de andere "
            f"categorieën van {variable} zijn naar hetzelfde totaal opgehoogd.",
            variable=variable,
            categories=empty,
            members=round(members),
        )
    kept = {category: count for category, count in population.items() if present[category]}
    if len(kept) < 2:
        notes.add(
            "too_few_categories",
            f"{variable}: minder dan twee categorieën met deelnemers; niet gebruikt voor "
            "de weging.",
            variable=variable,
        )
        return None
    margin_total = sum(population.values())
    if abs(margin_total - population_size) > CHECK_TOLERANCE * population_size:
        notes.add(
            "margins_total",
            f"{variable}: de verdeling telt op tot {_nl_number(margin_total)}, niet tot het "
            f"aantal leden {_nl_number(population_size)}; aangenomen is dat leden zonder "
            f"bekende {variable} net zo verdeeld zijn als de anderen.",
            variable=variable,
            margin_total=round(margin_total),
            population_size=round(population_size),
        )
    unknown = present[UNKNOWN]
    unknown_share = unknown / len(codes)
    if unknown:
        notes.add(
            "unknown_values",
            f"{variable}: {_count(unknown)} ({_nl_percent(unknown_share, 1)}) zonder bruikbare "
            f"waarde houden hun aandeel in het gewicht; de anderen zijn gewogen naar de "
            f"verdeling van {variable} onder de leden, dus de categorieën kloppen naar "
            "verhouding, niet in aantal.",
            variable=variable,
            respondents=unknown,
            share=round(unknown_share, 4),
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
    notes: Notes,
    n_trimmed: int,
    trim: tuple[float, float],
    weights: np.ndarray,
    bounds: tuple[float, float],
    mean_weight: float,
    within_bounds: bool,
) -> None:
    span = f"{_nl_number(trim[0], 2)}–{_nl_number(trim[1], 2)} × het gemiddelde gewicht"
    figures: dict[str, Any] = {"weights": n_trimmed, "low": trim[0], "high": trim[1]}
    if within_bounds:
        notes.add(
            "trimmed",
            f"{_count(n_trimmed, 'gewicht', 'gewichten')} vielen na het wegen buiten {span}; "
            "ze zijn begrensd en de gewichten zijn opnieuw gewogen.",
            **figures,
        )
        return
    still = int(np.sum(_outside(weights, bounds)))
    smallest, largest = weights.min() / mean_weight, weights.max() / mean_weight
    notes.add(
        "trim_not_met",
        f"{_count(n_trimmed, 'gewicht', 'gewichten')} vielen na het wegen buiten {span}. "
        "Begrenzen en opnieuw wegen kreeg ze niet allemaal binnen die grenzen: de "
        f"verdelingen vragen meer, dus die kloppen en {_count(still, 'gewicht', 'gewichten')} "
        f"blijven erbuiten (van {_nl_number(smallest, 2)} tot {_nl_number(largest, 2)} × "
        "het gemiddelde).",
        level="warning",
        still_outside=still,
        smallest=round(float(smallest), 4),
        largest=round(float(largest), 4),
        **figures,
    )


def weight_concentration(weights: np.ndarray) -> dict[str, Any]:
    """How much of the total weight the largest 5 % of the weights (at least one) carry."""
    n = int(weights.size)
    if n == 0:
        return {"respondents": 0, "share_of_respondents": None, "share_of_weight": None}
    top = max(1, math.ceil(TOP_SHARE * n))
    total = float(weights.sum())
    largest = float(np.sort(weights)[-top:].sum())
    return {
        "respondents": top,
        "share_of_respondents": round(top / n, 4),
        "share_of_weight": round(largest / total, 4) if total > 0 else None,
    }


def _extreme_weights_note(notes: Notes, weights: np.ndarray) -> None:
    figures = weight_concentration(weights)
    share = figures["share_of_weight"]
    if share is None or share < EXTREME_WEIGHT_RATIO * figures["share_of_respondents"]:
        return
    notes.add(
        "extreme_weights",
        f"Extreme gewichten: de {_count(figures['respondents'])} met het grootste gewicht "
        f"({_nl_percent(figures['share_of_respondents'], 0)} van de deelnemers) dragen "
        f"{_nl_percent(share, 0)} van het totale gewicht. De gewogen uitkomsten leunen "
        "sterk op hen; lees ze met voorzichtigheid.",
        level="warning",
        **figures,
    )


def _count(number: int, noun: str = "deelnemer", plural: str = "deelnemers") -> str:
    return f"{_nl_number(number)} {noun if number == 1 else plural}"


def _nl_number(value: float, digits: int = 0) -> str:
    """A number written the Dutch way: 1.234 and 0,25 (for the Dutch default texts)."""
    text = f"{value:,.{digits}f}" if digits else f"{round(value):,}"
    if digits:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _nl_percent(share: float, digits: int) -> str:
    return f"{share * 100:.{digits}f}".replace(".", ",") + " %"


class Notes:
    """The notes of one weighting run, in order: structured, with their Dutch text."""

    def __init__(self) -> None:
        self._notices: list[dict[str, Any]] = []

    def add(self, code: str, text: str, *, level: str = "note", **params: Any) -> None:
        self._notices.append({"code": code, "level": level, "params": params, "text": text})

    def texts(self) -> tuple[str, ...]:
        return tuple(notice["text"] for notice in self._notices)

    def dicts(self) -> tuple[dict[str, Any], ...]:
        return tuple(self._notices)


__all__ = ["UNKNOWN", "Notes", "rake", "weight_concentration"]
