"""What an import reports: counts, warnings and errors (plain data, no Django models)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _


@dataclass(frozen=True, slots=True)
class Issue:
    """One error or warning about the file.

    ``line`` is the line in the file (the header is line 1; for XLSX the Excel
    row number); ``column`` is the header as written in the file, or ``None``
    when the issue is not about one column.
    """

    line: int
    column: str | None
    message: str

    def location(self) -> str:
        if self.column is None:
            return _("regel %(line)s") % {"line": self.line}
        return _("regel %(line)s, kolom %(column)s") % {"line": self.line, "column": self.column}

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "message": self.message}


def too_long(limit: int) -> str:
    """The message for a cell longer than ``limit`` characters."""
    return _("te lang: maximaal %(limit)s tekens") % {"limit": limit}


def _sorted(issues: list[Issue]) -> list[Issue]:
    # Stable: issues on one line keep the order in which they were found.
    return sorted(issues, key=lambda issue: issue.line)


@dataclass(slots=True)
class ImportReport:
    """The outcome of an import (or, in a dry run, what the import would do).

    When there are errors nothing was (or would be) written and all counts are 0.
    """

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    reactivated: int = 0
    marked_former: int = 0
    warnings: list[Issue] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def sort_issues(self) -> None:
        self.warnings = _sorted(self.warnings)
        self.errors = _sorted(self.errors)

    def to_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "reactivated": self.reactivated,
            "marked_former": self.marked_former,
            "warnings": [issue.to_dict() for issue in self.warnings],
            "errors": [issue.to_dict() for issue in self.errors],
        }
