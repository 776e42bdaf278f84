"""The choices sheet: option lists by ``list_name``."""

from __future__ import annotations

from dataclasses import dataclass, field

from ledenpanel.kernel.questionnaire.schema import Option

from .conventions import is_dont_know_name
from .languages import Languages
from .model import FormIssue
from .vocabulary import FALSE_WORDS, TRUE_WORDS
from .workbook import Row, Sheet

_READ_COLUMNS = frozenset({"list_name", "name", "label", "missing"})


@dataclass
class Choice:
    name: str
    row: Row
    label: str
    translations: dict[str, str]
    missing: bool | None  # the ``missing`` column, None when empty

    def option(self) -> Option:
        dont_know = is_dont_know_name(self.name) if self.missing is None else self.missing
        return Option(self.name, self.label, dont_know, dict(self.translations))


@dataclass
class ChoiceList:
    name: str
    choices: list[Choice] = field(default_factory=list)

    def options(self) -> list[Option]:
        """Fresh options (never shared between questions)."""
        return [choice.option() for choice in self.choices]


def read_choices(
    sheet: Sheet | None, languages: Languages, notes: list[str]
) -> tuple[dict[str, ChoiceList], list[FormIssue]]:
    lists: dict[str, ChoiceList] = {}
    errors: list[FormIssue] = []
    if sheet is None or not sheet.rows:
        return lists, errors
    for base in ("list_name", "name"):
        if not sheet.has(base):
            errors.append(
                FormIssue(sheet.name, 1, base, f"the {sheet.name} sheet has no '{base}' column")
            )
    if errors:
        return lists, errors
    for column in sheet.columns:
        if column.base not in _READ_COLUMNS and not column.base.startswith("$"):
            used = any(row.cells.get(column) for row in sheet.rows)
            if used:
                notes.append(f"{sheet.name} column '{column.header}' not imported")
    for row in sheet.rows:
        list_name, name = row.get("list_name"), row.get("name")
        if not list_name:
            errors.append(FormIssue(sheet.name, row.number, "list_name", "the list name is empty"))
            continue
        if not name:
            errors.append(FormIssue(sheet.name, row.number, "name", "the choice has no name"))
            continue
        choice_list = lists.setdefault(list_name, ChoiceList(list_name))
        if any(choice.name == name for choice in choice_list.choices):
            errors.append(
                FormIssue(
                    sheet.name,
                    row.number,
                    "name",
                    f"duplicate choice name {name!r} in list {list_name!r}",
                )
            )
            continue
        missing_text = row.get("missing").strip().lower()
        missing: bool | None = None
        if missing_text in TRUE_WORDS:
            missing = True
        elif missing_text in FALSE_WORDS:
            missing = False
        choice_list.choices.append(
            Choice(
                name=name,
                row=row,
                label=languages.text(row, "label"),
                translations=languages.translations(row, "label"),
                missing=missing,
            )
        )
    return lists, errors
