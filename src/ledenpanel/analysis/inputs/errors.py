"""Bad input: every problem names its file and where in it, and they are reported together."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ledenpanel.kernel.spreadsheets import column_letters

# Enough to fix a file in one go, few enough to read on a terminal.
MAX_PROBLEMS = 20


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in an input file.

    ``line`` is a CSV line number (1 = the header) or, with ``sheet``, an
    XLSForm row number as Excel shows it; ``column`` is the column's name and
    ``column_number`` its position (1 = first).

    A warning a report shows carries a ``code`` and its ``params`` (names and
    figures, JSON-ready), so that the report can say it in its own language
    (``ledenpanel.analysis.report.input_notices``); ``message`` is the
    English sentence for the terminal.
    """

    file: str
    line: int | None
    column: str | None
    message: str
    column_number: int | None = None
    sheet: str | None = None
    code: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            where.append(f'sheet "{self.sheet}"')
        if self.line is not None:
            where.append(f"row {self.line}" if self.sheet is not None else f"line {self.line}")
        if self.column is not None:
            column = f'column "{self.column}"'
            if self.column_number is not None:
                # A sheet's columns have letters (C), a CSV file's a number (3).
                number = self.column_number
                column += f" ({column_letters(number) if self.sheet is not None else number})"
            where.append(column)
        return f"{', '.join(where)}: {self.message}"


class Note(NamedTuple):
    """A warning without its place: a stable ``code``, its ``params`` and the English text."""

    code: str
    params: dict[str, Any]
    message: str


class InputError(Exception):
    """The input cannot be analysed; ``problems`` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class ProblemCollector:
    """Gathers the problems of one file, up to a limit, and raises them together."""

    def __init__(self, file: str, *, limit: int = MAX_PROBLEMS, sheet: str | None = None) -> None:
        self.file = file
        self.limit = limit
        # The sheet of a workbook, for problems that name no other (rows are then rows).
        self.sheet = sheet
        self.problems: list[Problem] = []
        self.overflow = 0

    def add(
        self,
        message: str,
        *,
        line: int | None = None,
        column: str | None = None,
        column_number: int | None = None,
        sheet: str | None = None,
    ) -> None:
        if len(self.problems) >= self.limit:
            self.overflow += 1
            return
        sheet = sheet if sheet is not None else self.sheet
        self.problems.append(Problem(self.file, line, column, message, column_number, sheet))

    def __bool__(self) -> bool:
        return bool(self.problems)

    def error(self) -> InputError:
        problems = list(self.problems)
        if self.overflow:
            problems.append(
                Problem(
                    self.file,
                    None,
                    None,
                    f"… and {self.overflow} more problems not shown",
                    sheet=self.sheet,
                )
            )
        return InputError(problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise self.error()

    def fail(
        self,
        message: str,
        *,
        line: int | None = None,
        column: str | None = None,
        sheet: str | None = None,
    ) -> InputError:
        """The error for a problem that stops reading at once (with any found before)."""
        self.add(message, line=line, column=column, sheet=sheet)
        return self.error()
