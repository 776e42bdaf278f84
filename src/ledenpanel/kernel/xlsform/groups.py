"""Grid and points questions: groups that are one question (see the package docstring)."""

from __future__ import annotations

from ledenpanel.kernel.questionnaire.schema import (
    Condition,
    Option,
    Question,
    QuestionType,
    Statement,
)

from .conditions import parse_bounds
from .conventions import (
    GRID_APPEARANCES,
    POINTS_MARKER,
    POINTS_TOTAL_SUFFIX,
    is_agree_scale,
    parse_parameters,
)
from .reader_base import QUESTION_COLUMNS, ReaderBase
from .structure import Group, Item
from .vocabulary import is_true

_PART_COLUMNS = frozenset({"type", "name", "label", "required", "appearance", "constraint"})
_PART_EXTRAS = frozenset(
    {
        "relevant",
        "hint",
        "parameters",
        "author",
        "author_role",
        "author_unit",
        "rationale",
        "origin",
    }
)


class GroupReader(ReaderBase):
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
                self._claim(node.row, name, self.fields)
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
        self._extra_columns(row, question.name, QUESTION_COLUMNS)

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
