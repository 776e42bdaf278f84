"""``read_responses``: a responses CSV, as KoboToolbox, ODK Central or this app export it.

The file
    UTF-8, with or without BOM; ``,`` or ``;`` separated (whichever the header
    line has more of, outside quotes). Every row must have as many fields as
    the header; rows whose fields are all empty (spreadsheet leftovers) are
    skipped.

Columns
    - A question's column is its name, possibly behind a group path: ``q``,
      ``grp/q``, ``g1/g2/q`` (Kobo), ``grp-q`` (ODK Central), ``grp.q``.
    - select_multiple: space-separated choice names; the per-option 0/1
      columns ``q/option`` (Kobo, also ``grp/q/option``; ODK Central
      ``grp-q/option``) are recognised and not read as questions or background
      variables. With only the option columns (Kobo's "separate columns"
      export) the answer is rebuilt from them.
    - points: one number per part, the part's XLSForm field (``NAME_PART`` in
      the app's convention, also ``NAME/PART``), with or without group path.
      An empty part of an answered question counts 0, as the app's own total
      does.
    - geopoint: ``q``, or ODK Central's ``q-Latitude`` … ``q-Accuracy``.
    - ``_open`` (the app's export): 1/0, true/false, yes/no; fills
      ``Responses.is_open`` (an empty cell is a member's response).
    - Metadata are ignored: every column starting with ``_`` (Kobo: ``_id``,
      ``_uuid``, ``_submission_time``, ``__version__``, ``_q_latitude`` …),
      ``meta/…``, ``meta-…``, ``formhub/…``, ODK Central's ``SubmissionDate``,
      ``KEY``, ``SubmitterID``, ``SubmitterName``, ``AttachmentsPresent``,
      ``AttachmentsExpected``, ``Status``, ``ReviewState``, ``DeviceID``,
      ``Edits``, ``FormVersion``, and ``instanceID``, ``start``, ``end``,
      ``today``, ``deviceid`` … (these names exactly as written: a background
      variable ``status`` in lower case is kept). So are the form's own
      non-question fields (calculate, note, ``q_other`` …).
    - Every other column is a background variable (text; empty → None).

Values
    A cell the export neutralised against formula injection (a quote before
    ``=``, ``+``, ``-``, ``@`` …, :func:`ledenpanel.kernel.cells.neutralise`)
    is read without that quote, so the app's own export reads back as it was.
    An empty cell, ``n/a``, ``N/A`` (as Ona writes) or ``NA`` (as R writes) is
    "not answered" (None), except where it is a choice name of the question;
    :class:`Missing` adds codes (``--missing``) that are not answered in every
    column. Choice names are compared as text: ``1.0`` is not the choice
    ``1``. Numbers take a decimal point or a decimal comma (``3,5``); integer
    questions want whole numbers.

Strict and lenient
    :func:`read_responses` is strict: every question of the form must have a
    column (all missing ones are reported together) and every answer must be
    a choice. :func:`read_export` (what ``ledenpanel analyse`` uses unless
    ``--strict``) reads other tools' exports as they are: a question without a
    column is a warning, and an answer that is not a choice of the form (an
    older version of it) is counted, named in a warning and read as not
    answered. Either way, labels in place of choice names, non-numbers, wrong
    field counts and undecodable bytes are reported with their line and
    column, at most :data:`~.errors.MAX_PROBLEMS` at once, as one
    :class:`InputError`.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ledenpanel.analysis.data import (
    DECIMAL,
    INTEGER,
    POINTS,
    RANK,
    SELECT_MULTIPLE,
    SELECT_ONE,
    Form,
    Question,
    Responses,
)
from ledenpanel.kernel.cells import restore
from ledenpanel.kernel.sandbox import MIB
from ledenpanel.kernel.spreadsheets import SpreadsheetError, TableLimits, check_text_table
from ledenpanel.kernel.xlsform.vocabulary import METADATA

from .errors import InputError, Problem, ProblemCollector

OPEN_COLUMN = "_open"
# A clear error instead of running out of memory: the whole party answering
# (50,000 responses) with a wide Kobo export (600 columns, a 0/1 column per
# option of every select_multiple) is 30 million cells, ~150 MB. Python holds
# a CSV at ~10 times its size, so 512 MB is about as much as a machine with
# 8 GB can analyse; a file of commas alone stops at the cell count.
CSV_LIMITS = TableLimits(
    max_file_bytes=512 * MIB,
    max_rows=1_000_000,
    max_columns=10_000,
    max_cells=50_000_000,
)
# Per column, the bad values reported one by one; the rest are counted.
_DETAILS_PER_COLUMN = 3
_NAMED_COLUMNS = 30  # a note names this many columns and counts the rest
_NAMED_VALUES = 8  # … and this many answers that are not choices

# -- the CSV table -----------------------------------------------------------


@dataclass
class CsvTable:
    """A CSV file's header and rows of text, with each row's first line number.

    Also a workbook's sheet (:mod:`.responses_xlsx`): then ``sheet`` is its
    name and ``lines`` are Excel's row numbers.
    """

    file: str
    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    delimiter: str
    header_line: int = 1
    skipped_empty: int = 0
    sheet: str | None = None

    def columns(self) -> list[tuple[str, ...]]:
        if not self.rows:
            return [() for _ in self.header]
        return list(zip(*self.rows, strict=True))


def read_csv_table(path: Path, problems: ProblemCollector) -> CsvTable:
    """Read a ``,`` or ``;`` separated UTF-8 file; rows of the wrong width go to ``problems``.

    Raises :class:`InputError` when the file cannot be read at all (missing,
    empty, not UTF-8, not CSV, or past :data:`CSV_LIMITS`).
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise problems.fail(f"cannot be read ({exc.strerror or exc})") from None
    if size > CSV_LIMITS.max_file_bytes:
        # Before reading it: a 20 GB file would not fit in memory to be refused.
        raise problems.fail(
            f"is {size / MIB:,.0f} MB, more than the {CSV_LIMITS.max_file_bytes // MIB:,} MB "
            "allowed: leave out columns that are not analysed, or split the responses"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise problems.fail(f"cannot be read ({exc.strerror or exc})") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise problems.fail("is UTF-16 text: save it as CSV (UTF-8)")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if not data.strip():
        raise problems.fail("is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start : exc.start + 1].hex()
        raise problems.fail(
            f"byte 0x{byte} is not UTF-8: save the file as CSV (UTF-8)", line=line
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise problems.fail("holds a NUL character: is it a CSV file?", line=line)
    delimiter = _delimiter(text)
    try:
        check_text_table(data, CSV_LIMITS, delimiter=delimiter)
    except SpreadsheetError as exc:
        raise problems.fail(exc.message) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = CsvTable(problems.file, [], [], [], delimiter)
    previous_line = 0
    try:
        for raw in reader:
            line, previous_line = previous_line + 1, reader.line_num
            if len(table.rows) >= CSV_LIMITS.max_rows:
                raise problems.fail(
                    f"has more than {CSV_LIMITS.max_rows:,} rows: split the responses", line=line
                )
            if not table.header and len(raw) > CSV_LIMITS.max_columns:
                raise problems.fail(
                    f"the header has {len(raw):,} fields, more than the "
                    f"{CSV_LIMITS.max_columns:,} columns allowed: is the delimiter right?",
                    line=line,
                )
            # Undo the export's neutralising quote (an exact inverse), so a text
            # answer "=1+1" or "-2+3" reads back as written.
            record = [restore(cell) for cell in raw]
            if not any(record):
                table.skipped_empty += bool(record) and bool(table.header)
                continue
            if not table.header:
                table.header = [name.strip() for name in record]
                table.header_line = line
            elif len(record) != len(table.header):
                problems.add(
                    f"{len(record)} fields where the header has {len(table.header)}"
                    f" (is a {_delimiter_name(delimiter)} or quote out of place?)",
                    line=line,
                )
            else:
                table.rows.append(record)
                table.lines.append(line)
    except csv.Error as exc:
        raise problems.fail(f"is not valid CSV ({exc})", line=reader.line_num) from None
    return table


def _delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    unquoted = re.sub(r'"[^"]*"', "", first_line)
    return ";" if unquoted.count(";") > unquoted.count(",") else ","


def _delimiter_name(delimiter: str) -> str:
    return "semicolon" if delimiter == ";" else "comma"


# -- which column holds what -------------------------------------------------

# Exactly as Kobo / ODK Central / Briefcase write them, and the XLSForm
# metadata fields under their usual names.
_METADATA_NAMES = METADATA | {
    "SubmissionDate",
    "KEY",
    "PARENT_KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
    "instanceID",
    "instanceName",
}
_METADATA_PREFIXES = ("_", "meta/", "meta-", "meta.", "formhub/", "formhub-", "formhub.")
_PATH_SEPARATORS = "/-.:"
_OPTION_SEPARATORS = ("/", ".")
_GEOPOINT_PARTS = ("Latitude", "Longitude", "Altitude", "Accuracy")


def _is_metadata(header: str) -> bool:
    return (
        header.startswith(_METADATA_PREFIXES) and header != OPEN_COLUMN
    ) or header in _METADATA_NAMES


@dataclass(frozen=True)
class _Target:
    kind: str  # "question", "part", "geo", "option", "other"
    question: str = ""
    part: str = ""  # the points part, the geopoint component or the select_multiple option


@dataclass
class _Layout:
    """Which columns (by position) hold what."""

    question: dict[str, int] = field(default_factory=dict)
    parts: dict[str, dict[str, int]] = field(default_factory=dict)
    geo: dict[str, dict[str, int]] = field(default_factory=dict)
    options: dict[str, dict[str, int]] = field(default_factory=dict)
    background: list[int] = field(default_factory=list)
    open: int | None = None
    ignored: list[str] = field(default_factory=list)


class _Resolver:
    """Maps a column header to the form field it holds, whatever group path it has."""

    def __init__(self, form: Form) -> None:
        self.form = form
        self.keys: dict[str, _Target] = {}
        for question in form.questions:
            # A points question's answers are in its parts' columns, not its own.
            kind = "other" if question.type == POINTS else "question"
            self.keys[question.name] = _Target(kind, question.name)
        for question in form.questions:
            if question.type == POINTS:
                for choice in question.choices:
                    part = _Target("part", question.name, choice.name)
                    for key in (
                        f"{question.name}_{choice.name}",
                        *(f"{question.name}{sep}{choice.name}" for sep in "/-."),
                    ):
                        self.keys.setdefault(key, part)
            elif question.type == "geopoint":
                for component in _GEOPOINT_PARTS:
                    target = _Target("geo", question.name, component)
                    self.keys.setdefault(f"{question.name}-{component}", target)
        for name in form.other_fields:
            self.keys.setdefault(name, _Target("other", name))

    def resolve(self, header: str) -> _Target | None:
        target = self.keys.get(header)
        if target is not None:
            return target
        for separator in _OPTION_SEPARATORS:
            prefix, found, option = header.rpartition(separator)
            if found and prefix and option:
                owner = self._by_suffix(prefix)
                if owner is not None and owner.kind == "question":
                    question = self.form.question(owner.question)
                    if question is not None and question.type == SELECT_MULTIPLE:
                        return _Target("option", question.name, option)
        return self._by_suffix(header)

    def _by_suffix(self, header: str) -> _Target | None:
        """The target of the longest path-stripped tail of ``header`` (``g1/g2/q`` → ``q``)."""
        target = self.keys.get(header)
        if target is not None:
            return target
        for position, character in enumerate(header):
            if character in _PATH_SEPARATORS:
                target = self.keys.get(header[position + 1 :])
                if target is not None:
                    return target
        return None


def _layout(table: CsvTable, form: Form, problems: ProblemCollector) -> _Layout:
    layout = _Layout()
    resolver = _Resolver(form)
    seen: dict[str, int] = {}
    claimed: dict[_Target, int] = {}
    for position, header in enumerate(table.header):
        number = position + 1
        if not header:
            if any(row[position].strip() for row in table.rows):
                problems.add(
                    "a column without a name holds values",
                    line=table.header_line,
                    column_number=number,
                )
            continue
        if header in seen:
            problems.add(
                f"the header has this column twice (also column {seen[header] + 1})",
                line=table.header_line,
                column=header,
                column_number=number,
            )
            continue
        seen[header] = position
        if header == OPEN_COLUMN:
            layout.open = position
            continue
        # The form's own fields first: a question may be called "start" or "Status".
        target = resolver.keys.get(header)
        if target is None and _is_metadata(header):
            layout.ignored.append(header)
            continue
        target = target or resolver.resolve(header)
        if target is None:
            layout.background.append(position)
            continue
        if target.kind == "other":
            layout.ignored.append(header)
            continue
        if target in claimed:
            other = table.header[claimed[target]]
            problems.add(
                f'column "{other}" holds the same answers ({_describe(target)})',
                line=table.header_line,
                column=header,
                column_number=number,
            )
            continue
        claimed[target] = position
        if target.kind == "question":
            layout.question[target.question] = position
        elif target.kind == "part":
            layout.parts.setdefault(target.question, {})[target.part] = position
        elif target.kind == "geo":
            layout.geo.setdefault(target.question, {})[target.part] = position
        else:
            layout.options.setdefault(target.question, {})[target.part] = position
    return layout


_PART = re.compile(r"(\S+) \(part (.+)\)")  # a points question's part without a column


def _absent_params(absent: Sequence[str]) -> dict[str, Any]:
    """The questions without a column, for the report's note: names, and parts apart."""
    questions: list[str] = []
    parts: list[dict[str, str]] = []
    for entry in absent:
        part = _PART.fullmatch(entry)
        if part:
            parts.append({"question": part[1], "part": part[2]})
        else:
            questions.append(entry)
    return {"count": len(absent), "questions": questions, "parts": parts}


def _describe(target: _Target) -> str:
    if target.kind == "question":
        return f"question {target.question}"
    return f"{target.question}, {target.part}"


def _missing_questions(form: Form, layout: _Layout) -> list[str]:
    missing = []
    for question in form.questions:
        if question.name in layout.question:
            continue
        if question.type == POINTS:
            present = layout.parts.get(question.name, {})
            lacking = [c.name for c in question.choices if c.name not in present]
            if lacking and present:
                missing += [f"{question.name} (part {part})" for part in lacking]
            elif lacking:
                missing.append(question.name)
        elif question.type == SELECT_MULTIPLE and question.choices:
            options = layout.options.get(question.name, {})
            if not all(choice.name in options for choice in question.choices):
                missing.append(question.name)
        elif question.type == "geopoint":
            if set(layout.geo.get(question.name, {})) != set(_GEOPOINT_PARTS):
                missing.append(question.name)
        else:
            missing.append(question.name)
    return missing


# -- values ------------------------------------------------------------------

_BAD = object()  # what a parser returns for a cell that is not a valid value
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_TRUE = frozenset({"1", "true", "yes", "ja", "y"})
_FALSE = frozenset({"0", "false", "no", "nee", "n", ""})


# Written for "not answered" by the tools (Ona's n/a, R's NA). A choice of that
# name stays the choice.
_DEFAULT_MISSING = frozenset({"NA", "N/A", "n/a"})


@dataclass(frozen=True)
class Missing:
    """Which cells read as "not answered".

    Always an empty cell. ``n/a``, ``N/A`` and R's ``NA`` too, except where
    they are a choice name of the question. The ``extra`` codes (``--missing``)
    are not answered in every column, choice name or not: the user said so.
    """

    extra: frozenset[str] = frozenset()

    def __call__(self, text: str, names: frozenset[str] | set[str] = frozenset()) -> bool:
        if not text or text in self.extra:
            return True
        return text in _DEFAULT_MISSING and text not in names


NO_EXTRA_MISSING = Missing()


class _Old:
    """A cell with answers that are not choices of the form (an older form version?)."""

    __slots__ = ("kept", "unknown")

    def __init__(self, kept: Any, unknown: tuple[str, ...]) -> None:
        self.kept = kept  # what is left of the answer without them (None: nothing)
        self.unknown = unknown


@dataclass
class UnknownAnswers:
    """Answers in one column that are not choices of the form, counted as not answered."""

    column: str
    column_number: int
    question: str
    cells: int = 0
    values: dict[str, int] = field(default_factory=dict)

    def _sorted(self) -> list[str]:
        return sorted(self.values, key=lambda value: (-self.values[value], value))

    def message(self) -> str:
        values = self._sorted()
        shown = ", ".join(f'"{_shown(value)}"' for value in values[:_NAMED_VALUES])
        if len(values) > _NAMED_VALUES:
            shown += f" and {len(values) - _NAMED_VALUES} more"
        answers = "answer" if self.cells == 1 else "answers"
        verb = (
            "holds a value that is not a choice"
            if self.cells == 1
            else "hold values that are not choices"
        )
        return (
            f"{self.cells} {answers} to question {self.question} {verb} of the form "
            f"({shown}), perhaps from an older version of it: counted as not answered. Add "
            "them to the form's choices sheet to count them, or run with --strict to refuse them"
        )

    def params(self) -> dict[str, Any]:
        """For the report's note: the question, the answers and the values (shortened)."""
        values = self._sorted()
        return {
            "question": self.question,
            "count": self.cells,
            "values": [_shown(value) for value in values[:_NAMED_VALUES]],
            "more": max(len(values) - _NAMED_VALUES, 0),
        }


@dataclass
class _Column:
    """One column's cells, and where to report a bad one."""

    header: str
    number: int
    cells: Sequence[str]


class _ValueReader:
    def __init__(
        self, table: CsvTable, problems: ProblemCollector, *, missing: Missing, strict: bool
    ) -> None:
        self.table = table
        self.problems = problems
        self.missing = missing
        self.strict = strict
        self.unknown: list[UnknownAnswers] = []

    def _count_unknown(self, column: _Column, old: dict[str, _Old], question: str) -> None:
        counts: dict[str, int] = {}
        for cell in column.cells:
            if cell in old:
                counts[cell] = counts.get(cell, 0) + 1
        found = UnknownAnswers(column.header, column.number, question)
        for cell, count in counts.items():
            found.cells += count
            for value in old[cell].unknown:
                found.values[value] = found.values.get(value, 0) + count
        self.unknown.append(found)

    def column(self, position: int, columns: list[tuple[str, ...]]) -> _Column:
        return _Column(self.table.header[position], position + 1, columns[position])

    def convert(
        self,
        column: _Column,
        parse: Callable[[str], Any],
        what: Callable[[str], str],
        question: str = "",
    ) -> list[Any]:
        """``parse`` each cell; report the bad ones.

        ``parse`` returns the value, or ``_BAD`` for a bad cell, which
        becomes None and is reported with ``what(cell)`` as the message. An
        ``_Old`` (answers that are not choices of the form) is bad when
        ``strict``; otherwise what is left of the answer, counted in
        ``unknown``.
        """
        # Parse each distinct cell once, then look the cells up: a column of
        # 10,000 answers has a handful of distinct values.
        parsed = {cell: parse(cell) for cell in set(column.cells)}
        old = {cell: value for cell, value in parsed.items() if isinstance(value, _Old)}
        if old and not self.strict:
            self._count_unknown(column, old, question)
            for cell, value in old.items():
                parsed[cell] = value.kept
        elif old:
            for cell in old:
                parsed[cell] = _BAD
        values = [parsed[cell] for cell in column.cells]
        if not any(value is _BAD for value in parsed.values()):
            return values
        bad = [index for index, value in enumerate(values) if value is _BAD]
        for index in bad:
            values[index] = None
        for index in bad[:_DETAILS_PER_COLUMN]:
            self.problems.add(
                what(column.cells[index].strip()),
                line=self.table.lines[index],
                column=column.header,
                column_number=column.number,
            )
        if len(bad) > _DETAILS_PER_COLUMN:
            self.problems.add(
                f"and {len(bad) - _DETAILS_PER_COLUMN} more such values in this column",
                column=column.header,
                column_number=column.number,
            )
        return values


def _choice_parser(question: Question, missing: Missing) -> Callable[[str], Any]:
    names = frozenset(choice.name for choice in question.choices)
    labels = {choice.label for choice in question.choices} - names
    free = not question.choices  # choices from a file: any value

    def parse(cell: str) -> Any:
        text = cell.strip()
        if missing(text, names):
            return None
        if text in names or free:
            return text
        # A label is a wrong export (labels, not names), never an older choice.
        return _BAD if text in labels else _Old(None, (text,))

    return parse


def _list_parser(question: Question, ordered: bool, missing: Missing) -> Callable[[str], Any]:
    names = frozenset(choice.name for choice in question.choices)
    labels = {choice.label for choice in question.choices} - names
    free = not question.choices

    def parse(cell: str) -> Any:
        text = cell.strip()
        if missing(text, names):
            return None
        chosen = text.split()
        if ordered and len(set(chosen)) != len(chosen):
            return _BAD
        unknown = () if free else tuple(name for name in chosen if name not in names)
        if unknown and text in labels:
            return _BAD
        if ordered:
            # A ranking with an item the form lacks has no sound ranks left.
            return _Old(None, unknown) if unknown else tuple(chosen)
        if unknown:
            kept = frozenset(name for name in chosen if name in names)
            return _Old(kept or None, unknown)
        return frozenset(chosen)

    return parse


def _number_parser(whole: bool, missing: Missing) -> Callable[[str], Any]:
    def parse(cell: str) -> Any:
        text = cell.strip()
        if missing(text):
            return None
        if not _NUMBER.match(text):
            return _BAD
        if "," in text:
            if "." in text:
                return _BAD
            text = text.replace(",", ".")
        value = float(text)
        if whole and not value.is_integer():
            return _BAD
        return value

    return parse


def _text(cell: str, missing: Missing = NO_EXTRA_MISSING) -> str | None:
    text = cell.strip()
    return None if missing(text) else text


def _flag_parser(missing: Missing) -> Callable[[str], Any]:
    def parse(cell: str) -> Any:
        if missing(cell.strip()):
            return False
        text = cell.strip().lower()
        if text in _TRUE:
            return True
        return False if text in _FALSE else _BAD

    return parse


def _choice_problem(question: Question, kind: str = "choice") -> Callable[[str], str]:
    listed = ", ".join(choice.name for choice in question.choices)
    labels = {choice.label: choice.name for choice in question.choices}

    def what(text: str) -> str:
        shown = _shown(text)
        if text in labels:
            return (
                f'"{shown}" is a label, not a choice name, for question {question.name} '
                f'(choice "{labels[text]}"): export with XML values (names), not labels'
            )
        names = {choice.name for choice in question.choices}
        if question.type == RANK and all(name in names for name in text.split()):
            return f'ranking "{shown}" for question {question.name} names a choice twice'
        unknown = next((n for n in text.split() if n not in names), text)
        return (
            f'unknown {kind} "{_shown(unknown)}" for question {question.name}; '
            f"the form's choices are {listed}."
        )

    return what


def _number_problem(question_name: str, whole: bool) -> Callable[[str], str]:
    wanted = "a whole number" if whole else "a number"

    def what(text: str) -> str:
        return f'"{_shown(text)}" is not {wanted} (question {question_name})'

    return what


def _shown(text: str) -> str:
    """A cell as shown in a message: short, on one line."""
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


# -- the responses -----------------------------------------------------------


@dataclass
class Export:
    """What :func:`read_export` found: the responses and what it had to leave out.

    ``absent`` names the form's questions the export has no column for (their
    answers are all None); :meth:`form_present` is the form without them.
    ``unknown`` counts, per column, the answers that are not choices of the
    form and were read as not answered. ``sheet``: the sheet read, when the
    export is a workbook.
    """

    responses: Responses
    absent: tuple[str, ...] = ()
    unknown: list[UnknownAnswers] = field(default_factory=list)
    sheet: str | None = None  # the sheet read, when the export is a workbook

    def form_present(self, form: Form) -> Form:
        if not self.absent:
            return form
        questions = tuple(q for q in form.questions if q.name not in self.absent)
        return Form(title=form.title, questions=questions, other_fields=form.other_fields)


def read_responses(
    path: str | os.PathLike[str],
    form: Form,
    *,
    warnings: list[Problem] | None = None,
    missing: Missing = NO_EXTRA_MISSING,
    strict: bool = True,
) -> Responses:
    """Read the responses to ``form``; raise :class:`InputError` naming line and column.

    Ignored columns and skipped rows are appended to ``warnings`` when given.
    Strict by default: see :func:`read_export` for the lenient reading.
    """
    return read_export(path, form, warnings=warnings, missing=missing, strict=strict).responses


def read_export(
    path: str | os.PathLike[str],
    form: Form,
    *,
    warnings: list[Problem] | None = None,
    missing: Missing = NO_EXTRA_MISSING,
    strict: bool = False,
) -> Export:
    """Read the responses to ``form`` as an export from another tool may hold them.

    Unless ``strict``: a question without a column (personal data removed,
    an "other" field nobody filled in) is a warning, and its answers are None;
    an answer that is not a choice of the form (an older version of it) is
    counted, named in a warning and read as not answered. With ``strict``
    both are refused, as every other bad value always is. An export with no
    column for any question is refused either way: it belongs to another form.
    """
    path = Path(path)
    problems = ProblemCollector(os.fspath(path))
    table = _read_table(path, problems)
    layout = _layout(table, form, problems)
    absent = _missing_questions(form, layout)
    _refuse_labels_header(table, form, absent, problems)
    if absent and (strict or len(absent) == len(form.questions)):
        hint = ""
        if len(absent) == len(form.questions):
            hint = (
                " None of the form's questions has a column: does the header hold labels "
                "instead of names, or is this the export of another form?"
            )
        problems.add(
            f"no column for the form's questions {', '.join(absent)}.{hint}",
            line=table.header_line,
        )
    columns = table.columns()
    reader = _ValueReader(table, problems, missing=missing, strict=strict)
    count = len(table.rows)
    answers = {
        question.name: (
            [None] * count
            if question.name in absent
            else _answers(question, layout, columns, reader, count)
        )
        for question in form.questions
    }
    background = {
        table.header[position]: _texts(columns[position], missing) for position in layout.background
    }
    is_open = None
    if layout.open is not None:
        column = reader.column(layout.open, columns)
        is_open = reader.convert(
            column, _flag_parser(missing), lambda text: f'"{_shown(text)}" is not 1 or 0'
        )
    problems.raise_if_any()
    if warnings is not None:
        _warn(problems.file, table, layout, warnings)
        if absent:
            warnings.append(
                Problem(
                    problems.file,
                    table.header_line,
                    None,
                    f"no column for the form's questions {', '.join(absent)}: they are left "
                    "out of the analysis (removed from the export, or never answered?)",
                    sheet=table.sheet,
                    code="questions_without_column",
                    params=_absent_params(absent),
                )
            )
        for found in reader.unknown:
            warnings.append(
                Problem(
                    problems.file,
                    None,
                    found.column,
                    found.message(),
                    column_number=found.column_number,
                    sheet=table.sheet,
                    code="answers_not_in_form",
                    params=found.params(),
                )
            )
    responses = Responses(answers=answers, background=background, is_open=is_open)
    return Export(responses, tuple(absent), reader.unknown, table.sheet)


def _read_table(path: Path, problems: ProblemCollector) -> CsvTable:
    """A CSV file, or the first sheet of a workbook (:mod:`.responses_xlsx`)."""
    from .responses_xlsx import is_workbook, read_xlsx_table

    if is_workbook(path):
        return read_xlsx_table(path, problems)
    return read_csv_table(path, problems)


def _refuse_labels_header(
    table: CsvTable, form: Form, absent: Sequence[str], problems: ProblemCollector
) -> None:
    """Refuse an export whose header holds the questions' labels instead of their names.

    KoboToolbox exports "Labels" by default: a header "Bent u lid?" (or
    "Over u/Bent u lid?" with the group's label) where the form's name is
    ``lid``, and choice labels for choice names. Nothing in it can be matched
    to the form; exporting with "XML values and headers" gives the names.
    """
    labels = {
        " ".join(question.label.split()): question.name
        for question in form.questions
        if question.name in absent and question.label.strip() and question.label != question.name
    }
    if not labels:
        return
    found = []
    for header in table.header:
        text = " ".join(header.split())
        if text in labels or any(text.endswith("/" + label) for label in labels):
            found.append(header)
    # One label among the headers may be a board's own column ("Regio"); a
    # header of labels has many, or nothing else the form knows.
    if not found or (len(absent) < len(form.questions) and len(found) < max(2, len(labels) // 2)):
        return
    shown = ", ".join(f'"{_shown(header)}"' for header in found[:3])
    more = ", …" if len(found) > 3 else ""
    problems.add(
        f"the header holds the labels of the form's questions ({shown}{more}), not their "
        "names: this looks like KoboToolbox's export with labels. Export the responses again "
        'with "XML values and headers" as the value and header format',
        line=table.header_line,
    )
    raise problems.error()


def _answers(
    question: Question,
    layout: _Layout,
    columns: list[tuple[str, ...]],
    reader: _ValueReader,
    count: int,
) -> list[Any]:
    position = layout.question.get(question.name)
    if question.type == POINTS:
        return _points(question, layout.parts[question.name], columns, reader, count)
    if position is None and question.type == SELECT_MULTIPLE:
        return _from_options(question, layout.options[question.name], columns, reader, count)
    if position is None:  # a geopoint in ODK Central's four columns
        parts = [columns[layout.geo[question.name][name]] for name in _GEOPOINT_PARTS]
        points = zip(*parts, strict=True) if count else ()
        return [" ".join(p.strip() for p in point if p.strip()) or None for point in points]
    column = reader.column(position, columns)
    missing = reader.missing
    if question.type == SELECT_ONE:
        return reader.convert(
            column, _choice_parser(question, missing), _choice_problem(question), question.name
        )
    if question.type in (SELECT_MULTIPLE, RANK):
        return reader.convert(
            column,
            _list_parser(question, question.type == RANK, missing),
            _choice_problem(question),
            question.name,
        )
    if question.type in (INTEGER, DECIMAL):
        whole = question.type == INTEGER
        return reader.convert(
            column, _number_parser(whole, missing), _number_problem(question.name, whole)
        )
    return _texts(column.cells, missing)


def _texts(cells: Sequence[str], missing: Missing = NO_EXTRA_MISSING) -> list[str | None]:
    parsed = {cell: _text(cell, missing) for cell in set(cells)}
    return [parsed[cell] for cell in cells]


def _points(
    question: Question,
    positions: dict[str, int],
    columns: list[tuple[str, ...]],
    reader: _ValueReader,
    count: int,
) -> list[dict[str, float] | None]:
    parts = [choice.name for choice in question.choices]
    values = {
        part: reader.convert(
            reader.column(positions[part], columns),
            _number_parser(False, reader.missing),
            _number_problem(question.name, whole=False),
        )
        for part in parts
    }
    answers: list[dict[str, float] | None] = []
    for index in range(count):
        row = [values[part][index] for part in parts]
        if all(value is None for value in row):
            answers.append(None)
        else:
            answers.append({part: value or 0.0 for part, value in zip(parts, row, strict=True)})
    return answers


def _from_options(
    question: Question,
    positions: dict[str, int],
    columns: list[tuple[str, ...]],
    reader: _ValueReader,
    count: int,
) -> list[frozenset[str] | None]:
    """A select_multiple rebuilt from its 0/1 option columns (none chosen: not answered)."""
    flags = {
        choice.name: reader.convert(
            reader.column(positions[choice.name], columns),
            _flag_parser(reader.missing),
            lambda text: f'"{_shown(text)}" is not 1 or 0 (question {question.name})',
        )
        for choice in question.choices
    }
    answers: list[frozenset[str] | None] = []
    for index in range(count):
        chosen = frozenset(name for name, column in flags.items() if column[index])
        answers.append(chosen or None)
    return answers


def _names(names: Sequence[str], limit: int = _NAMED_COLUMNS) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _warn(file: str, table: CsvTable, layout: _Layout, warnings: list[Problem]) -> None:
    if layout.ignored:
        shown = layout.ignored[:_NAMED_COLUMNS]
        warnings.append(
            Problem(
                file,
                None,
                None,
                f"{len(layout.ignored)} metadata or non-question columns ignored: "
                + _names(layout.ignored, _NAMED_COLUMNS),
                sheet=table.sheet,
                code="columns_ignored",
                params={
                    "count": len(layout.ignored),
                    "columns": shown,
                    "more": len(layout.ignored) - len(shown),
                },
            )
        )
    if table.skipped_empty:
        warnings.append(
            Problem(
                file,
                None,
                None,
                f"{table.skipped_empty} rows with only empty fields skipped",
                sheet=table.sheet,
                code="empty_rows_skipped",
                params={"count": table.skipped_empty},
            )
        )
    if not table.rows:
        warnings.append(
            Problem(
                file,
                None,
                None,
                "has a header but no responses",
                sheet=table.sheet,
                code="no_responses",
            )
        )


__all__ = [
    "NO_EXTRA_MISSING",
    "OPEN_COLUMN",
    "CsvTable",
    "Export",
    "InputError",
    "Missing",
    "UnknownAnswers",
    "read_csv_table",
    "read_export",
    "read_responses",
]
