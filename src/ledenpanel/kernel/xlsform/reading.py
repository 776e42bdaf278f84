"""``read_xlsform``: an XLSForm (.xlsx) to a Questionnaire, with what was not imported."""

from __future__ import annotations

import re
from pathlib import PurePath

from ledenpanel.kernel.questionnaire.schema import Questionnaire, SchemaError, validate

from .choices import read_choices
from .languages import Languages
from .model import FormIssue, ImportResult
from .structure import build_tree
from .survey import SurveyReader
from .workbook import Sheet, WorkbookError, read_sheets

_READ_SHEETS = frozenset({"survey", "choices", "settings"})
_READ_SETTINGS = frozenset({"form_title", "form_id", "version", "default_language"})
_SCHEMA_PATH = re.compile(r"^sections\[(\d+)\]\.questions\[(\d+)\]\.(\w+)")
_SCHEMA_COLUMNS = {"name": "name", "show_if": "relevant", "points_total": "parameters"}


def read_xlsform(data: bytes, filename: str) -> ImportResult:
    """Read an XLSForm. On errors ``questionnaire`` is None and ``errors`` says where."""
    try:
        sheets = read_sheets(data, filename)
    except WorkbookError as exc:
        return ImportResult(None, [exc.issue], [])
    survey = sheets.get("survey")
    if survey is None:
        return ImportResult(None, [FormIssue("survey", None, None, "there is no survey sheet")])
    errors = [
        FormIssue(survey.name, 1, base, f"the survey sheet has no '{base}' column")
        for base in ("type", "name", "label")
        if not survey.has(base)
    ]
    if errors:
        return ImportResult(None, errors, [])
    notes: list[str] = []
    for key, sheet in sheets.items():
        if key not in _READ_SHEETS and sheet.rows:
            notes.append(f"sheet '{sheet.name}' not imported")
    title, default_language = _settings(sheets.get("settings"), filename, notes)
    languages = Languages.detect(survey, default_language)
    lists, errors = read_choices(sheets.get("choices"), languages, notes)
    nodes, tree_errors = build_tree(survey.rows, survey.name)
    errors += tree_errors
    if errors:
        return ImportResult(None, errors, notes)
    reader = SurveyReader(survey, lists, languages, notes)
    sections = reader.read(nodes)
    if reader.errors:
        return ImportResult(None, reader.errors, notes)
    questionnaire = Questionnaire(title=title, language=languages.default_code, sections=sections)
    try:
        validate(questionnaire)
    except SchemaError as exc:
        return ImportResult(None, [_schema_issue(exc, questionnaire, reader, survey)], notes)
    return ImportResult(questionnaire, [], notes)


def _settings(sheet: Sheet | None, filename: str, notes: list[str]) -> tuple[str, str]:
    """The form title and the default language key."""
    stem = PurePath(filename).stem
    if sheet is None:
        return stem, ""
    row = sheet.rows[0] if sheet.rows else None
    if row is None:
        return ("" if sheet.has("form_title") else stem), ""
    for column, value in row.cells.items():
        if column.base not in _READ_SETTINGS and not column.base.startswith("$"):
            notes.append(f"{sheet.name} column '{column.header}' ('{value}') not imported")
    title = row.get("form_title") if sheet.has("form_title") else stem
    return title, row.get("default_language")


def _schema_issue(
    exc: SchemaError, questionnaire: Questionnaire, reader: SurveyReader, survey: Sheet
) -> FormIssue:
    match = _SCHEMA_PATH.match(exc.path)
    if match is None:
        return FormIssue(survey.name, None, None, exc.message)
    section, index, attribute = match.groups()
    question = questionnaire.sections[int(section)].questions[int(index)]
    return FormIssue(
        survey.name,
        reader.rows.get(question.name),
        _SCHEMA_COLUMNS.get(attribute, "type"),
        f"{question.name}: {exc.message}",
    )
