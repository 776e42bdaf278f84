"""``ledenpanel analyse FORM.xlsx RESPONSES --out DIR …``: the analysis on files.

No database and no Django: the form is an XLSForm, the responses an export as
KoboToolbox, ODK Central or this app write it (CSV, or KoboToolbox's .xlsx),
the population an optional CSV of members' background variables. Only
``analysis.json`` and the report go to files (written atomically: a failed run
leaves no half-written ``DIR``, an existing ``DIR`` is replaced); progress and
problems go to stderr, in English. What the readers left out or read
leniently also goes to the result as coded ``input_notes``, which the report
says in its own language (``analysis/report/input_notices.py``).

Exit codes: 0 done, 1 bad input (the message names file, line and column),
2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ledenpanel.analysis.data import Options
from ledenpanel.analysis.disclosure import DEFAULT_MIN_GROUP
from ledenpanel.cli.exitcodes import EXIT_INVALID, EXIT_OK, EXIT_USAGE


class UsageError(Exception):
    """Bad or conflicting arguments (exit 2)."""


def _variables(text: str | None) -> list[str]:
    return [name.strip() for name in (text or "").split(",") if name.strip()]


def _trim(text: str) -> tuple[float, float]:
    try:
        low, high = (float(part) for part in text.split(","))
    except ValueError as exc:
        raise UsageError(f"--trim {text}: give two numbers as LO,HI, e.g. 0.2,5") from exc
    if not 0 < low <= 1 <= high:
        raise UsageError(f"--trim {text}: need 0 < LO ≤ 1 ≤ HI (bounds as multiples of the mean)")
    return low, high


def add_analyse_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("form", metavar="FORM.xlsx", help="the questionnaire as an XLSForm")
    parser.add_argument(
        "responses",
        metavar="RESPONSES",
        help="the responses export: .csv, or .xlsx (KoboToolbox, XML values and headers)",
    )
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for the results")
    parser.add_argument(
        "--population",
        metavar="POP.csv",
        help="background variables of the target population (a row per member, or a count column)",
    )
    parser.add_argument(
        "--invited", type=int, metavar="N", help="how many were invited, when only a sample was"
    )
    parser.add_argument(
        "--weight-by", metavar="VAR,...", help="rake to the population's margins of these"
    )
    parser.add_argument("--by", metavar="VAR,...", help="crosstab by these (default: all)")
    parser.add_argument(
        "--min-group", type=int, default=10, metavar="K", help="hide groups under K (default 10)"
    )
    parser.add_argument(
        "--trim", default="0.2,5", metavar="LO,HI", help="weight bounds × the mean (default 0.2,5)"
    )
    parser.add_argument(
        "--missing",
        metavar="CODE,...",
        help=(
            "more codes that mean 'not answered', in every column, e.g. -99,NA "
            "(always: an empty cell; n/a and R's NA where they are no choice name)"
        ),
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help=(
            "refuse answers that are not choices of the form and questions without a "
            "column (default: count them as not answered, with a warning)"
        ),
    )
    parser.add_argument("--seed", type=int, default=0, help="for themes and opinion groups")
    parser.add_argument("--pdf", action="store_true", help="also write report.pdf")
    parser.add_argument(
        "--lang",
        choices=("nl", "en"),
        default="nl",
        help="language of the report (default nl, Dutch; en for English)",
    )


def options_from(args: argparse.Namespace) -> Options:
    weight_by = _variables(args.weight_by)
    if weight_by and not args.population:
        raise UsageError("--weight-by needs --population: weights come from its margins")
    if args.invited is not None and not args.population:
        raise UsageError("--invited needs --population")
    if args.invited is not None and args.invited < 1:
        raise UsageError("--invited must be a positive number")
    if args.min_group < 1:
        raise UsageError("--min-group must be at least 1")
    by = _variables(args.by) if args.by is not None else None
    return Options(
        min_group=args.min_group,
        weight_by=tuple(weight_by),
        by=by,
        trim=_trim(args.trim),
        seed=args.seed,
    )


def _missing_codes(text: str | None) -> frozenset[str]:
    # Not _variables: a code may be a space or a comma-free text as written.
    return frozenset(code.strip() for code in (text or "").split(",") if code.strip())


def _check_variables(options: Options, responses: Any, population: Any) -> None:
    background = set(responses.background)
    for name in options.weight_by:
        if name not in background:
            raise UsageError(f"--weight-by {name}: the responses have no column {name!r}")
        if name not in population.columns:
            raise UsageError(f"--weight-by {name}: the population has no column {name!r}")
    for name in options.by or ():
        if name not in background:
            raise UsageError(f"--by {name}: the responses have no column {name!r}")


def _choose_background(
    options: Options,
    responses: Any,
    population: Any,
    notes: list,
    file: str,
    sheet: str | None = None,
) -> Options:
    """Keep the columns that look like background variables; note every one left out."""
    from ledenpanel.analysis.inputs import Problem, choose_background

    raw = set(options.weight_by) | (set(population.columns) if population is not None else set())
    chosen = choose_background(
        responses.background, min_group=options.min_group, raw=raw, requested=options.by
    )
    for name in options.by or ():
        if name in chosen.hard:
            raise UsageError(
                f"--by {name}: the column cannot be a crosstab variable ({chosen.skipped[name]})"
            )
    responses.background = chosen.columns
    notes.extend(
        Problem(file, None, None, note.message, sheet=sheet, code=note.code, params=note.params)
        for note in chosen.coded_notes()
    )
    return replace(options, by=chosen.crosstab)


def _report_notes(notes: list) -> list[dict[str, Any]]:
    """The notes as the report shows them: coded, so that the report says them in its
    language (``analysis/report/input_notices.py``), and naming files without the
    folders of the user's files."""
    from ledenpanel.analysis.report.input_notices import input_note

    found = []
    for note in notes:
        place = {
            "file": Path(note.file).name,
            "sheet": note.sheet,
            "line": note.line,
            "column": note.column,
            "column_number": note.column_number,
        }
        params = {**note.params, **{key: value for key, value in place.items() if value}}
        fallback = str(replace(note, file=Path(note.file).name))
        found.append(input_note(note.code or "", params, fallback))
    return found


def write_results(out: Path, result: dict[str, Any], *, pdf: bool, lang: str = "nl") -> None:
    """Write the folder beside its final place, then swap it in."""
    from ledenpanel.analysis.report import render_html, render_pdf

    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        (staging / "analysis.json").write_text(
            json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        (staging / "report.html").write_text(render_html(result, lang=lang), encoding="utf-8")
        if pdf:
            (staging / "report.pdf").write_bytes(render_pdf(result, lang=lang))
        old = None
        if out.exists():
            old = out.parent / f".{out.name}-old-{time.time_ns()}"
            out.rename(old)
        staging.rename(out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _progress(started: float) -> Callable[[str], None]:
    def report(step: str) -> None:
        print(f"[{time.perf_counter() - started:5.1f} s] {step}", file=sys.stderr)

    return report


def run_analyse(args: argparse.Namespace) -> int:
    from ledenpanel.analysis.engine import analyse
    from ledenpanel.analysis.inputs import (
        InputError,
        Missing,
        read_export,
        read_form,
        read_population,
    )

    started = time.perf_counter()
    progress = _progress(started)
    notes: list = []
    try:
        options = options_from(args)
        progress("reading the form")
        form = read_form(Path(args.form), warnings=notes)
        progress("reading the responses")
        export = read_export(
            Path(args.responses),
            form,
            warnings=notes,
            missing=Missing(_missing_codes(args.missing)),
            strict=args.strict,
        )
        form = export.form_present(form)
        responses = export.responses
        population = None
        if args.population:
            progress("reading the population")
            population = read_population(Path(args.population), warnings=notes)
            population.invited = args.invited
        _check_variables(options, responses, population)
        options = _choose_background(
            options, responses, population, notes, args.responses, export.sheet
        )
    except UsageError as exc:
        print(f"ledenpanel analyse: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except InputError as exc:
        print("ledenpanel analyse: the input cannot be analysed:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        if args.strict and any("unknown choice" in str(p) for p in exc.problems):
            print(
                "Answers that are not choices of the form may come from an older version of "
                "it: add them to the form's choices sheet, or run without --strict to count "
                "them as not answered.",
                file=sys.stderr,
            )
        print("Nothing was written. Correct the file(s) and run again.", file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:
        print(f"ledenpanel analyse: cannot read {exc.filename}: {exc.strerror}", file=sys.stderr)
        return EXIT_INVALID
    for note in notes:
        print(f"  note: {note}", file=sys.stderr)
    if options.min_group < DEFAULT_MIN_GROUP:
        print(
            f"  warning: --min-group {options.min_group} shows groups of fewer than "
            f"{DEFAULT_MIN_GROUP} respondents; their figures can tell what a member answered.",
            file=sys.stderr,
        )
    result = analyse(form, responses, population=population, options=options, progress=progress)
    # What the readers left out or read leniently, for the report to show
    # (until the engine takes notes itself).
    result["input_notes"] = _report_notes(notes)
    progress("writing the report")
    write_results(Path(args.out), result, pdf=args.pdf, lang=args.lang)
    progress(f"done: {Path(args.out) / 'analysis.json'}")
    return EXIT_OK
