"""Unweighted intervals against statsmodels, the independent reference."""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.weightstats import DescrStatsW

from ledenpanel.analysis.intervals import mean_interval, wilson


@pytest.mark.parametrize(
    ("count", "n"), [(0, 10), (1, 10), (5, 10), (10, 10), (37, 120), (999, 1000), (3, 10_000)]
)
def test_wilson_matches_statsmodels(count: int, n: int) -> None:
    low, high = proportion_confint(count, n, alpha=0.05, method="wilson")
    interval = wilson(count, n)
    assert interval.low == pytest.approx(low, abs=1e-12)
    assert interval.high == pytest.approx(high, abs=1e-12)


def test_wilson_of_nobody_is_undefined() -> None:
    assert np.isnan(wilson(0, 0).low)


def test_mean_interval_matches_statsmodels_t_interval() -> None:
    values = np.random.default_rng(3).normal(5, 2, 57)
    values[[3, 9]] = np.nan  # missing answers are left out
    low, high = DescrStatsW(values[np.isfinite(values)]).tconfint_mean(alpha=0.05)
    summary = mean_interval(values)
    assert summary is not None
    assert summary.n == 55
    assert summary.interval.low == pytest.approx(low, abs=1e-10)
    assert summary.interval.high == pytest.approx(high, abs=1e-10)


def test_mean_interval_of_no_values_is_none() -> None:
    assert mean_interval(np.array([np.nan, np.nan])) is None
