"""Benchmark: precision and recall per guideline rule on the labelled question set.

Targets (from the guideline-linter brief): precision >= 0.9 and recall >= 0.8 per
rule on the design set. The held-out set (written apart from rule tuning) is
reported separately, as is the time per question (target < 5 ms).

    .venv/bin/python bench/lint_accuracy.py [--misses]

The last line is ``BENCH lint_accuracy <rule>_precision=… <rule>_recall=… …``
(design set), followed by the held-out and timing figures on the same line.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.support.guideline.accuracy import Score, fired, score  # noqa: E402
from tests.support.guideline.testset import (  # noqa: E402
    DESIGN_CASES,
    HELD_OUT_CASES,
    MEASURED_RULES,
)


def _table(title: str, scores: dict[str, Score]) -> None:
    print(f"\n{title}", file=sys.stderr)
    print(
        f"{'rule':<20} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}",
        file=sys.stderr,
    )
    for rule in MEASURED_RULES:
        s = scores[rule]
        print(
            f"{rule:<20} {s.true_positive:>4} {s.false_positive:>4} {s.false_negative:>4} "
            f"{s.precision:>10.2f} {s.recall:>8.2f}",
            file=sys.stderr,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every mislabelled case")
    args = parser.parse_args()
    design, design_misses = score(DESIGN_CASES)
    held, held_misses = score(HELD_OUT_CASES)
    _table(f"design set ({len(DESIGN_CASES)} questions)", design)
    _table(f"held-out set ({len(HELD_OUT_CASES)} questions)", held)
    if args.misses:
        for title, misses in (("design", design_misses), ("held-out", held_misses)):
            for miss in misses:
                print(
                    f"[{title}] {miss.case.label!r}: expected {sorted(miss.case.expect)}, "
                    f"found {sorted(miss.found)}",
                    file=sys.stderr,
                )
    cases = DESIGN_CASES + HELD_OUT_CASES
    start = time.perf_counter()
    rounds = 5
    for _ in range(rounds):
        for case in cases:
            fired(case)
    ms = (time.perf_counter() - start) * 1000 / (rounds * len(cases))
    print(f"\nmean time per question: {ms:.2f} ms (target < 5 ms)", file=sys.stderr)
    fields = []
    for rule in MEASURED_RULES:
        fields.append(f"{rule}_precision={design[rule].precision:.2f}")
        fields.append(f"{rule}_recall={design[rule].recall:.2f}")
    for rule in MEASURED_RULES:
        fields.append(f"heldout_{rule}_precision={held[rule].precision:.2f}")
        fields.append(f"heldout_{rule}_recall={held[rule].recall:.2f}")
    fields.append(f"ms_per_question={ms:.3f}")
    print("BENCH lint_accuracy " + " ".join(fields))


if __name__ == "__main__":
    main()
