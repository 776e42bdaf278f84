"""Validate member rows: plain Python over a read table, producing typed rows.

Nothing here touches the database: the caller passes the units (as a
``UnitDirectory``) and today's date. What each cell may hold is in
``member_cells``; this module walks the rows and checks across them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.translation import gettext as _

from ledenpanel.organisations.roster.directory import UnitDirectory
from ledenpanel.organisations.roster.headers import (
    MEMBER_HEADERS,
    MEMBER_REQUIRED,
    HeaderMatch,
    header_issues,
    match_member_headers,
)
from ledenpanel.organisations.roster.member_cells import (
    MAX_LENGTHS,
    CellParser,
    Invalid,
    cell_parsers,
)
from ledenpanel.organisations.roster.reading import Table
from ledenpanel.organisations.roster.report import Issue, too_long

Progress = Callable[[int, int], None]

# Member fields an import compares and writes, in this order. ``member_number``
# is the key and not among them.
MEMBER_FIELDS = (
    "first_name",
    "infix",
    "last_name",
    "email",
    "birth_date",
    "gender",
    "street",
    "house_number",
    "postcode",
    "city",
    "municipality",
    "branch_id",
    "member_since",
    "status",
    "do_not_contact",
)
# Column (canonical header name) → ``MemberRow`` attribute, where they differ.
_ATTRIBUTE_OF_COLUMN = {"branch": "branch_id", "groups": "group_ids"}
ADULT_AGE = 16


@dataclass(slots=True)
class MemberRow:
    """One valid row, as the values to store."""

    line: int
    member_number: str
    first_name: str = ""
    infix: str = ""
    last_name: str = ""
    email: str = ""
    birth_date: dt.date | None = None
    gender: str = ""
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    city: str = ""
    municipality: str = ""
    branch_id: int = 0
    member_since: dt.date | None = None
    # None: the Status cell is empty; the import keeps the stored status
    # (a new member becomes active). Without a Status column the import never
    # writes the status at all, so this stays "active" for new members only.
    status: str | None = "active"
    do_not_contact: bool = False
    group_ids: frozenset[int] | None = None  # None: the file has no groups column


@dataclass
class MemberValidation:
    rows: list[MemberRow] = field(default_factory=list)
    # The member fields the file provides. Absent columns keep stored values;
    # in particular a file without a Status column never changes a status.
    fields: tuple[str, ...] = ()
    has_groups: bool = False
    warnings: list[Issue] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)


def validate_members(
    table: Table,
    *,
    units: UnitDirectory,
    today: dt.date,
    progress: Progress | None = None,
) -> MemberValidation:
    """Check every row and return the valid rows with all warnings and errors."""
    result = MemberValidation()
    match = match_member_headers(table.headers)
    result.warnings, result.errors = header_issues(
        match, MEMBER_HEADERS, MEMBER_REQUIRED, table.header_line
    )
    if result.errors:
        return result
    result.fields = _fields_provided(match)
    result.has_groups = "groups" in match.columns

    parser = _RowParser(match, units=units, today=today)
    lines_by_email: dict[str, list[int]] = {}
    for line, cells in _reporting_progress(table.rows, progress):
        row, issues = parser.parse(line, cells)
        _note_email(row, lines_by_email)
        if issues:
            result.errors.extend(issues)
        else:
            result.rows.append(row)
            result.warnings.extend(_row_warnings(row, today, match.written.get("birth_date")))
    result.warnings.extend(_shared_email_warnings(lines_by_email, match.written.get("email")))
    return result


def _fields_provided(match: HeaderMatch) -> tuple[str, ...]:
    """The member fields with a column in the file, in ``MEMBER_FIELDS`` order."""
    attributes = {_ATTRIBUTE_OF_COLUMN.get(name, name) for name in match.columns}
    return tuple(name for name in MEMBER_FIELDS if name in attributes)


def _reporting_progress(
    rows: list[tuple[int, list[str]]], progress: Progress | None
) -> Iterator[tuple[int, list[str]]]:
    """Yield ``rows``, telling ``progress`` before each 1 % of them and at the end.

    At least 500 rows apart: a small file needs no running count.
    """
    if progress is None:
        yield from rows
        return
    total = len(rows)
    step = max(total // 100, 500)
    for position, row in enumerate(rows, start=1):
        if position % step == 0:
            progress(position, total)
        yield row
    progress(total, total)


class _Column(NamedTuple):
    attribute: str  # of MemberRow
    index: int  # of the cell in a row
    header: str  # as written in the file, for issues
    parse: CellParser


class _RowParser:
    """Turn one row's cells into a ``MemberRow`` and the issues with its cells."""

    def __init__(self, match: HeaderMatch, *, units: UnitDirectory, today: dt.date) -> None:
        self._number_index = match.columns["member_number"]
        self._number_header = match.written["member_number"]
        self._numbers = _MemberNumbers()
        # Only the columns the file has, so a row skips the absent ones.
        self._columns = [
            _Column(
                _ATTRIBUTE_OF_COLUMN.get(name, name),
                match.columns[name],
                match.written[name],
                parse,
            )
            for name, parse in cell_parsers(units, today).items()
            if name in match.columns
        ]

    def parse(self, line: int, cells: list[str]) -> tuple[MemberRow, list[Issue]]:
        """The row (meant to be stored only when there are no issues) and its issues."""
        number = cells[self._number_index].strip()
        row = MemberRow(line=line, member_number=number)
        issues: list[Issue] = []
        problem = self._numbers.problem(number, line)
        if problem is not None:
            issues.append(Issue(line, self._number_header, problem))
        for attribute, index, header, parse in self._columns:
            value = parse(cells[index])
            if isinstance(value, Invalid):
                issues.extend(Issue(line, header, message) for message in value.messages)
            else:
                setattr(row, attribute, value)
        return row, issues


class _MemberNumbers:
    """Check member numbers, remembering each one's first line to catch repeats."""

    def __init__(self) -> None:
        self._first_line: dict[str, int] = {}

    def problem(self, number: str, line: int) -> str | None:
        """What is wrong with ``number`` on ``line``, or ``None``."""
        limit = MAX_LENGTHS["member_number"]
        if not number:
            return _("verplicht veld is leeg")
        if len(number) > limit:
            return too_long(limit)
        if number in self._first_line:
            return _("lidnummer %(number)s staat ook op regel %(line)s") % {
                "number": number,
                "line": self._first_line[number],
            }
        self._first_line[number] = line
        return None


def _note_email(row: MemberRow, lines_by_email: dict[str, list[int]]) -> None:
    """Record the row's e-mail address (the row holds one only when it is valid).

    Rows with errors count too, so a shared address is already reported in
    the round that reports the errors.
    """
    if row.email:
        lines_by_email.setdefault(row.email.casefold(), []).append(row.line)


def _row_warnings(row: MemberRow, today: dt.date, birth_date_header: str | None) -> list[Issue]:
    """Warnings about a valid row: members the panel cannot reach or should not ask."""
    warnings: list[Issue] = []
    if (
        not row.email
        and not (row.street and row.postcode and row.city)
        and row.status in ("active", None)
        and not row.do_not_contact
    ):
        warnings.append(
            Issue(
                row.line,
                None,
                _(
                    "geen e-mailadres en geen volledig postadres: "
                    "dit lid kan niet worden uitgenodigd"
                ),
            )
        )
    if row.birth_date is not None and _age_on(row.birth_date, today) < ADULT_AGE:
        warnings.append(
            Issue(
                row.line,
                birth_date_header,
                _("dit lid is jonger dan %(age)s jaar") % {"age": ADULT_AGE},
            )
        )
    return warnings


def _age_on(birth_date: dt.date, today: dt.date) -> int:
    return (
        today.year
        - birth_date.year
        - ((today.month, today.day) < (birth_date.month, birth_date.day))
    )


def _shared_email_warnings(
    lines_by_email: dict[str, list[int]], email_header: str | None
) -> list[Issue]:
    """One warning per address on several rows, on its first line."""
    return [
        Issue(
            lines[0],
            email_header,
            _("hetzelfde e-mailadres staat op regels %(lines)s (gedeeld in een huishouden?)")
            % {"lines": ", ".join(str(line) for line in lines)},
        )
        for lines in lines_by_email.values()
        if len(lines) > 1
    ]
