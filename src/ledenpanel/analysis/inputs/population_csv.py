"""``read_population``: the target population's background variables from a CSV.

One row per member (``region;age;gender``), or one row per combination with
its number of members in a ``count`` column; both give the same
:class:`Population`: one row per combination that has members, sorted, with
its count. Same file rules as the responses (UTF-8 with or without BOM, ``,``
or ``;``); an empty cell (or ``n/a``) is an unknown value (None). ``count``
must be a whole number ≥ 0; rows counting 0 add nothing and are dropped.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ledenpanel.analysis.data import Population

from .errors import InputError, Problem, ProblemCollector
from .responses_csv import read_csv_table

COUNT_COLUMN = "count"
_WHOLE = re.compile(r"^\d+$")
# A per-member file whose column has a different value on every row of at least
# this many rows probably holds an identifier (member number, e-mail address).
_IDENTIFIER_ROWS = 50

Combination = tuple[str | None, ...]


def read_population(
    path: str | os.PathLike[str], *, warnings: list[Problem] | None = None
) -> Population:
    """Read and aggregate a population file; raise :class:`InputError` naming line and column."""
    path = Path(path)
    problems = ProblemCollector(os.fspath(path))
    table = read_csv_table(path, problems)
    count_position = next(
        (i for i, name in enumerate(table.header) if name.lower() == COUNT_COLUMN), None
    )
    variables = [i for i in range(len(table.header)) if i != count_position]
    for position in variables:
        if not table.header[position]:
            problems.add(
                "a column without a name", line=table.header_line, column_number=position + 1
            )
    seen: dict[str, int] = {}
    for position in variables:
        name = table.header[position]
        if name and name in seen:
            problems.add(
                f"the header has this column twice (also column {seen[name] + 1})",
                line=table.header_line,
                column=name,
                column_number=position + 1,
            )
        seen.setdefault(name, position)
    if not variables:
        problems.add("has no background variables, only a count", line=table.header_line)
    totals: dict[Combination, int] = {}
    for row, line in zip(table.rows, table.lines, strict=True):
        count = 1
        if count_position is not None:
            text = row[count_position].strip()
            if not _WHOLE.match(text):
                problems.add(
                    f'count "{text[:20]}" is not a whole number ≥ 0',
                    line=line,
                    column=table.header[count_position],
                    column_number=count_position + 1,
                )
                continue
            count = int(text)
        combination = tuple(_value(row[position]) for position in variables)
        totals[combination] = totals.get(combination, 0) + count
    if not table.rows and not problems:
        problems.add("has a header but no rows", line=table.header_line)
    problems.raise_if_any()
    if warnings is not None and count_position is None:
        _warn_identifiers(problems.file, table.header, variables, totals, warnings)
    # Sorted by the variables in name order, so column order in the file does not matter.
    by_name = sorted(range(len(variables)), key=lambda index: table.header[variables[index]])
    kept = sorted(
        (key for key, count in totals.items() if count > 0),
        key=lambda key: _sort_key(tuple(key[index] for index in by_name)),
    )
    return Population(
        columns={
            table.header[position]: [key[index] for key in kept]
            for index, position in enumerate(variables)
        },
        count=[totals[key] for key in kept],
    )


def _value(cell: str) -> str | None:
    text = cell.strip()
    return None if not text or text.lower() == "n/a" else text


def _sort_key(combination: Combination) -> tuple[tuple[bool, str], ...]:
    return tuple((value is None, value or "") for value in combination)


def _warn_identifiers(
    file: str,
    header: list[str],
    variables: list[int],
    totals: dict[Combination, int],
    warnings: list[Problem],
) -> None:
    members = sum(totals.values())
    if members < _IDENTIFIER_ROWS:
        return
    for index, position in enumerate(variables):
        if len({key[index] for key in totals}) == members:
            warnings.append(
                Problem(
                    file,
                    None,
                    header[position],
                    "has a different value for every member: an identifier? "
                    "Leave it out: the population needs background variables only",
                    position + 1,
                    code="identifier_column",
                )
            )


__all__ = ["COUNT_COLUMN", "InputError", "read_population"]
