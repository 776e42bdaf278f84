"""The survey sheet's row tree to sections and questions (see the package docstring)."""

from __future__ import annotations

from ledenpanel.kernel.questionnaire.schema import (
    Condition,
    Option,
    Question,
    QuestionType,
    Section,
)

from .conditions import parse_bounds
from .conventions import (
    LONG_TEXT_APPEARANCE,
    RATING_NAMES,
    format_number,
    is_agree_scale,
    parse_parameters,
)
from .groups import GroupReader
from .reader_base import QUESTION_COLUMNS
from .structure import Group, Item, Node
from .vocabulary import RANGE_DEFAULTS, is_true

_SECTION_COLUMNS = frozenset({"type", "name", "label", "relevant", "appearance"})
_SELECT_KINDS = {
    "select_one": QuestionType.SINGLE_CHOICE,
    "select_multiple": QuestionType.MULTIPLE_CHOICE,
    "rank": QuestionType.RANKING,
}


class SurveyReader(GroupReader):
    """Reads the tree in form order, so show-if conditions can only name earlier questions."""

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
        for node in _walk(nodes):
            if node.name:
                self.names.add(node.name)
            elif not (isinstance(node, Item) and node.type.kind in ("metadata", "unsupported")):
                self._error(node.row, "name", "this row has no name")

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
        self._valid_name(group.row, group.name, section=True)
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
        self._extra_columns(row, name, QUESTION_COLUMNS)
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
                    float(parameters.get(key, default)) for key, default in RANGE_DEFAULTS
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
