"""Unweighted intervals: Wilson for shares, Student's t for means.

These are the ``ci_low``/``ci_high`` of every output: simple random sampling
assumed, no finite population correction (the weighted, design-based
intervals come from :mod:`ledenpanel.analysis.design`). The tests hold them
against statsmodels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

Z95 = 1.959963984540054  # the 97.5 % quantile of the standard normal


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


def wilson(count: float, n: float, z: float = Z95) -> Interval:
    """The 95 % Wilson score interval for ``count`` successes out of ``n`` (Wilson 1927)."""
    if n <= 0:
        return Interval(math.nan, math.nan)
    share = count / n
    denominator = 1 + z * z / n
    centre = (share + z * z / (2 * n)) / denominator
    half = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / denominator
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True)
class MeanSummary:
    n: int
    mean: float
    sd: float
    interval: Interval


def mean_interval(values: np.ndarray) -> MeanSummary | None:
    """Mean with its 95 % t-interval over the finite values (None when there are none)."""
    finite = values[np.isfinite(values)]
    n = int(finite.size)
    if n == 0:
        return None
    mean = float(finite.mean())
    if n == 1:
        return MeanSummary(1, mean, math.nan, Interval(math.nan, math.nan))
    sd = float(finite.std(ddof=1))
    half = float(stats.t.ppf(0.975, n - 1)) * sd / math.sqrt(n)
    return MeanSummary(n, mean, sd, Interval(mean - half, mean + half))
