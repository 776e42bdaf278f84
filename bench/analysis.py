"""Benchmark: the whole analysis of a national panel.

Target (analysis issue): 42,000 members, 10,000 responses, 40 questions
(scales, choices, a ranking, a points division, 4 open questions), raked on 4
variables, crosstabs on 4 variables, themes and opinion groups — the whole
analysis in at most 5 s on a 2-core machine (issue 12), memory under 1 GB.

    .venv/bin/python bench/analysis.py            # the figures, then one BENCH line
    .venv/bin/python bench/analysis.py --profile  # and the 25 costliest functions

"seconds" is the wall time of ``analyse()`` on plain data in memory (building
the synthetic data is not counted); "with_imports" adds importing the engine,
which a fresh process (the command line, a worker's first analysis) pays
once. ``peak_rss_mb`` is the process's peak resident memory, data included
(everything runs in this one process; the per-question figures in a thread
beside the other steps, so the step timings overlap and do not add up).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from analysis_data import national_panel

from ledenpanel.analysis.data import Options

TARGET_SECONDS = 5.0
VARIABLES = ("age", "gender", "region", "tenure")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=42_000)
    parser.add_argument("--responses", type=int, default=10_000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    form, responses, population = national_panel(args.members, args.responses)
    options = Options(weight_by=VARIABLES, by=VARIABLES)
    profiler = cProfile.Profile() if args.profile else None
    if profiler is not None:
        profiler.enable()
    started = time.perf_counter()
    from ledenpanel.analysis.engine import analyse

    imports = time.perf_counter() - started
    result = analyse(form, responses, population=population, options=options)
    seconds = time.perf_counter() - started - imports
    if profiler is not None:
        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"  peak memory: {peak_mb:.0f} MB (children: {children_mb:.0f} MB)", file=sys.stderr)
    print(f"  {'imports':<20} {imports:6.2f} s (once per process)", file=sys.stderr)
    for step, spent in result["timings"].items():
        print(f"  {step:<20} {spent:6.2f} s", file=sys.stderr)
    opinion = result["opinion_groups"] or {}
    themes = sum(len((q.get("themes") or {}).get("themes", [])) for q in result["questions"])
    print(
        f"{len(result['questions'])} questions, {len(result['groups']['tables'])} crosstabs, "
        f"{themes} themes, opinion groups: {opinion.get('outcome')} (k={opinion.get('k')}), "
        f"{len(result['discussion_points'])} discussion points; analysis target "
        f"≤ {TARGET_SECONDS:.0f} s: {'OK' if seconds <= TARGET_SECONDS else 'SLOWER THAN TARGET'} "
        f"({seconds:.2f} s; {seconds + imports:.2f} s with imports)",
        file=sys.stderr,
    )
    print(
        f"BENCH analysis members={args.members} responses={args.responses} "
        f"questions={len(form.questions)} seconds={seconds:.2f} "
        f"with_imports={seconds + imports:.2f} peak_rss_mb={peak_mb:.0f} "
        f"weighting_effect={result['weighting']['weighting_effect']:.3f}"
    )


if __name__ == "__main__":
    main()
