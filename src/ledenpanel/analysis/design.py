"""Design-based estimates for a member panel: shares, means and crosstab tests.

A :class:`Design` holds the respondents' final weights (equal, or raked by
:func:`ledenpanel.analysis.weighting.rake`) and answers questions about one
column of answers at a time: the weighted share of each option, a weighted
mean, the share that ticked a box, and the Rao–Scott test of a crosstab.

svy (0.35.0, pinned) computes every estimate, standard error and interval.
After raking, svy's Taylor linearisation credits the calibration (the
influence values are residualised on the raking margins), which matches R's
``survey`` to every printed digit on the ``api`` reference data (see
``tests/analysis/test_design.py``). The one exception is the crosstab test:
:mod:`ledenpanel.analysis.raoscott` computes svy's Rao–Scott test in matrix
form, some twenty times faster, held against svy to 1e-9 by
``tests/analysis/test_raoscott.py``.

Missing answers (``None``, and NaN for numbers) are a *domain*, not a
deletion: the respondents without an answer stay in the design with weight
zero, as R's ``svymean(..., na.rm=TRUE)`` does, so the raking correction and
the finite population correction still see the whole panel.

Two choices made here, written into :attr:`Design.ci_method`:

- Shares get Wilson intervals on the design's effective sample size
  ``p(1 − p)/SE²`` (svy's ``"wilson"``, df-adjusted; Franco et al. 2019):
  the same family as the unweighted ``ci_low``/``ci_high``, inside 0–1, and
  the Taylor SE — weighting, raking credit and finite population correction
  — carries straight into the width. Where a share is 0 or 1 that interval
  does not exist (the SE is 0), and the one-sided Korn–Graubard interval
  with the respondents' n takes its place (the NCHS standard); Korn–Graubard
  everywhere would truncate the effective n at n and so drop the finite
  population correction. Means get t intervals with the design's degrees of
  freedom.
- Variance by Taylor linearisation, never svy's jackknife: its jackknife
  ignores the finite population correction, which matters in a panel that
  reaches a large part of the membership.

svy 0.35.0 pitfall: passing a *list* of columns to ``estimation.mean`` or
``estimation.prop`` takes a batched path that silently drops the raking
correction from the standard errors. Every call here passes one column.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import polars as pl
import svy

from ledenpanel.analysis.raoscott import FastRaoScott

SVY_VERSION = svy.__version__
# Intervals for shares, named explicitly (svy's default is "logit"); the
# second where the first is undefined (a share of 0 or 1).
SHARE_INTERVAL = "wilson"
BOUNDARY_INTERVAL = "korn-graubard"
ALPHA = 0.05

# Column names of the per-call analysis values. The design's own columns are
# named by this package too (see weighting.py), so these cannot collide.
_ANSWER = "answer"
_ROW = "row_value"
_COLUMN = "column_value"
_BASE_WEIGHT = "base_weight"
_POPULATION = "population_size"


@dataclass(frozen=True)
class Estimate:
    """A design-based estimate with its standard error and 95 % interval.

    ``n`` counts the respondents the estimate rests on (those with a value):
    callers use it to hide groups smaller than k.
    """

    value: float
    se: float
    ci_low: float
    ci_high: float
    n: int = 0

    @classmethod
    def unavailable(cls) -> Estimate:
        """Nobody answered: there is nothing to estimate."""
        nan = float("nan")
        return cls(nan, nan, nan, nan, 0)


@dataclass(frozen=True)
class WeightingReport:
    """How the weights came about, in figures and in plain words.

    ``weighting_effect`` is Kish's 1 + CV² of the weights (population sd,
    ddof=0), ``effective_n`` = n / weighting_effect. ``n_trimmed`` counts the
    weights that raking put outside the trim bounds and trimming pulled in.
    ``margins_met``: every used margin is met within a relative 1e-6;
    ``within_bounds``: every weight is within the trim bounds (same
    tolerance); ``converged`` is both.
    """

    variables: tuple[str, ...] = ()
    weighting_effect: float = 1.0
    effective_n: float = 0.0
    n_trimmed: int = 0
    margins_met: bool = True
    within_bounds: bool = True
    converged: bool = True
    max_margin_error: float = 0.0
    trim: tuple[float, float] | None = None  # LO, HI × the mean weight
    notes: tuple[str, ...] = field(default_factory=tuple)
    # The same notes structured ({code, level, params, text}), for a report in any language.
    notices: tuple[dict[str, Any], ...] = field(default_factory=tuple)


def kish_weighting_effect(weights: Sequence[float] | np.ndarray) -> float:
    """Kish's weighting effect 1 + CV² (population sd), = n·Σw² / (Σw)²."""
    w = np.asarray(weights, dtype=np.float64)
    if w.size == 0:
        return float("nan")
    mean = w.mean()
    return float(1.0 + w.var(ddof=0) / (mean * mean))


class Design:
    """Respondents with final weights, and the estimators on them.

    Build one with :func:`unweighted` or
    :func:`ledenpanel.analysis.weighting.rake`; every estimator takes one value
    per respondent, in the order the design was built with.
    """

    def __init__(
        self,
        sample: svy.Sample,
        *,
        population_size: float | None,
        ci_method: str,
        weighting: WeightingReport,
    ) -> None:
        # Keep svy's design (with its raking record) and only the columns it
        # needs; each call binds one answer column to them in a fresh
        # svy.Sample (under 1 ms), so the answers never live in the design.
        self._svy_design: svy.Design = sample.design
        data = sample.data
        self._frame: pl.DataFrame = data.select(self._svy_design.columns(data.columns))
        # Every design built here names its weight column.
        weight_column = self._svy_design.wgt or _BASE_WEIGHT
        self._weights = self._frame.get_column(weight_column).to_numpy().astype(np.float64)
        self._weights.setflags(write=False)
        # The crosstab tests' fast path (None: this design is svy's alone).
        self._fast_tests = FastRaoScott.of(self._frame, self._svy_design, self._weights)
        self.n = self._frame.height
        self.population_size = population_size
        self.ci_method = ci_method
        self.weighting = weighting

    @property
    def has_fast_tests(self) -> bool:
        """Whether crosstab tests take the vectorised path (else svy computes them)."""
        return self._fast_tests is not None

    @property
    def weights(self) -> np.ndarray:
        """The final weights (read-only), one per respondent."""
        return self._weights

    def summary(self) -> dict[str, Any]:
        """The weighting report as plain JSON-ready data."""
        report = self.weighting
        return {
            "variables": list(report.variables),
            "n": self.n,
            "population_size": self.population_size,
            "weighting_effect": report.weighting_effect,
            "effective_n": report.effective_n,
            "n_trimmed": report.n_trimmed,
            "trim": list(report.trim) if report.trim is not None else None,
            "margins_met": report.margins_met,
            "within_bounds": report.within_bounds,
            "converged": report.converged,
            "max_margin_error": report.max_margin_error,
            "ci_method": self.ci_method,
            "notes": list(report.notes),
            "notices": [dict(notice) for notice in report.notices],
        }

    # -- estimators ---------------------------------------------------------

    def proportions(
        self, categories: Sequence[str | None], *, options: Sequence[str]
    ) -> dict[str, Estimate]:
        """Weighted share of each option among respondents with an answer.

        An option nobody chose gets 0 with its one-sided Korn–Graubard
        interval (see the module docstring). A value that is not among ``options`` is an error: the
        readers check answers against the form, so it means a bug upstream.
        """
        answers = self._strings(categories)
        unexpected = set(answers.drop_nulls().unique().to_list()) - set(options)
        if unexpected:
            raise ValueError(f"answers not among the options: {sorted(unexpected)!r}")
        answered = self.n - answers.null_count()
        if answered == 0:
            return {option: Estimate.unavailable() for option in options}
        rows = self._share_rows(answers)
        result: dict[str, Estimate] = {}
        nobody: Estimate | None = None
        for option in options:
            if option in rows:
                result[option] = _estimate(rows[option], answered)
            else:
                if nobody is None:
                    nobody = self._absent_share(answers.is_null(), answered)
                result[option] = nobody
        return result

    def shares_by(
        self,
        categories: Sequence[str | None],
        groups: Sequence[str | None],
        *,
        options: Sequence[str],
    ) -> dict[str, dict[str, float]]:
        """Weighted share of each option within each group: point estimates only.

        For crosstab cells, where only the shares are shown. A share is a
        weighted count over a weighted total (what :meth:`proportions` gives
        as ``value`` for the group's respondents), so no variance and no svy
        call: one pass for the whole table instead of one svy call (about
        15 ms at n = 10,000) per row. Groups without an answer are left out.
        """
        cells = (
            pl.DataFrame(
                {
                    _ANSWER: self._strings(categories),
                    _ROW: self._strings(groups),
                    "weight": self._weights,
                }
            )
            .drop_nulls()
            .group_by(_ROW, _ANSWER)
            .agg(pl.col("weight").sum())
        )
        unexpected = set(cells.get_column(_ANSWER).to_list()) - set(options)
        if unexpected:
            raise ValueError(f"answers not among the options: {sorted(unexpected)!r}")
        totals: dict[str, dict[str, float]] = {}
        for group, answer, weight in cells.iter_rows():
            totals.setdefault(group, dict.fromkeys(options, 0.0))[answer] = weight
        return {
            group: {option: weight / sum(row.values()) for option, weight in row.items()}
            for group, row in totals.items()
        }

    def indicator_share(self, selected: Sequence[bool | None]) -> Estimate:
        """Weighted share of respondents who ticked a box (select_multiple).

        ``None``: the respondent did not answer the question at all; they are
        left out of the denominator.
        """
        ticked = self._series(selected, pl.Boolean)
        answered = self.n - ticked.null_count()
        if answered == 0:
            return Estimate.unavailable()
        rows = self._share_rows(ticked)
        if True in rows:
            return _estimate(rows[True], answered)
        return _complement(_estimate(rows[False], answered))

    def mean(self, values: Sequence[float | None] | np.ndarray) -> Estimate:
        """Weighted mean of the respondents with a value (None/NaN: missing)."""
        numbers = self._series(values, pl.Float64).fill_nan(None)
        answered = self.n - numbers.null_count()
        if answered == 0:
            return Estimate.unavailable()
        table = (
            self._sample(numbers.alias(_ANSWER))
            .estimation.mean(_ANSWER, drop_nulls=True, alpha=ALPHA)
            .to_polars()
        )
        return _estimate(table.row(0, named=True), answered)

    def rao_scott(
        self, row: Sequence[str | None], column: Sequence[str | None]
    ) -> dict[str, float]:
        """Rao–Scott second-order F test of independence (R ``svychisq`` default).

        On the respondents with both values; the others stay in the design as
        a domain. Returns ``F``, ``ndf``, ``ddf``, ``p`` and ``n``; the figures
        are NaN when either variable has fewer than two values among them.
        """
        return self.rao_scott_coded(_coded(row, self.n), _coded(column, self.n))

    def rao_scott_coded(self, rows: np.ndarray, columns: np.ndarray) -> dict[str, float]:
        """:meth:`rao_scott` of two variables coded 0, 1, … (−1: no value).

        Computed by :mod:`ledenpanel.analysis.raoscott` (svy's figures, held
        against :meth:`rao_scott_svy` in the tests) where it covers the
        design, else by svy.
        """
        if self._fast_tests is None:
            return self.rao_scott_svy(_labels(rows), _labels(columns))
        both = (rows >= 0) & (columns >= 0)
        n_both = int(both.sum())
        if n_both == 0 or _distinct(rows[both]) < 2 or _distinct(columns[both]) < 2:
            return _untestable(n_both)
        return {**self._fast_tests.test(rows, columns), "n": float(n_both)}

    def rao_scott_svy(
        self, row: Sequence[str | None], column: Sequence[str | None]
    ) -> dict[str, float]:
        """:meth:`rao_scott` by svy itself: the reference the fast path is tested against."""
        rows = self._strings(row).alias(_ROW)
        columns = self._strings(column).alias(_COLUMN)
        both = rows.is_not_null() & columns.is_not_null()
        n_both = int(both.sum())
        if n_both == 0 or rows.filter(both).n_unique() < 2 or columns.filter(both).n_unique() < 2:
            return _untestable(n_both)
        return self._svy_rao_scott(rows, columns, n_both)

    def _svy_rao_scott(self, rows: pl.Series, columns: pl.Series, n_both: int) -> dict[str, float]:
        table = self._sample(rows, columns).categorical.tabulate(
            _ROW,
            _COLUMN,
            where=svy.col(_ROW).is_not_null() & svy.col(_COLUMN).is_not_null(),
            drop_nulls=True,
            alpha=ALPHA,
        )
        stats = table.stats
        if stats is None:
            return _untestable(n_both)
        f = stats.f
        return {
            "F": float(f.value),
            "ndf": float(f.df_num),
            "ddf": float(f.df_den),
            "p": float(f.p_value),
            "n": float(n_both),
        }

    # -- helpers ------------------------------------------------------------

    def _sample(self, *columns: pl.Series) -> svy.Sample:
        return svy.Sample(self._frame.with_columns(columns), self._svy_design)

    def _series(self, values: Sequence[Any] | np.ndarray, dtype: type[pl.DataType]) -> pl.Series:
        if len(values) != self.n:
            raise ValueError(f"expected {self.n} values, one per respondent, got {len(values)}")
        if isinstance(values, np.ndarray):
            return pl.Series(_ANSWER, values).cast(dtype)  # numbers: no list in between
        return pl.Series(_ANSWER, list(values), dtype=dtype, strict=False)

    def _strings(self, values: Sequence[str | None]) -> pl.Series:
        return self._series(values, pl.String)

    def _absent_share(self, missing: pl.Series, answered: int) -> Estimate:
        """An option nobody chose: 0, with svy's interval for a share of 0.

        svy reports only the levels it sees, so ask it for the share that did
        *not* choose the option (1, with its one-sided interval) and mirror.
        """
        indicator = pl.Series(
            _ANSWER, [None if gap else False for gap in missing.to_list()], dtype=pl.Boolean
        )
        [row] = self._share_rows(indicator, method=BOUNDARY_INTERVAL).values()
        return _complement(_estimate(row, answered))

    def _share_rows(self, answers: pl.Series, *, method: str = SHARE_INTERVAL) -> dict:
        """svy's share estimate per value seen, with its interval.

        A share of 0 or 1 has no Wilson interval on a design effect (its SE
        is 0): those rows get the Korn–Graubard interval instead.
        """
        table = (
            self._sample(answers.alias(_ANSWER))
            .estimation.prop(_ANSWER, drop_nulls=True, ci_method=method, alpha=ALPHA)
            .to_polars()
        )
        rows = {row[_ANSWER]: row for row in table.iter_rows(named=True)}
        if method != BOUNDARY_INTERVAL and any(map(_no_interval, rows.values())):
            boundary = self._share_rows(answers, method=BOUNDARY_INTERVAL)
            rows = {
                value: boundary[value] if _no_interval(row) else row for value, row in rows.items()
            }
        return rows


def unweighted(n: int, *, population_size: float | None) -> Design:
    """Equal weights (N/n, or 1 without a population), simple random sample.

    With ``population_size`` the finite population correction 1 − n/N applies.
    """
    if n < 1:
        raise ValueError("a design needs at least one respondent")
    columns: dict[str, Any] = {
        _BASE_WEIGHT: [float(population_size) / n if population_size else 1.0] * n
    }
    if population_size is not None:
        if population_size < n:
            raise ValueError(f"population_size {population_size} is smaller than n={n}")
        columns[_POPULATION] = [float(population_size)] * n
    sample = svy.Sample(
        pl.DataFrame(columns),
        svy.Design(wgt=_BASE_WEIGHT, pop_size=_POPULATION if population_size is not None else None),
    )
    return Design(
        sample,
        population_size=population_size,
        ci_method=describe_method("equal weights", population_size),
        weighting=WeightingReport(effective_n=float(n)),
    )


def describe_method(weighting: str, population_size: float | None) -> str:
    """The method line a report prints under its figures."""
    fpc = (
        f"finite population correction N={population_size:,.0f}"
        if population_size is not None
        else "no finite population correction"
    )
    return (
        f"Taylor linearisation, {weighting} (svy {SVY_VERSION}), {fpc}; "
        "95 % intervals: Wilson on the effective sample size for shares "
        "(Korn–Graubard at 0 or 1), t for means"
    )


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini–Hochberg adjusted p-values (false discovery rate), in input order.

    NaN p-values (tests that could not be run) stay NaN and do not count in
    the number of tests.
    """
    p = np.asarray(p_values, dtype=np.float64)
    adjusted = np.full(p.shape, np.nan)
    tested = np.flatnonzero(~np.isnan(p))
    m = tested.size
    if m == 0:
        return adjusted.tolist()
    order = tested[np.argsort(p[tested], kind="stable")]
    scaled = p[order] * m / np.arange(1, m + 1)
    # Step-up: each adjusted value is the smallest scaled value at or above its rank.
    adjusted[order] = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    return adjusted.tolist()


def _coded(values: Sequence[str | None], n: int) -> np.ndarray:
    """Each value's code in order of appearance (−1: missing): a crosstab's variable."""
    if len(values) != n:
        raise ValueError(f"expected {n} values, one per respondent, got {len(values)}")
    index: dict[str, int] = {}
    codes = [-1 if value is None else index.setdefault(value, len(index)) for value in values]
    return np.array(codes, dtype=np.int64)


def _labels(codes: np.ndarray) -> list[str | None]:
    return [None if code < 0 else str(code) for code in codes.tolist()]


def _distinct(codes: np.ndarray) -> int:
    return int(np.count_nonzero(np.bincount(codes))) if codes.size else 0


def _untestable(n_both: int) -> dict[str, float]:
    nan = float("nan")
    return {"F": nan, "ndf": nan, "ddf": nan, "p": nan, "n": float(n_both)}


def _estimate(row: dict[str, Any], answered: int) -> Estimate:
    return Estimate(
        value=float(row["est"]),
        se=float(row["se"]),
        ci_low=_float(row["lci"]),
        ci_high=_float(row["uci"]),
        n=answered,
    )


def _complement(estimate: Estimate) -> Estimate:
    """The share of the other respondents: 1 − p, interval mirrored."""
    return Estimate(
        value=1.0 - estimate.value,
        se=estimate.se,
        ci_low=1.0 - estimate.ci_high,
        ci_high=1.0 - estimate.ci_low,
        n=estimate.n,
    )


def _no_interval(row: dict[str, Any]) -> bool:
    return row["lci"] is None or math.isnan(row["lci"])


def _float(value: Any) -> float:
    return float("nan") if value is None else float(value)


__all__ = [
    "Design",
    "Estimate",
    "WeightingReport",
    "benjamini_hochberg",
    "describe_method",
    "kish_weighting_effect",
    "unweighted",
]
