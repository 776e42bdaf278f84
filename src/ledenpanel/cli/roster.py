"""`ledenpanel import-units` and `ledenpanel import-members`.

Imported by ``cli.commands`` before Django is set up: import nothing from
Django models at module level (the services are imported inside the
functions that run after set-up).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ledenpanel.cli.exitcodes import EXIT_INVALID, EXIT_OK

if TYPE_CHECKING:
    from ledenpanel.organisations.roster.report import ImportReport

MAX_PRINTED_ISSUES = 200

Progress = Callable[[int, int], None]


def add_import_arguments(parser: argparse.ArgumentParser, *, full: bool) -> None:
    """Add FILE, --dry-run, --json (and --full for members) to ``parser``."""
    parser.add_argument("file", metavar="FILE", help="CSV or XLSX file")
    parser.add_argument(
        "--dry-run", action="store_true", help="check and report, but write nothing"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print only a JSON summary on stdout (progress still goes to stderr)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    parser.add_argument(
        "--lang",
        choices=["nl", "en"],
        default="nl",
        help="language of the messages (default: nl)",
    )
    if full:
        parser.add_argument(
            "--full",
            action="store_true",
            help="the file is the whole roster: mark members missing from it as former members",
        )


def import_units(args: argparse.Namespace) -> int:
    from ledenpanel.organisations.roster.services import roster_units_import

    return _run(
        args,
        lambda data, progress: roster_units_import(
            data=data, filename=args.file, dry_run=args.dry_run, progress=progress
        ),
        members=False,
    )


def import_members(args: argparse.Namespace) -> int:
    from ledenpanel.organisations.roster.services import roster_members_import

    return _run(
        args,
        lambda data, progress: roster_members_import(
            data=data,
            filename=args.file,
            full=args.full,
            dry_run=args.dry_run,
            progress=progress,
        ),
        members=True,
    )


def _run(
    args: argparse.Namespace,
    run: Callable[[bytes, Progress | None], ImportReport],
    *,
    members: bool,
) -> int:
    from django.utils.translation import gettext as _

    from ledenpanel.organisations.roster.report import ImportReport, Issue

    try:
        data = Path(args.file).read_bytes()
    except FileNotFoundError:
        report = ImportReport(errors=[Issue(1, None, _("bestand niet gevonden"))])
    except IsADirectoryError:
        report = ImportReport(errors=[Issue(1, None, _("dit is een map, geen bestand"))])
    except OSError as exc:
        report = ImportReport(
            errors=[Issue(1, None, _("bestand niet te lezen: %(error)s") % {"error": exc.strerror})]
        )
    else:
        with _progress_bar(enabled=not args.no_progress) as progress:
            report = run(data, progress)
        report.dry_run = args.dry_run

    if args.json:
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _print_issues(args.file, report, sys.stderr)
        print(_summary(report, members=members), file=sys.stdout)
    return EXIT_INVALID if report.errors else EXIT_OK


@contextmanager
def _progress_bar(*, enabled: bool) -> Iterator[Progress | None]:
    if not enabled:
        yield None
        return
    from tqdm import tqdm

    # disable=None: no bar when stderr is not a terminal (logs, pipes, tests).
    bar = tqdm(
        total=0,
        file=sys.stderr,
        disable=None,
        unit="",
        leave=False,
        bar_format="{l_bar}{bar}| {elapsed}<{remaining}",
    )
    bar.set_description("Inlezen")

    def update(done: int, total: int) -> None:
        if bar.total != total:
            bar.total = total
        bar.n = done
        bar.refresh()

    try:
        yield update
    finally:
        bar.close()


def _print_issues(filename: str, report: ImportReport, out: TextIO) -> None:
    from django.utils.translation import gettext as _

    issues = [(issue, False) for issue in report.errors] + [
        (issue, True) for issue in report.warnings
    ]
    for issue, is_warning in issues[:MAX_PRINTED_ISSUES]:
        prefix = _("waarschuwing: ") if is_warning else ""
        print(f"{filename}:{issue.location()}: {prefix}{issue.message}", file=out)
    if len(issues) > MAX_PRINTED_ISSUES:
        print(
            _("… en nog %(count)s meldingen") % {"count": len(issues) - MAX_PRINTED_ISSUES},
            file=out,
        )


def _summary(report: ImportReport, *, members: bool) -> str:
    from django.utils.translation import gettext as _

    if report.errors:
        return _("Niets geïmporteerd: %(errors)s fout(en), %(warnings)s waarschuwing(en).") % {
            "errors": len(report.errors),
            "warnings": len(report.warnings),
        }
    counts = {
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "reactivated": report.reactivated,
        "marked_former": report.marked_former,
        "warnings": len(report.warnings),
    }
    if members:
        text = (
            _(
                "%(created)s nieuw, %(updated)s bijgewerkt, %(unchanged)s ongewijzigd, "
                "%(reactivated)s teruggekeerd, %(marked_former)s als oud-lid gemarkeerd; "
                "%(warnings)s waarschuwing(en)."
            )
            % counts
        )
    else:
        text = (
            _(
                "%(created)s nieuw, %(updated)s bijgewerkt, %(unchanged)s ongewijzigd; "
                "%(warnings)s waarschuwing(en)."
            )
            % counts
        )
    if report.dry_run:
        return _("Proefdraai, er is niets opgeslagen. Bij importeren: %(text)s") % {"text": text}
    return _("Geïmporteerd: %(text)s") % {"text": text}
