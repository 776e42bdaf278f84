"""``validate_with_pyxform``: convert with pyxform (as KoboToolbox and ODK do) and report."""

from __future__ import annotations

import io
import re

from .model import FormIssue

_ROW = re.compile(r"\[row\s*:\s*(\d+)\]")
_SHEET = re.compile(r"On the '(\w+)' sheet")
_COLUMN = re.compile(r"the '([\w:() ]+)' (?:value|column)")


def validate_with_pyxform(data: bytes, *, warnings: bool = False) -> list[FormIssue]:
    """pyxform's errors as FormIssues; empty when the form converts to an XForm.

    With ``warnings=True`` pyxform's warnings are added too. ODK Validate (Java)
    is not run.
    """
    # Imported here: pyxform takes a fifth of a second to import, and this
    # package is also imported for its conventions (the analysis readers).
    from pyxform.errors import PyXFormError
    from pyxform.xls2xform import convert

    found: list[str] = []
    try:
        convert(xlsform=io.BytesIO(data), warnings=found)
    except PyXFormError as exc:
        return [_issue(str(exc))]
    except Exception as exc:  # pyxform raises plain errors on some broken files
        return [FormIssue("", None, None, f"pyxform cannot read the file ({exc})")]
    return [_issue(message) for message in found] if warnings else []


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
