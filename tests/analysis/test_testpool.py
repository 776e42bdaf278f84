"""Crosstab tests in worker processes give what the design gives in this process."""

from __future__ import annotations

import numpy as np
import pytest

from ledenpanel.analysis.design import unweighted
from ledenpanel.analysis.testpool import MIN_PARALLEL_TESTS, TestPool
from ledenpanel.analysis.weighting import rake


def _columns(rng: np.random.Generator, n: int, levels: int) -> list[str | None]:
    values = [f"v{value}" for value in rng.integers(0, levels, n)]
    return [None if rng.random() < 0.05 else value for value in values]


@pytest.mark.parametrize("weighted", [False, True])
def test_the_pool_runs_every_test_in_order_with_the_same_results(weighted: bool) -> None:
    rng = np.random.default_rng(4)
    n = 600
    age = [str(value) for value in rng.choice(["jong", "oud"], n)]
    if weighted:
        design = rake({"age": age}, {"age": {"jong": 3000, "oud": 2000}}, population_size=5000)
    else:
        design = unweighted(n, population_size=5000)
    pairs = [(_columns(rng, n, 3), _columns(rng, n, 4)) for _ in range(MIN_PARALLEL_TESTS + 2)]

    with TestPool(design, expected=len(pairs), processes=2) as pool:
        assert pool.workers == 2
        results = pool.submit(pairs)()

    expected = [design.rao_scott(rows, columns) for rows, columns in pairs]
    assert len(results) == len(expected)
    for got, want in zip(results, expected, strict=True):
        assert got == pytest.approx(want, rel=1e-12, nan_ok=True)


def test_a_small_batch_runs_here_without_processes() -> None:
    design = unweighted(50, population_size=None)
    with TestPool(design, expected=3, processes=2) as pool:
        assert pool.pool is None
        results = pool.submit([(["a", "b"] * 25, ["x"] * 25 + ["y"] * 25)])()
    assert results[0]["n"] == 50
