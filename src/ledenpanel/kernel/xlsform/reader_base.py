"""What every survey-row reader shares: state, notes, errors and the common columns."""

from __future__ import annotations

from ledenpanel.kernel.questionnaire.schema import (
    NAME_PATTERN,
    Author,
    Condition,
    Question,
    QuestionType,
    Section,
)

from .choices import ChoiceList
from .conditions import parse_relevant
from .conventions import DISPLAY_APPEARANCES
from .languages import Languages
from .model import FormIssue
from .structure import Item
from .vocabulary import FALSE_WORDS, is_true
from .workbook import Row, Sheet

QUESTION_COLUMNS = frozenset(
    {
        "type",
        "name",
        "label",
        "hint",
        "required",
        "relevant",
        "appearance",
        "parameters",
        "constraint",
        "author",
        "author_role",
        "author_unit",
        "rationale",
        "origin",
    }
)


class ReaderBase:
    """State shared while reading the survey tree in form order."""

    def __init__(
        self, sheet: Sheet, lists: dict[str, ChoiceList], languages: Languages, notes: list[str]
    ) -> None:
        self.sheet = sheet.name
        self.lists = lists
        self.languages = languages
        self.notes = notes
        self.errors: list[FormIssue] = []
        self.questions: dict[str, Question] = {}
        self.rows: dict[str, int] = {}  # question name → Excel row
        self.sections: list[Section] = []
        self.loose: list[Question] = []
        self.names: set[str] = set()  # every name in the form
        # Answer fields (questions, statements, points fields) and sections each need
        # unique names; a section may share its name with a question.
        self.fields: dict[str, int] = {}
        self.section_names: dict[str, int] = {}
        self.metadata: list[Item] = []
        self.metadata_at = 0

    def _common(self, row: Row, question: Question, inherited: list[Condition]) -> None:
        question.label = self.languages.text(row, "label")
        question.hint = self.languages.text(row, "hint")
        question.translations = self._translations(row)
        required = row.get("required")
        if question.type == QuestionType.INFO:
            question.required = True
        else:
            question.required = is_true(required)
            if required and not is_true(required) and required.lower() not in FALSE_WORDS:
                self._note(row, question.name, f"required expression '{required}'")
        question.show_if = inherited + self._conditions(row, question.name)
        names = (row.get("author"), row.get("author_role"), row.get("author_unit"))
        question.author = Author(*names) if any(names) else None
        question.rationale = row.get("rationale")
        question.origin = row.get("origin")

    def _translations(self, row: Row) -> dict[str, dict[str, str]]:
        translations: dict[str, dict[str, str]] = {}
        for base in ("label", "hint"):
            for code, text in self.languages.translations(row, base).items():
                translations.setdefault(code, {})[base] = text
        return translations

    def _register(self, question: Question, row: Row) -> Question:
        self.questions[question.name] = question
        self.rows[question.name] = row.number
        return question

    # -- helpers ------------------------------------------------------------

    def _conditions(self, row: Row, name: str) -> list[Condition]:
        expression = row.get("relevant")
        if not expression:
            return []
        conditions = parse_relevant(expression)
        if conditions is None or any(c.question not in self.questions for c in conditions):
            self.notes.append(
                f"{self.sheet} row {row.number} ({name}): show-if condition "
                f"'{expression}' not imported"
            )
            return []
        return conditions

    def _appearance(self, row: Row, name: str, consumed: set[str]) -> None:
        appearance = row.get("appearance")
        unknown = [
            word
            for word in appearance.split()
            if word not in DISPLAY_APPEARANCES and word not in consumed
        ]
        if unknown:
            self._note(row, name, f"appearance '{appearance}'")

    def _extra_columns(self, row: Row, name: str, allowed: frozenset[str]) -> None:
        for column, value in row.cells.items():
            if column.base not in allowed and not column.base.startswith("$"):
                self._note(row, name, f"{column.header} '{value}'")

    def _valid_name(self, row: Row, name: str, *, section: bool = False) -> bool:
        """A usable name, not used before by another field (or section, for a section)."""
        if not NAME_PATTERN.match(name):
            self._error(
                row,
                "name",
                f"{name!r} is not a valid name (letters, digits and _, up to 64; "
                "not starting with a digit)",
            )
            return False
        return self._claim(row, name, self.section_names if section else self.fields)

    def _claim(self, row: Row, name: str, taken: dict[str, int]) -> bool:
        if name in taken:
            self._error(row, "name", f"duplicate name {name!r} (also row {taken[name]})")
            return False
        taken[name] = row.number
        return True

    def _note(self, row: Row, name: str, what: str, why: str = "") -> None:
        why = f" ({why})" if why else ""
        self.notes.append(
            f"{self.sheet} row {row.number} ({name or '-'}): {what} not imported{why}"
        )

    def _error(self, row: Row, column: str, message: str) -> None:
        self.errors.append(FormIssue(self.sheet, row.number, column, message))
