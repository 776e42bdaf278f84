"""``validate_with_pyxform``: convert with pyxform (as KoboToolbox and ODK do) and report.

pyxform reads the workbook with openpyxl, which pads every row to the sheet's
declared ``<dimension>``: a lying dimension or a zip bomb keeps it busy for
minutes. So the file is checked against ``XLSFORM_LIMITS`` and converted in a
child process under memory and time limits, like every upload
(:mod:`ledenpanel.kernel.spreadsheets`).
"""

from __future__ import annotations

import io
import re

from ledenpanel.kernel.sandbox import SandboxError, run_limited
from ledenpanel.kernel.spreadsheets import XLSFORM_LIMITS, SpreadsheetError, check_workbook

from .model import FormIssue

_ROW = re.compile(r"\[row\s*:\s*(\d+)\]")
_SHEET = re.compile(r"On the '(\w+)' sheet")
_COLUMN = re.compile(r"the '([\w:() ]+)' (?:value|column)")


def validate_with_pyxform(data: bytes, *, warnings: bool = False) -> list[FormIssue]:
    """pyxform's errors as FormIssues; empty when the form converts to an XForm.

    With ``warnings=True`` pyxform's warnings are added too. ODK Validate (Java)
    is not run.
    """
    try:
        outcome, messages = run_limited(_convert, data, limits=XLSFORM_LIMITS.sandbox)
    except SpreadsheetError as exc:
        return [FormIssue(exc.sheet or "", exc.row, exc.column, exc.message)]
    except SandboxError as exc:
        return [FormIssue("", None, None, f"pyxform cannot read the file (reading it {exc})")]
    if outcome == _ERROR:
        return [_issue(messages[0])]
    if outcome == _UNREADABLE:
        return [FormIssue("", None, None, f"pyxform cannot read the file ({messages[0]})")]
    return [_issue(message) for message in messages] if warnings else []


_OK, _ERROR, _UNREADABLE = "ok", "error", "unreadable"


def _convert(data: bytes) -> tuple[str, list[str]]:
    """In the sandbox: check the workbook, convert it; the outcome and pyxform's messages.

    Plain strings come back rather than pyxform's exceptions, which need not
    survive pickling.
    """
    if data.startswith(b"PK"):
        check_workbook(data, XLSFORM_LIMITS)
    # Imported here: pyxform takes a fifth of a second to import, and this
    # package is also imported for its conventions (the analysis readers).
    from pyxform.errors import PyXFormError
    from pyxform.xls2xform import convert

    found: list[str] = []
    try:
        convert(xlsform=io.BytesIO(data), warnings=found)
    except PyXFormError as exc:
        return _ERROR, [str(exc)]
    except Exception as exc:  # pyxform raises plain errors on some broken files
        return _UNREADABLE, [str(exc)]
    return _OK, found


def _issue(message: str) -> FormIssue:
    row = _ROW.search(message)
    sheet = _SHEET.search(message)
    column = _COLUMN.search(message)
    return FormIssue(
        sheet=sheet.group(1) if sheet else ("survey" if row else ""),
        row=int(row.group(1)) if row else None,
        column=column.group(1) if column else None,
        message=_ROW.sub("", message).strip(),
    )
