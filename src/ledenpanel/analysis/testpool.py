"""The crosstab tests of a panel, run in worker processes started ahead of time.

svy's Rao–Scott test costs tens of milliseconds per table at n = 10,000
(most of it crediting the raking), and a national panel has over a hundred
tables. So they run in worker processes, each holding a copy of the
calibrated design, while the main process goes on with other parts of the
analysis. The processes are *spawned* (polars is not fork-safe) as soon as
the design exists, so their start-up overlaps the per-question figures.

A batch too small to be worth the start-up runs in the calling process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType

import numpy as np

from ledenpanel.analysis.design import Design

Pair = tuple[Sequence[str | None], Sequence[str | None]]
Encoded = tuple[np.ndarray, list[str], np.ndarray, list[str]]

# Below this many tables, starting worker processes costs more than it saves.
MIN_PARALLEL_TESTS = 24
MAX_PROCESSES = 4
_CHUNKS_PER_PROCESS = 4

_design_in_worker: Design | None = None


def _adopt(design: Design) -> None:
    global _design_in_worker
    _design_in_worker = design
    # One small test pays svy's first-call costs while the main process is busy.
    rows = [("a", "b")[index % 2] for index in range(design.n)]
    columns = [("x", "x", "y", "y")[index % 4] for index in range(design.n)]
    design.rao_scott(rows, columns)


def _encode(values: Sequence[str | None]) -> tuple[np.ndarray, list[str]]:
    """Values as small integer codes (−1: missing): cheap to send to a process."""
    labels = sorted({value for value in values if value is not None})
    index = {label: code for code, label in enumerate(labels)}
    codes = np.fromiter((index.get(v, -1) if v is not None else -1 for v in values), np.int32)
    return codes, labels


def _decode(codes: np.ndarray, labels: list[str]) -> list[str | None]:
    return [labels[code] if code >= 0 else None for code in codes.tolist()]


def _test_chunk(chunk: list[Encoded]) -> list[dict[str, float]]:
    assert _design_in_worker is not None, "the pool's initializer sets the design"
    return [
        _design_in_worker.rao_scott(_decode(rows, row_labels), _decode(cols, col_labels))
        for rows, row_labels, cols, col_labels in chunk
    ]


class TestPool:
    """``with TestPool(design, expected=…) as pool: collect = pool.submit(pairs)``."""

    def __init__(self, design: Design, *, expected: int, processes: int | None = None) -> None:
        self.design = design
        workers = min(processes or os.cpu_count() or 1, MAX_PROCESSES)
        self.workers = workers if workers >= 2 and expected >= MIN_PARALLEL_TESTS else 1
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> TestPool:
        if self.workers > 1:
            self.pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_adopt,
                initargs=(self.design,),
            )
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=kind is not None)

    def submit(self, pairs: Sequence[Pair]) -> Callable[[], list[dict[str, float]]]:
        """Start the tests; the returned function waits for their results, in order."""
        if self.pool is None or len(pairs) < MIN_PARALLEL_TESTS:
            results = [self.design.rao_scott(rows, columns) for rows, columns in pairs]
            return lambda: results
        encoded = [(*_encode(rows), *_encode(columns)) for rows, columns in pairs]
        size = max(1, len(encoded) // (self.workers * _CHUNKS_PER_PROCESS))
        futures: list[Future] = [
            self.pool.submit(_test_chunk, encoded[start : start + size])
            for start in range(0, len(encoded), size)
        ]
        return lambda: [result for future in futures for result in future.result()]
