"""The results of reading and checking an XLSForm: plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field

from ledenpanel.kernel.questionnaire.schema import Questionnaire


@dataclass
class FormIssue:
    """A problem in a form file.

    ``row`` is the Excel row number (the header is row 1) and ``column`` the
    column's header text (``"name"``, ``"label::English (en)"``); either is
    ``None`` when the problem is not tied to one.
    """

    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.sheet or "file"
        if self.row is not None:
            where += f" row {self.row}"
        if self.column:
            where += f" column {self.column!r}"
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    """``questionnaire`` is ``None`` when ``errors`` is not empty.

    ``not_imported`` lists, in form order, what the file holds but Ledenpanel
    does not keep, each note naming the sheet and row.
    """

    questionnaire: Questionnaire | None
    errors: list[FormIssue] = field(default_factory=list)
    not_imported: list[str] = field(default_factory=list)
