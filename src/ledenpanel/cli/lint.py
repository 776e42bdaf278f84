"""`ledenpanel lint FORM.xlsx [--json] [--lang nl|en]`: check a form against the guideline.

Pure Python (no Django). ``cli.commands`` adds the arguments with
`add_lint_arguments` and runs `run_lint`. Exit codes: 0 when no finding is an
error, 1 when one is or the form cannot be read, 2 on wrong usage (argparse).
With ``--json`` stdout holds only a JSON list of findings; everything else
(not-imported notes, the summary) goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from ledenpanel.cli.exitcodes import EXIT_INVALID, EXIT_OK
from ledenpanel.guideline.findings import Finding
from ledenpanel.guideline.lint import lint_questionnaire

TEXTS = {
    "nl": {
        "questionnaire": "vragenlijst",
        "unreadable": "{file}: kan het bestand niet lezen: {error}",
        "form_error": "{file}: {issue}",
        "not_imported": "{file}: niet ingelezen (niet gecontroleerd): {note}",
        "summary": "{file}: {errors} fout(en), {warnings} waarschuwing(en), {infos} tip(s)",
        "invalid": "{file}: het formulier is niet te lezen; niets gecontroleerd.",
    },
    "en": {
        "questionnaire": "questionnaire",
        "unreadable": "{file}: cannot read the file: {error}",
        "form_error": "{file}: {issue}",
        "not_imported": "{file}: not imported (not checked): {note}",
        "summary": "{file}: {errors} error(s), {warnings} warning(s), {infos} info",
        "invalid": "{file}: the form cannot be read; nothing was checked.",
    },
}


def add_lint_arguments(parser: argparse.ArgumentParser) -> None:
    """Add FORM, --json and --lang to the ``lint`` subcommand's parser."""
    parser.add_argument("file", metavar="FORM", help="XLSForm questionnaire (.xlsx)")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print only a JSON list of findings on stdout (diagnostics go to stderr)",
    )
    parser.add_argument(
        "--lang",
        choices=["nl", "en"],
        default="nl",
        help="language of the messages (default: nl); the checks read the form's own language",
    )


def run_lint(
    args: argparse.Namespace, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Lint the form in ``args.file``; print findings; return the exit code."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    lang = args.lang if args.lang in TEXTS else "nl"
    texts = TEXTS[lang]
    name = args.file
    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        print(texts["unreadable"].format(file=name, error=exc.strerror or exc), file=err)
        _empty_json(args, out)
        return EXIT_INVALID

    from ledenpanel.kernel.xlsform import read_xlsform

    result = read_xlsform(data, Path(args.file).name)
    for note in result.not_imported:
        print(texts["not_imported"].format(file=name, note=note), file=err)
    if result.errors or result.questionnaire is None:
        for issue in result.errors:
            print(texts["form_error"].format(file=name, issue=issue), file=err)
        print(texts["invalid"].format(file=name), file=err)
        _empty_json(args, out)
        return EXIT_INVALID

    findings = lint_questionnaire(result.questionnaire, lang=lang)
    if args.json:
        json.dump([f.to_dict() for f in findings], out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for finding in findings:
            print(format_finding(finding, name, texts["questionnaire"]), file=out)
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    print(
        texts["summary"].format(
            file=name, errors=counts["error"], warnings=counts["warning"], infos=counts["info"]
        ),
        file=err,
    )
    return EXIT_INVALID if counts["error"] else EXIT_OK


def format_finding(finding: Finding, file: str, questionnaire_word: str) -> str:
    """``FORM.xlsx: <question or "vragenlijst">: <severity> <rule>: message — suggestion``."""
    where = finding.question or questionnaire_word
    return (
        f"{file}: {where}: {finding.severity} {finding.rule}: "
        f"{finding.message} — {finding.suggestion}"
    )


def _empty_json(args: argparse.Namespace, out: TextIO) -> None:
    """With --json, stdout always holds a JSON list, even when nothing was checked."""
    if getattr(args, "json", False):
        out.write("[]\n")
