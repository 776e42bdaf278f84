"""``read_form``: an XLSForm (.xlsx, also .xls/.ods) to the analysis' :class:`Form`.

It reads KoboToolbox/ODK forms and the app's own exports
(:mod:`ledenpanel.kernel.xlsform`). Types, column spellings, metadata, the
label language and how a cell becomes text are the kernel's XLSForm vocabulary
(:mod:`ledenpanel.kernel.xlsform.vocabulary`, :func:`ledenpanel.kernel.cells.cell_text`),
which the questionnaire import uses too. What becomes a question:

- every row of an answerable type (``select_one``, ``select_multiple``,
  ``rank``, ``integer``, ``decimal``, ``text``, ``date``, ``geopoint``, …),
  named by its ``name`` without the group path, typed by its XLSForm base type
  (``select_one LIST or_other`` → ``select_one`` with an extra ``other``
  choice; ``select_one_from_file x.csv`` → ``select_one`` without choices);
- the rows of a grid (a ``table-list`` group of select_one) each on their own;
- a points-division group in the app's convention (appearance
  ``ledenpanel-points``) as ONE question of type ``points``: its integer rows
  are the parts (the choices, ``NAME_`` prefix dropped) and ``total=`` in its
  parameters is ``points_total``;
- ``range`` 0–10 step 1 as a 0–10 rating (select_one), as the app reads it;
  other ranges as ``integer`` (or ``decimal`` when a bound or step has decimals).

Not questions: ``note``, ``calculate``, ``hidden``, metadata (``start``,
``end``, ``today``, ``deviceid``, ``username``, ``audit``, …), group and
repeat rows, and every row inside a repeat (exports put repeats in other
tables) or a KoboToolbox matrix, score or rank block, whatever its type says
(the questionnaire import skips these whole too). Their names go into
``Form.other_fields``.

Labels (of questions and choices) come from the label columns in the
vocabulary's order (:func:`~ledenpanel.kernel.xlsform.vocabulary.label_order`):
the column ``label::<default_language>`` of the settings sheet, else a label
column of the same language code, else the plain ``label`` column, else the
first label column; an empty cell falls back to the next of these, then to the
name.

Scales (select_one only): AGREE when the opinion choices (those that are not
"weet niet") run from disagree to agree by name or label (the app's names,
"oneens" … "eens", "disagree" … "agree"; a list written agree-first is put in
disagree-first order); RATING when their names are a run of whole numbers
(0–10, 1–5) labelled by those numbers (end points may carry words; numeric
codes with word labels, like 1 = man, 2 = vrouw, are codes, not ratings);
ORDINAL when the appearance has ``likert``; else NOMINAL. A choice is
"weet niet" (``dont_know``) when the choices sheet's ``missing`` column says
yes (the app's convention; ``no`` overrides the rest), its name is one of the
app's don't-know names, or its label says "weet niet", "geen mening",
"don't know" or "no opinion".
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ledenpanel.analysis.data import (
    DECIMAL,
    INTEGER,
    POINTS,
    SELECT_ONE,
    Choice,
    Form,
    Question,
    Scale,
)
from ledenpanel.kernel.cells import cell_text
from ledenpanel.kernel.questionnaire.schema import AGREE_5, AGREE_7
from ledenpanel.kernel.sandbox import SandboxError
from ledenpanel.kernel.spreadsheets import (
    XLSFORM_LIMITS,
    SpreadsheetError,
    SpreadsheetProblem,
    read_workbook_values_sandboxed,
)
from ledenpanel.kernel.xlsform.conventions import (
    POINTS_MARKER,
    POINTS_TOTAL_SUFFIX,
    RATING_NAMES,
    is_dont_know_name,
    parse_parameters,
)
from ledenpanel.kernel.xlsform.vocabulary import (
    FALSE_WORDS,
    KOBO_BLOCKS,
    RANGE_DEFAULTS,
    TRUE_WORDS,
    column_positions,
    is_true,
    label_order,
    parse_type,
)

from .errors import InputError, Note, Problem, ProblemCollector

# -- types -------------------------------------------------------------------

# Types and their spellings are the kernel's XLSForm vocabulary
# (:mod:`ledenpanel.kernel.xlsform.vocabulary`); the import of questionnaires
# reads them alike. Here every answered type is a question, and every row that
# asks nothing (note, calculate, metadata …) an "other" field.
_MEDIA_TYPES = frozenset({"image", "audio", "video", "file"})


@dataclass(frozen=True)
class _RowType:
    kind: str  # "begin", "end", "select", "answer", "other", "unknown"
    base: str  # the XLSForm base type: select_one, integer, group, repeat, matrix …
    list_name: str = ""  # for selects; "" when the choices come from a file
    or_other: bool = False


def _parse_type(raw: str) -> _RowType:
    xls = parse_type(raw)
    kind = "other" if xls.kind in ("silent", "metadata") else xls.kind
    return _RowType(kind, xls.base, xls.list_name, xls.or_other)


# -- sheets ------------------------------------------------------------------

_ZIP_MAGIC = b"PK\x03\x04"  # .xlsx and .ods
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old .xls


@dataclass
class _Sheet:
    name: str  # as written in the file
    columns: dict[tuple[str, str | None], int]  # (base, language) → position
    rows: list[tuple[int, list[str]]]  # (Excel row number, cells)

    def has(self, base: str) -> bool:
        return any(key[0] == base for key in self.columns)

    def languages(self, base: str) -> list[str | None]:
        return [language for key_base, language in self.columns if key_base == base]

    def get(self, cells: list[str], base: str, language: str | None = None) -> str:
        position = self.columns.get((base, language))
        if position is None or position >= len(cells):
            return ""
        return cells[position]


def _read_sheet(name: str, table: list[list[object]]) -> _Sheet:
    """Cells as text (:func:`~ledenpanel.kernel.cells.cell_text`), columns by the vocabulary."""
    columns: dict[tuple[str, str | None], int] = {}
    rows: list[tuple[int, list[str]]] = []
    for index, values in enumerate(table):
        cells = [cell_text(value) for value in values]
        if index == 0:
            columns = column_positions(cells)
        elif any(cells):
            rows.append((index + 1, cells))
    return _Sheet(name, columns, rows)


def _read_workbook(path: Path, problems: ProblemCollector) -> dict[str, _Sheet]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise problems.fail(f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise problems.fail("is empty")
    if not data.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        raise problems.fail("is not an .xlsx file (an XLSForm is an Excel workbook)")
    # A form file may come from anyone: checked against XLSFORM_LIMITS and
    # parsed in a child under memory and time limits, so a hostile workbook
    # (one cell at XFD1048576 made calamine abort this process) is a clear
    # InputError and exit code 1.
    try:
        book = read_workbook_values_sandboxed(data, XLSFORM_LIMITS)
    except SpreadsheetError as exc:
        if exc.problem == SpreadsheetProblem.UNREADABLE:
            raise problems.fail(f"is not a readable .xlsx workbook ({exc.detail})") from None
        raise problems.fail(exc.message, line=exc.row, column=exc.column, sheet=exc.sheet) from None
    except SandboxError as exc:
        limits = exc.limits
        raise problems.fail(
            f"could not be read: reading it {exc.message} (the limits, {limits.memory_mib} MiB "
            f"and {limits.cpu_seconds} s, are far more than any form needs); open it in Excel "
            "or LibreOffice, delete what lies beyond the form's rows and columns, and save it "
            "again as .xlsx"
        ) from None
    sheets: dict[str, _Sheet] = {}
    for sheet_name, table in book:
        sheets.setdefault(sheet_name.strip().lower(), _read_sheet(sheet_name, table))
    return sheets


# -- labels and choices ------------------------------------------------------


def _label_order(sheet: _Sheet, default_language: str) -> list[str | None]:
    """Label columns in the vocabulary's order of preference (see the module docstring)."""
    return label_order(sheet.languages("label"), default_language)


def _label(sheet: _Sheet, cells: list[str], order: list[str | None]) -> str:
    for language in order:
        text = sheet.get(cells, "label", language)
        if text:
            return text
    return ""


_YES_NO = TRUE_WORDS | FALSE_WORDS
_DONT_KNOW_LABEL = re.compile(
    r"weet\s+(ik\s+)?niet|geen\s+mening|don['’`]?t\s+know|do\s+not\s+know|no\s+opinion",
    re.IGNORECASE,
)


@dataclass
class _ChoiceList:
    choices: list[Choice] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    # Repeated names: (row, name). Refused only in a list a question uses, and
    # not when the settings sheet says ``allow_choice_duplicates`` (as pyxform).
    duplicates: list[tuple[int, str]] = field(default_factory=list)


def _read_choices(
    sheet: _Sheet | None, default_language: str, problems: ProblemCollector
) -> dict[str, _ChoiceList]:
    lists: dict[str, _ChoiceList] = {}
    if sheet is None:
        return lists
    name_base = "name"  # also pyxform's "value" (the vocabulary's aliases)
    for base in ("list_name", name_base):
        if not sheet.has(base):
            problems.add(f"the choices sheet has no {base} column", sheet=sheet.name, line=1)
            return lists
    order = _label_order(sheet, default_language)
    for number, cells in sheet.rows:
        list_name = sheet.get(cells, "list_name")
        name = sheet.get(cells, name_base)
        if not list_name:
            continue
        if not name:
            problems.add(
                f"choice in list {list_name} has no name",
                sheet=sheet.name,
                line=number,
                column=name_base,
            )
            continue
        choice_list = lists.setdefault(list_name, _ChoiceList())
        if name in choice_list.names:
            choice_list.duplicates.append((number, name))
            continue
        label = _label(sheet, cells, order) or name
        missing = sheet.get(cells, "missing").strip().lower()
        if missing in _YES_NO:
            dont_know = is_true(missing)
        else:
            dont_know = is_dont_know_name(name) or bool(_DONT_KNOW_LABEL.search(label))
        choice_list.names.add(name)
        choice_list.choices.append(Choice(name, label, dont_know))
    return lists


# -- scales ------------------------------------------------------------------

_AGREE_NAME_SCALES = (
    tuple(name for name, _label in AGREE_5),
    tuple(name for name, _label in AGREE_7),
)
_NEUTRAL = re.compile(
    r"neutra|neither|noch|niet\s+(mee\s+)?eens[,\s]+(of\s+|en\s+)?niet\s+(mee\s+)?oneens"
    r"|niet\s+eens\s+of\s+oneens|geen\s+van\s+beide|undecided"
)
# "Niet mee eens" disagrees, though it says "eens".
_NEGATIVE = re.compile(r"\boneens\b|\bdisagree\b|\bniet\s+(mee\s+)?eens\b|\bnot\s+agree\b")
_POSITIVE = re.compile(r"\beens\b|\bagree\b")


def _agree_side(text: str) -> int | None:
    lowered = " ".join(text.lower().replace("_", " ").split())
    if _NEUTRAL.search(lowered):
        return 0
    if _NEGATIVE.search(lowered):
        return -1
    if _POSITIVE.search(lowered):
        return 1
    return None


def _agree_direction(texts: list[str]) -> int:
    """1: disagree → agree, -1: agree → disagree, 0: not an agree scale."""
    sides = [_agree_side(text) for text in texts]
    if len(sides) < 2 or None in sides:
        return 0
    ordered: list[int] = [side for side in sides if side is not None]
    if ordered[0] == -1 and ordered[-1] == 1 and ordered == sorted(ordered):
        return 1
    if ordered[0] == 1 and ordered[-1] == -1 and ordered == sorted(ordered, reverse=True):
        return -1
    return 0


_INTEGER = re.compile(r"^-?\d+$")


def _is_rating(opinion: list[Choice]) -> bool:
    if len(opinion) < 2 or not all(_INTEGER.match(choice.name) for choice in opinion):
        return False
    numbers = sorted(int(choice.name) for choice in opinion)
    if numbers[-1] - numbers[0] + 1 != len(numbers) or len(set(numbers)) != len(numbers):
        return False
    # Word labels on the inner points (1 = man, 2 = vrouw, 3 = anders) make codes.
    inner = opinion[1:-1] if len(opinion) > 2 else opinion
    return all(_labelled_by_number(choice) for choice in inner)


def _labelled_by_number(choice: Choice) -> bool:
    starts_with_number = re.match(rf"^\s*{re.escape(choice.name)}\b", choice.label)
    return not choice.label or starts_with_number is not None


def _scale(choices: list[Choice], appearance: str) -> tuple[Scale, list[Choice]]:
    """The scale of a select_one, and its choices in scale order."""
    opinion = [choice for choice in choices if not choice.dont_know]
    names = tuple(choice.name for choice in opinion)
    direction = 1 if names in _AGREE_NAME_SCALES else 0
    direction = direction or _agree_direction([choice.label for choice in opinion])
    direction = direction or _agree_direction(list(names))
    if direction:
        if direction == -1:
            reordered = iter(reversed(opinion))
            choices = [choice if choice.dont_know else next(reordered) for choice in choices]
        return Scale.AGREE, choices
    if _is_rating(opinion):
        return Scale.RATING, choices
    if "likert" in appearance.lower():
        return Scale.ORDINAL, choices
    return Scale.NOMINAL, choices


# -- the survey --------------------------------------------------------------


@dataclass
class _Group:
    kind: str  # "group", "repeat", or a Kobo block: "matrix", "score", "rank"
    name: str
    row: int
    points: _Points | None = None


@dataclass
class _Points:
    name: str
    label: str
    total: float | None
    row: int
    parts: list[Choice] = field(default_factory=list)


@dataclass
class _Survey:
    questions: list[Question] = field(default_factory=list)
    rows: dict[str, list[int]] = field(default_factory=dict)  # question name → rows
    other_fields: set[str] = field(default_factory=set)
    used_lists: set[str] = field(default_factory=set)  # by the questions analysed
    skipped_in_repeats: int = 0
    skipped_in_kobo_blocks: int = 0


class _SurveyReader:
    def __init__(
        self,
        sheet: _Sheet,
        lists: dict[str, _ChoiceList],
        default_language: str,
        problems: ProblemCollector,
    ) -> None:
        self.sheet = sheet
        self.lists = lists
        self.labels = _label_order(sheet, default_language)
        self.problems = problems
        self.survey = _Survey()
        self.stack: list[_Group] = []

    def read(self) -> _Survey:
        for number, cells in self.sheet.rows:
            raw_type = self.sheet.get(cells, "type")
            if raw_type:
                self._row(number, cells, raw_type)
        for group in self.stack:
            self._error(group.row, "type", f"'begin {group.kind}' {group.name} has no 'end'")
        return self.survey

    def _error(self, row: int, column: str, message: str) -> None:
        self.problems.add(message, sheet=self.sheet.name, line=row, column=column)

    def _name(self, cells: list[str]) -> str:
        return self.sheet.get(cells, "name") or self.sheet.get(cells, "$autoname")

    def _row(self, number: int, cells: list[str], raw_type: str) -> None:
        row_type = _parse_type(raw_type)
        name = self._name(cells)
        if row_type.kind == "begin":
            self._begin(number, cells, row_type.base, name)
        elif row_type.kind == "end":
            self._end(number, row_type.base)
        elif (skipped := self._skipped()) is not None:
            # Skipped whole, whatever its rows say, as the questionnaire import does.
            asks = row_type.kind != "other"
            if skipped in KOBO_BLOCKS:
                self.survey.skipped_in_kobo_blocks += asks
            else:
                self.survey.skipped_in_repeats += asks
            if name:
                self.survey.other_fields.add(name)
        elif row_type.kind == "unknown":
            self._error(number, "type", f'unknown type "{raw_type}"')
        elif not name:
            if row_type.kind != "other":
                self._error(number, "name", f'a "{raw_type}" row without a name')
        elif row_type.kind == "other":
            self.survey.other_fields.add(name)
        elif (
            self.stack
            and self.stack[-1].points is not None
            and row_type.base
            in (
                INTEGER,
                DECIMAL,
            )
        ):
            self._part(self.stack[-1].points, cells, name)
        else:
            self._question(number, cells, row_type, name)

    def _begin(self, number: int, cells: list[str], kind: str, name: str) -> None:
        group = _Group(kind, name, number)
        appearance = self.sheet.get(cells, "appearance").split()
        if kind == "group" and POINTS_MARKER in appearance and self._skipped() is None:
            parameters = parse_parameters(self.sheet.get(cells, "parameters"))
            total = _number(parameters.get("total", ""))
            if total is None or total <= 0:
                self._error(number, "parameters", "a points question needs total=N (N > 0)")
            label = _label(self.sheet, cells, self.labels) or name
            group.points = _Points(name, label, total, number)
        self.stack.append(group)

    def _skipped(self) -> str | None:
        """The outermost open repeat or Kobo block, whose rows are not analysed."""
        return next((group.kind for group in self.stack if group.kind != "group"), None)

    def _end(self, number: int, kind: str) -> None:
        if not self.stack or self.stack[-1].kind != kind:
            expected = f"'end {self.stack[-1].kind}'" if self.stack else "no end row"
            self._error(number, "type", f"'end {kind}' matches no 'begin {kind}' ({expected})")
            return
        group = self.stack.pop()
        if group.points is not None:
            points = group.points
            if not points.parts:
                self._error(points.row, "type", f"points question {points.name} has no parts")
            self._add(
                Question(
                    name=points.name,
                    type=POINTS,
                    label=points.label,
                    choices=tuple(points.parts),
                    points_total=points.total,
                ),
                points.row,
            )
            self.survey.other_fields.add(f"{points.name}{POINTS_TOTAL_SUFFIX}")

    def _part(self, points: _Points, cells: list[str], name: str) -> None:
        prefix = f"{points.name}_"
        part = name[len(prefix) :] if name.startswith(prefix) and name != prefix else name
        label = _label(self.sheet, cells, self.labels) or part
        points.parts.append(Choice(part, label))

    def _question(self, number: int, cells: list[str], row_type: _RowType, name: str) -> None:
        label = _label(self.sheet, cells, self.labels) or name
        appearance = self.sheet.get(cells, "appearance")
        base = row_type.base
        choices: list[Choice] = []
        scale = Scale.NOMINAL
        if row_type.kind == "select" and row_type.list_name:
            choice_list = self.lists.get(row_type.list_name)
            if choice_list is None:
                message = f'list "{row_type.list_name}" is not on the choices sheet'
                self._error(number, "type", message)
                return
            self.survey.used_lists.add(row_type.list_name)
            choices = list(choice_list.choices)
            if row_type.or_other:
                choices.append(Choice("other", "Other"))
                self.survey.other_fields.add(f"{name}_other")
        elif base == "range":
            base, choices = self._range(number, cells)
        if base == SELECT_ONE and choices:
            scale, choices = _scale(choices, appearance)
        if base in _MEDIA_TYPES:
            self.survey.other_fields.add(f"{name}_URL")  # Kobo's link to the attachment
        self._add(Question(name, base, label, tuple(choices), scale), number)

    def _range(self, number: int, cells: list[str]) -> tuple[str, list[Choice]]:
        parameters = parse_parameters(self.sheet.get(cells, "parameters"))
        values = [_number(parameters.get(key, default)) for key, default in RANGE_DEFAULTS]
        if None in values:
            self._error(number, "parameters", "range parameters start, end, step must be numbers")
            return INTEGER, []
        start, end, step = values
        if (start, end, step) == (0, 10, 1):
            return SELECT_ONE, [Choice(name, name) for name in RATING_NAMES]
        whole = all(value is not None and float(value).is_integer() for value in values)
        return (INTEGER if whole else DECIMAL), []

    def _add(self, question: Question, row: int) -> None:
        rows = self.survey.rows.setdefault(question.name, [])
        rows.append(row)
        if len(rows) == 2:
            self._error(
                row, "name", f"duplicate question name {question.name} (also on row {rows[0]})"
            )
        if len(rows) == 1:
            self.survey.questions.append(question)


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


# -- the form ----------------------------------------------------------------


def read_form(path: str | os.PathLike[str], *, warnings: list[Problem] | None = None) -> Form:
    """Read an XLSForm; raise :class:`InputError` naming sheet, row and column when it is bad.

    Notes that do not stop the analysis (rows skipped inside repeats) are
    appended to ``warnings`` when given.
    """
    path = Path(path)
    file = os.fspath(path)
    problems = ProblemCollector(file)
    sheets = _read_workbook(path, problems)
    survey_sheet = sheets.get("survey")
    if survey_sheet is None:
        raise problems.fail('has no "survey" sheet: is it an XLSForm?')
    for base in ("type", "name"):
        if not survey_sheet.has(base) and not (base == "name" and survey_sheet.has("$autoname")):
            problems.add(f"the survey sheet has no {base} column", sheet=survey_sheet.name, line=1)
    problems.raise_if_any()
    settings = _settings(sheets.get("settings"))
    default_language = settings.default_language
    choices_sheet = sheets.get("choices")
    lists = _read_choices(choices_sheet, default_language, problems)
    survey = _SurveyReader(survey_sheet, lists, default_language, problems).read()
    allowed = _duplicate_choices(
        lists, survey.used_lists, settings.allow_choice_duplicates, choices_sheet, problems
    )
    if not survey.questions and not problems:
        problems.add("has no questions", sheet=survey_sheet.name)
    problems.raise_if_any()
    if warnings is not None and allowed:
        warnings.append(
            Problem(file, None, None, allowed.message, code=allowed.code, params=allowed.params)
        )
    if warnings is not None and survey.skipped_in_repeats:
        count = survey.skipped_in_repeats
        warnings.append(
            Problem(
                file,
                None,
                None,
                f"{count} questions inside repeats are not analysed "
                "(exports keep repeats in separate tables)",
                code="questions_in_repeats",
                params={"count": count},
            )
        )
    if warnings is not None and survey.skipped_in_kobo_blocks:
        count = survey.skipped_in_kobo_blocks
        warnings.append(
            Problem(
                file,
                None,
                None,
                f"{count} questions inside Kobo matrix, score or rank blocks are not analysed",
                code="questions_in_kobo_blocks",
                params={"count": count},
            )
        )
    questions = tuple(survey.questions)
    other_fields = frozenset(survey.other_fields - {question.name for question in questions})
    return Form(title=settings.title or path.stem, questions=questions, other_fields=other_fields)


@dataclass(frozen=True)
class _Settings:
    title: str = ""
    default_language: str = ""
    allow_choice_duplicates: bool = False


def _settings(sheet: _Sheet | None) -> _Settings:
    if sheet is None or not sheet.rows:
        return _Settings()
    _row, cells = sheet.rows[0]
    return _Settings(
        title=sheet.get(cells, "form_title"),  # also "title", "set_form_title"
        default_language=sheet.get(cells, "default_language"),
        allow_choice_duplicates=is_true(sheet.get(cells, "allow_choice_duplicates")),
    )


def _duplicate_choices(
    lists: dict[str, _ChoiceList],
    used: set[str],
    allowed: bool,
    sheet: _Sheet | None,
    problems: ProblemCollector,
) -> Note | None:
    """Repeated choice names, as pyxform judges them; the note when they are allowed.

    pyxform refuses a list that names a choice twice unless the settings sheet
    says ``allow_choice_duplicates: yes``; before version 2 it only looked at
    the lists a question uses. A list no analysed question uses is never
    refused here, so no form pyxform (any version) accepts is refused. Where
    repeats are allowed, the answers carry only the name, so the choices of
    one name are one option, shown with the first one's label.
    """
    repeated = [
        (list_name, number, name)
        for list_name, choice_list in lists.items()
        if list_name in used
        for number, name in choice_list.duplicates
    ]
    if not repeated or sheet is None:
        return None
    if not allowed:
        for list_name, number, name in repeated:
            problems.add(
                f'duplicate choice name "{name}" in list {list_name}',  # pyxform refuses it too
                sheet=sheet.name,
                line=number,
                column="name",
            )
        return None
    shown = ", ".join(
        f'"{name}" in list {list_name} (row {number})' for list_name, number, name in repeated[:10]
    )
    more = len(repeated) - 10 if len(repeated) > 10 else 0
    return Note(
        "choice_duplicates_allowed",
        {
            "choices": [
                {"name": name, "list": list_name, "row": number}
                for list_name, number, name in repeated[:10]
            ],
            "more": more,
        },
        f"choice names repeated (allow_choice_duplicates): {shown}"
        + (f" and {more} more" if more else "")
        + "; answers of one name are counted as one option, under the first choice's label",
    )


__all__ = ["InputError", "read_form"]
