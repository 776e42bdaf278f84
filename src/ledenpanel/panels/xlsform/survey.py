"""The survey sheet's row tree to sections and questions (see the package docstring)."""

from __future__ import annotations

from ledenpanel.panels.questionnaire.schema import (
    NAME_PATTERN,
    Author,
    Condition,
    Option,
    Question,
    QuestionType,
    Section,
    Statement,
)

from .choices import ChoiceList
from .conditions import parse_bounds, parse_relevant
from .conventions import (
    DISPLAY_APPEARANCES,
    FALSE_WORDS,
    GRID_APPEARANCES,
    LONG_TEXT_APPEARANCE,
    POINTS_MARKER,
    POINTS_TOTAL_SUFFIX,
    RATING_NAMES,
    format_number,
    is_agree_scale,
    is_true,
    parse_parameters,
)
from .languages import Languages
from .model import FormIssue
from .structure import Group, Item, Node
from .workbook import Row, Sheet

_QUESTION_COLUMNS = frozenset(
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
    }
)
_SECTION_COLUMNS = frozenset({"type", "name", "label", "relevant", "appearance"})
_PART_COLUMNS = frozenset({"type", "name", "label", "required", "appearance", "constraint"})
_PART_EXTRAS = frozenset(
    {"relevant", "hint", "parameters", "author", "author_role", "author_unit", "rationale"}
)
_SELECT_KINDS = {
    "select_one": QuestionType.SINGLE_CHOICE,
    "select_multiple": QuestionType.MULTIPLE_CHOICE,
    "rank": QuestionType.RANKING,
}


class SurveyReader:
    """Reads the tree in form order, so show-if conditions can only name earlier questions."""

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
        self.names: set[str] = set()
        self.metadata: list[Item] = []
        self.metadata_at = 0

    # -- structure ----------------------------------------------------------

    def read(self, nodes: list[Node]) -> list[Section]:
        self._check_names(nodes)
        if self.errors:
            return []
        for node in nodes:
            if isinstance(node, Item):
                self._add(self.loose, self._question(node, []))
            elif node.type.container != "group":
                self._skip(node)
            elif (special := self._special(node, [])) is not None:
                self.loose.append(special)
            else:
                self._flush()
                self.sections.append(self._section(node))
        self._flush()
        if self.metadata:
            rows = ", ".join(str(item.row.number) for item in self.metadata)
            names = ", ".join(item.name or item.type.raw for item in self.metadata)
            self.notes.insert(
                self.metadata_at, f"{self.sheet} rows {rows} ({names}): metadata not imported"
            )
        return self.sections

    def _check_names(self, nodes: list[Node]) -> None:
        seen: dict[str, int] = {}
        for node in _walk(nodes):
            name = node.name
            if not name:
                if not (isinstance(node, Item) and node.type.kind in ("metadata", "unsupported")):
                    self._error(node.row, "name", "this row has no name")
                continue
            if name in seen:
                self._error(node.row, "name", f"duplicate name {name!r} (also row {seen[name]})")
            seen.setdefault(name, node.row.number)
        self.names = set(seen)

    def _add(self, questions: list[Question], question: Question | None) -> None:
        if question is not None:
            questions.append(question)

    def _flush(self) -> None:
        if not self.loose:
            return
        number = len(self.sections) + 1
        name = f"section_{number}"
        while name in self.names:
            number += 1
            name = f"section_{number}"
        self.names.add(name)
        self.sections.append(Section(name=name, questions=self.loose))
        self.loose = []

    def _section(self, group: Group) -> Section:
        self._valid_name(group.row, group.name)
        self._extra_columns(group.row, group.name, _SECTION_COLUMNS)
        self._appearance(group.row, group.name, set())
        section = Section(
            name=group.name,
            title=self.languages.text(group.row, "label"),
            translations=self.languages.translations(group.row, "label"),
        )
        section.questions = self._children(group, [])
        return section

    def _children(self, group: Group, inherited: list[Condition]) -> list[Question]:
        conditions = inherited + self._conditions(group.row, group.name)
        questions: list[Question] = []
        for node in group.children:
            if isinstance(node, Item):
                self._add(questions, self._question(node, conditions))
            elif node.type.container != "group":
                self._skip(node)
            elif (special := self._special(node, conditions)) is not None:
                questions.append(special)
            else:
                label = self.languages.text(node.row, "label")
                self._note(
                    node.row,
                    node.name,
                    f"inner group '{label or node.name}'",
                    "its questions are kept in the section",
                )
                self._extra_columns(node.row, node.name, _SECTION_COLUMNS)
                questions.extend(self._children(node, conditions))
        return questions

    def _skip(self, group: Group) -> None:
        count = sum(
            1
            for node in _walk(group.children)
            if isinstance(node, Item) and node.type.kind != "metadata"
        )
        label = self.languages.text(group.row, "label") or group.name
        self.notes.append(
            f"{self.sheet} rows {group.row.number}-{group.end_row} ({group.name}): "
            f"{group.type.container} '{label}' with {count} question{'' if count == 1 else 's'} "
            "not imported"
        )

    # -- questions ----------------------------------------------------------

    def _question(self, item: Item, inherited: list[Condition]) -> Question | None:
        row, name, kind = item.row, item.name, item.type.kind
        if kind == "metadata":
            if not self.metadata:
                self.metadata_at = len(self.notes)
            self.metadata.append(item)
            return None
        if kind == "unsupported":
            self._note(row, name, f"{item.type.raw} question")
            return None
        if kind == "unknown":
            self._error(row, "type", f"question type '{item.type.raw}' cannot be read")
            return None
        if not self._valid_name(row, name):
            return None
        question = Question(name=name, type=QuestionType.INFO, label="")
        consumed: set[str] = set()
        if kind in _SELECT_KINDS:
            if not self._select(item, question):
                return None
        elif kind in ("integer", "decimal", "range"):
            self._number(item, question)
        elif kind == "text":
            multiline = LONG_TEXT_APPEARANCE in row.get("appearance").split()
            question.type = QuestionType.LONG_TEXT if multiline else QuestionType.SHORT_TEXT
            consumed.add(LONG_TEXT_APPEARANCE)
        self._common(row, question, inherited)
        if kind not in ("integer", "decimal") and row.get("constraint"):
            self._note(row, name, f"constraint '{row.get('constraint')}'")
        if kind not in _SELECT_KINDS and kind != "range" and row.get("parameters"):
            self._note(row, name, f"parameters '{row.get('parameters')}'")
        self._appearance(row, name, consumed)
        self._extra_columns(row, name, _QUESTION_COLUMNS)
        return self._register(question, row)

    def _select(self, item: Item, question: Question) -> bool:
        row, name = item.row, item.name
        choice_list = self.lists.get(item.type.list_name)
        if choice_list is None:
            self._error(row, "type", f"list '{item.type.list_name}' is not on the choices sheet")
            return False
        if item.type.or_other:
            self._note(row, name, "or_other (an 'other, namely' answer)")
        options = choice_list.options()
        question.type = _SELECT_KINDS[item.type.kind]
        if item.type.kind == "select_one":
            opinion = [option for option in options if not option.dont_know]
            names = [option.name for option in opinion]
            if tuple(names) == RATING_NAMES:
                question.type = QuestionType.RATING
                if any(_labelled_point(option) for option in opinion):
                    self._note(row, name, "labels of the 0-10 scale points")
                options = [option for option in options if option.name not in RATING_NAMES]
            elif is_agree_scale(names, [option.label for option in opinion]):
                question.type = QuestionType.AGREE_SCALE
        question.options = options
        parameters = parse_parameters(row.get("parameters"))
        question.randomize = is_true(parameters.pop("randomize", ""))
        if parameters:
            self._note(row, name, f"parameters '{row.get('parameters')}'")
        return True

    def _number(self, item: Item, question: Question) -> None:
        row, name = item.row, item.name
        question.type = QuestionType.NUMBER
        if item.type.kind == "range":
            parameters = parse_parameters(row.get("parameters"))
            try:
                start, end, step = (
                    float(parameters.get(key, default))
                    for key, default in (("start", "1"), ("end", "10"), ("step", "1"))
                )
            except ValueError:
                start, end, step = 1.0, 10.0, 1.0
            if (start, end, step) == (0, 10, 1):
                question.type = QuestionType.RATING
                return
            question.minimum, question.maximum = min(start, end), max(start, end)
            step_text = format_number(step)
            self._note(
                row, name, f"range slider with step {step_text}", "read as a number question"
            )
            return
        bounds = parse_bounds(row.get("constraint"))
        if bounds is None:
            self._note(row, name, f"constraint '{row.get('constraint')}'")
        else:
            question.minimum, question.maximum = bounds
        if item.type.kind == "decimal" and all(
            bound is None or bound.is_integer() for bound in (question.minimum, question.maximum)
        ):
            self._note(row, name, "decimal type", "read as a number question, exported as integer")

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

    # -- grids and points ---------------------------------------------------

    def _special(self, group: Group, inherited: list[Condition]) -> Question | None:
        appearance = set(group.row.get("appearance").split())
        if POINTS_MARKER in appearance:
            return self._points(group, inherited)
        if appearance & GRID_APPEARANCES:
            return self._grid(group, inherited, table="table-list" in appearance)
        return None

    def _grid(self, group: Group, inherited: list[Condition], *, table: bool) -> Question | None:
        items = [node for node in group.children if isinstance(node, Item)]
        headers = [item for item in items if "label" in item.row.get("appearance").split()]
        statements = [item for item in items if item not in headers]
        list_names = {item.type.list_name for item in statements}
        if (
            len(items) != len(group.children)
            or len(list_names) != 1
            or any(item.type.kind != "select_one" or item.type.or_other for item in statements)
            or (headers and headers != items[: len(headers)])
        ):
            return None
        choice_list = self.lists.get(next(iter(list_names)))
        if choice_list is None:
            return None
        options = choice_list.options()
        opinion = [option for option in options if not option.dont_know]
        scale = is_agree_scale([o.name for o in opinion], [o.label for o in opinion])
        if not (table or (scale and len(statements) >= 2)):
            return None
        if not self._valid_name(group.row, group.name):
            return None
        question = Question(name=group.name, type=QuestionType.GRID, label="", options=options)
        for header in headers:
            self._note(header.row, header.name, "table header row")
        for item in statements:
            if self._valid_name(item.row, item.name):
                question.statements.append(
                    Statement(
                        name=item.name,
                        label=self.languages.text(item.row, "label"),
                        translations=self.languages.translations(item.row, "label"),
                    )
                )
            self._part_columns(item)
        self._group_question(group, question, inherited)
        question.required = all(is_true(item.row.get("required")) for item in statements)
        return self._register(question, group.row)

    def _points(self, group: Group, inherited: list[Condition]) -> Question | None:
        if not self._valid_name(group.row, group.name):
            return None
        question = Question(name=group.name, type=QuestionType.POINTS, label="")
        self._group_question(group, question, inherited)
        prefix = f"{group.name}_"
        required = []
        for node in group.children:
            kind = node.type.kind if isinstance(node, Item) else ""
            if isinstance(node, Item) and kind in ("integer", "decimal"):
                name = node.name
                option_name = (
                    name[len(prefix) :] if name.startswith(prefix) and name != prefix else name
                )
                question.options.append(
                    Option(
                        name=option_name,
                        label=self.languages.text(node.row, "label"),
                        translations=self.languages.translations(node.row, "label"),
                    )
                )
                required.append(is_true(node.row.get("required")))
                self._part_columns(node, total=question.points_total)
            elif (
                node.name == f"{group.name}{POINTS_TOTAL_SUFFIX}"
                and node.type.raw.lower() == "calculate"
            ):
                continue
            else:
                self._note(node.row, node.name, f"{node.type.raw} inside a points question")
        question.required = all(required)
        return self._register(question, group.row)

    def _group_question(self, group: Group, question: Question, inherited: list[Condition]) -> None:
        """Label, hint, show-if, author and parameters of a grid or points question."""
        row = group.row
        self._common(row, question, inherited)
        parameters = parse_parameters(row.get("parameters"))
        question.randomize = is_true(parameters.pop("randomize", ""))
        if question.type == QuestionType.POINTS and "total" in parameters:
            total = parameters.pop("total")
            if total.isdigit() and int(total) > 0:
                question.points_total = int(total)
            else:
                self._error(row, "parameters", f"total={total} is not a positive whole number")
        if parameters:
            self._note(row, question.name, f"parameters '{row.get('parameters')}'")
        if row.get("constraint"):
            self._note(row, question.name, f"constraint '{row.get('constraint')}'")
        self._extra_columns(row, question.name, _QUESTION_COLUMNS)

    def _part_columns(self, item: Item, total: int | None = None) -> None:
        """Notes for what a grid statement or points field holds beyond its label."""
        row, name = item.row, item.name
        constraint = row.get("constraint")
        if constraint and (total is None or parse_bounds(constraint) != (0, total)):
            self._note(row, name, f"constraint '{constraint}'")
        for base in _PART_EXTRAS:
            if row.get(base):
                self._note(row, name, f"{base} '{row.get(base)}'")
        self._extra_columns(row, name, _PART_COLUMNS | _PART_EXTRAS)

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

    def _valid_name(self, row: Row, name: str) -> bool:
        if NAME_PATTERN.match(name):
            return True
        self._error(
            row,
            "name",
            f"{name!r} is not a valid name (letters, digits and _, up to 64; "
            "not starting with a digit)",
        )
        return False

    def _note(self, row: Row, name: str, what: str, why: str = "") -> None:
        why = f" ({why})" if why else ""
        self.notes.append(
            f"{self.sheet} row {row.number} ({name or '-'}): {what} not imported{why}"
        )

    def _error(self, row: Row, column: str, message: str) -> None:
        self.errors.append(FormIssue(self.sheet, row.number, column, message))


def _labelled_point(option: Option) -> bool:
    texts = [option.label, *option.translations.values()]
    return any(text and text != option.name for text in texts)


def _walk(nodes: list[Node]) -> list[Node]:
    """Every node outside skipped containers (repeats and Kobo matrices), in form order."""
    found: list[Node] = []
    for node in nodes:
        found.append(node)
        if isinstance(node, Group) and node.type.container == "group":
            found.extend(_walk(node.children))
    return found
