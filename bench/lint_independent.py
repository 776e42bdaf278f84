"""Benchmark: precision and recall per guideline rule on the independent question set.

The set (``tests/support/guideline/independent_set.py``) was written by someone who
knew the guideline but not the linter or its design examples.

    .venv/bin/python bench/lint_independent.py [--misses]

The last line is ``BENCH lint_independent <rule>_precision=… <rule>_recall=… …``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.support.guideline.accuracy import score  # noqa: E402
from tests.support.guideline.independent_set import INDEPENDENT_CASES  # noqa: E402
from tests.support.guideline.testset import MEASURED_RULES  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every wrongly linted case")
    args = parser.parse_args()
    scores, misses = score(INDEPENDENT_CASES)
    flawed = {rule: sum(rule in c.expect for c in INDEPENDENT_CASES) for rule in MEASURED_RULES}
    print(f"independent set ({len(INDEPENDENT_CASES)} questions)")
    print(
        f"{'rule':<20} {'flawed':>6} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}"
    )
    for rule in MEASURED_RULES:
        s = scores[rule]
        print(
            f"{rule:<20} {flawed[rule]:>6} {s.true_positive:>4} {s.false_positive:>4} "
            f"{s.false_negative:>4} {s.precision:>10.2f} {s.recall:>8.2f}"
        )
    if args.misses:
        print(f"\nmisses ({len(misses)})")
        for miss in misses:
            case = miss.case
            extra = sorted(miss.found - case.expect)
            missing = sorted(case.expect - miss.found)
            print(f"[{case.rule}/{case.kind}] {case.label!r}")
            if case.statements:
                print(f"    statements: {list(case.statements)}")
            if case.options:
                print(f"    options: {list(case.options)}")
            print(f"    expected {sorted(case.expect)}, found {sorted(miss.found)}")
            print(f"    false positive: {extra}  false negative: {missing}")
    fields = []
    for rule in MEASURED_RULES:
        fields.append(f"{rule}_precision={scores[rule].precision:.2f}")
        fields.append(f"{rule}_recall={scores[rule].recall:.2f}")
    print("BENCH lint_independent " + " ".join(fields))


if __name__ == "__main__":
    main()
