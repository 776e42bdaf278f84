"""``write_xlsform``: a Questionnaire to an XLSForm (.xlsx) that pyxform converts cleanly."""

from __future__ import annotations

import hashlib
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from ledenpanel.kernel.cells import is_formula_like
from ledenpanel.kernel.questionnaire.schema import (
    NAME_PATTERN,
    Option,
    Question,
    Questionnaire,
    QuestionType,
)

from .conditions import format_bounds, format_relevant
from .conventions import (
    GRID_APPEARANCE,
    LONG_TEXT_APPEARANCE,
    POINTS_APPEARANCE,
    POINTS_TOTAL_SUFFIX,
    RATING_APPEARANCE,
    RATING_LIST,
    RATING_NAMES,
    form_id,
    is_dont_know_name,
)
from .vocabulary import language_column

_SELECT_TYPES = {
    QuestionType.SINGLE_CHOICE: "select_one",
    QuestionType.AGREE_SCALE: "select_one",
    QuestionType.RATING: "select_one",
    QuestionType.MULTIPLE_CHOICE: "select_multiple",
    QuestionType.RANKING: "rank",
}
_TRAILING_COLUMNS = (
    "required",
    "relevant",
    "appearance",
    "parameters",
    "constraint",
    "calculation",
    "author",
    "author_role",
    "author_unit",
    "rationale",
    "origin",
)

Row = dict[str, str]


def write_xlsform(questionnaire: Questionnaire) -> bytes:
    """The questionnaire as an .xlsx with survey, choices and settings sheets."""
    return _Writer(questionnaire).workbook()


class _Writer:
    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questionnaire = questionnaire
        others = _languages(questionnaire) - {questionnaire.language}
        self.languages = [questionnaire.language, *sorted(others)]
        self.survey: list[Row] = []
        self.choices: list[Row] = []
        self.lists: dict[tuple[Any, ...], str] = {}

    # -- sheets ---------------------------------------------------------------

    def workbook(self) -> bytes:
        taken = _field_names(self.questionnaire)
        for index, section in enumerate(self.questionnaire.sections, start=1):
            name = _section_name(section.name, index, taken)
            taken.add(name)
            self.survey.append(
                {"type": "begin group", "name": name}
                | self._texts("label", section.title, section.translations)
            )
            for question in section.questions:
                self._question(question)
            self.survey.append({"type": "end group", "name": name})
        labels = [self._header("label", code) for code in self.languages]
        hints = [self._header("hint", code) for code in self.languages]
        survey_columns = ["type", "name", *labels, *hints, *_TRAILING_COLUMNS]
        choices_columns = ["list_name", "name", *labels, "missing"]
        title = self.questionnaire.title
        digest = hashlib.sha256(repr((self.survey, self.choices, title)).encode()).hexdigest()
        settings = {
            "form_title": title,
            "form_id": form_id(title),
            "default_language": language_column(self.questionnaire.language),
            "version": digest[:12],
        }
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "survey"
        _fill(sheet, survey_columns, self.survey)
        _fill(book.create_sheet("choices"), choices_columns, self.choices)
        _fill(book.create_sheet("settings"), list(settings), [settings])
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    # -- questions ------------------------------------------------------------

    def _question(self, question: Question) -> None:
        if question.type == QuestionType.GRID:
            self._grid(question)
        elif question.type == QuestionType.POINTS:
            self._points(question)
        else:
            self.survey.append(self._row(question))

    def _row(self, question: Question) -> Row:
        row = self._common(question, "")
        kind = question.type
        if kind in _SELECT_TYPES:
            options = question.options
            if kind == QuestionType.RATING:
                points = [Option(name, name) for name in RATING_NAMES]
                options = [*points, *(o for o in options if o.name not in RATING_NAMES)]
            list_name = self._list(
                RATING_LIST if kind == QuestionType.RATING else question.name, options
            )
            row["type"] = f"{_SELECT_TYPES[kind]} {list_name}"
            if kind in (QuestionType.AGREE_SCALE, QuestionType.RATING):
                row["appearance"] = RATING_APPEARANCE
            if question.randomize:
                row["parameters"] = "randomize=true"
        elif kind == QuestionType.NUMBER:
            # The answering page takes any number ("12 of 3,5"), whatever the bounds.
            row["type"] = "decimal"
            row["constraint"] = format_bounds(question.minimum, question.maximum)
        elif kind in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
            row["type"] = "text"
            if kind == QuestionType.LONG_TEXT:
                row["appearance"] = LONG_TEXT_APPEARANCE
        else:
            row["type"] = "note"
            del row["required"]  # a required note would block the form
        return row

    def _common(self, question: Question, kind: str) -> Row:
        row: Row = {"type": kind, "name": question.name}
        label_translations = {c: t.get("label", "") for c, t in question.translations.items()}
        hint_translations = {c: t.get("hint", "") for c, t in question.translations.items()}
        row |= self._texts("label", question.label, label_translations)
        row |= self._texts("hint", question.hint, hint_translations)
        row["required"] = "yes" if question.required else "no"
        row["relevant"] = format_relevant(question.show_if)
        if question.author is not None:
            row["author"] = question.author.name
            row["author_role"] = question.author.role
            row["author_unit"] = question.author.unit
        row["rationale"] = question.rationale
        row["origin"] = question.origin
        return row

    def _grid(self, question: Question) -> None:
        group = self._common(question, "begin group")
        required = group.pop("required")
        group["appearance"] = GRID_APPEARANCE
        if question.randomize:
            group["parameters"] = "randomize=true"
        self.survey.append(group)
        list_name = self._list(question.name, question.options)
        for statement in question.statements:
            self.survey.append(
                {"type": f"select_one {list_name}", "name": statement.name, "required": required}
                | self._texts("label", statement.label, statement.translations)
            )
        self.survey.append({"type": "end group", "name": question.name})

    def _points(self, question: Question) -> None:
        group = self._common(question, "begin group")
        required = group.pop("required")
        group["appearance"] = POINTS_APPEARANCE
        parameters = [f"total={question.points_total}"]
        if question.randomize:
            parameters.append("randomize=true")
        group["parameters"] = ";".join(parameters)
        self.survey.append(group)
        fields = [f"{question.name}_{option.name}" for option in question.options]
        for option, field in zip(question.options, fields, strict=True):
            self.survey.append(
                {
                    "type": "integer",
                    "name": field,
                    "required": required,
                    "constraint": format_bounds(0, question.points_total),
                }
                | self._texts("label", option.label, option.translations)
            )
        self.survey.append(
            {
                "type": "calculate",
                "name": f"{question.name}{POINTS_TOTAL_SUFFIX}",
                "calculation": " + ".join(f"coalesce(${{{field}}}, 0)" for field in fields),
            }
        )
        self.survey.append({"type": "end group", "name": question.name})

    # -- choices --------------------------------------------------------------

    def _list(self, wanted: str, options: list[Option]) -> str:
        """The name of a list with these options, written once for identical lists."""
        key = tuple(
            (o.name, o.label, o.dont_know, tuple(sorted(o.translations.items()))) for o in options
        )
        if key in self.lists:
            return self.lists[key]
        taken = set(self.lists.values())
        name, number = wanted, 1
        while name in taken:
            number += 1
            name = f"{wanted}_{number}"
        self.lists[key] = name
        for option in options:
            missing = "yes" if option.dont_know else ""
            if not option.dont_know and is_dont_know_name(option.name):
                missing = "no"
            translations = dict(option.translations)
            if option.name in RATING_NAMES and option.label == option.name:
                translations = dict.fromkeys(self.languages[1:], option.name) | translations
            self.choices.append(
                {"list_name": name, "name": option.name, "missing": missing}
                | self._texts("label", option.label, translations)
            )
        return name

    # -- helpers --------------------------------------------------------------

    def _header(self, base: str, code: str) -> str:
        return f"{base}::{language_column(code)}"

    def _texts(self, base: str, text: str, translations: dict[str, str]) -> Row:
        row = {self._header(base, self.languages[0]): text}
        for code in self.languages[1:]:
            row[self._header(base, code)] = translations.get(code, "")
        return row


def _field_names(questionnaire: Questionnaire) -> set[str]:
    """The names of the rows questions become (pyxform wants ${} names unique form-wide)."""
    names: set[str] = set()
    for question in questionnaire.questions():
        names.add(question.name)
        names.update(statement.name for statement in question.statements)
        if question.type == QuestionType.POINTS:
            names.update(f"{question.name}_{option.name}" for option in question.options)
            names.add(f"{question.name}{POINTS_TOTAL_SUFFIX}")
    return names


def _section_name(name: str, index: int, taken: set[str]) -> str:
    """The section's own name, unless it is invalid or a question's: then NAME_section."""
    if NAME_PATTERN.match(name) and name not in taken:
        return name
    base = f"{name}_section" if NAME_PATTERN.match(f"{name}_section") else f"section_{index}"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}_{number}"
    return candidate


def _languages(questionnaire: Questionnaire) -> set[str]:
    codes: set[str] = set()
    for section in questionnaire.sections:
        codes.update(section.translations)
        for question in section.questions:
            codes.update(question.translations)
            for option in question.options:
                codes.update(option.translations)
            for statement in question.statements:
                codes.update(statement.translations)
    return codes


def _fill(sheet: Any, columns: list[str], rows: list[Row]) -> None:
    table: list[list[str]] = [columns, *([row.get(c, "") for c in columns] for row in rows)]
    for row_number, values in enumerate(table):
        for column_number, value in enumerate(values, start=1):
            if not value:
                continue
            # Text only: no formulas, no characters an .xlsx cannot hold. openpyxl
            # stores a string starting with "=" as a formula unless the type is
            # forced: a label "=HYPERLINK(…)" would run in Excel. The text itself
            # stays as written (a quote would change the questionnaire that pyxform,
            # Kobo and our reader get); Excel's quote prefix keeps a formula-like
            # cell text even when someone edits it (kernel/cells.py).
            cell = sheet.cell(row_number + 1, column_number)
            text = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell.value = text
            cell.data_type = "s"
            if is_formula_like(text):
                cell.quotePrefix = True
            if row_number == 0:
                cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
