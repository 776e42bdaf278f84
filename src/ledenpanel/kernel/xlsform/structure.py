"""Survey rows as a tree: row types parsed, ``begin``/``end`` rows matched."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import vocabulary
from .model import FormIssue
from .workbook import Row

# Types Ledenpanel reads as questions (after the vocabulary's aliases).
QUESTION_KINDS = frozenset(
    {"select_one", "select_multiple", "rank", "integer", "decimal", "text", "note", "range"}
)


@dataclass(frozen=True)
class RowType:
    kind: str  # a QUESTION_KINDS member, "begin", "end", "unsupported", "metadata" or "unknown"
    raw: str
    list_name: str = ""
    container: str = ""  # for begin/end: "group", "repeat", "matrix", "score", "rank"
    or_other: bool = False


def parse_type(raw: str) -> RowType:
    """The vocabulary's reading of a type cell, as far as the import goes.

    Valid XLSForm types without a Ledenpanel question (calculate, date, photo,
    choices from a file …) are "unsupported"; the reader notes them.
    """
    xls = vocabulary.parse_type(raw)
    if xls.kind in ("begin", "end"):
        return RowType(xls.kind, xls.raw, container=xls.base)
    if xls.kind == "select" and not xls.external:
        return RowType(xls.base, xls.raw, list_name=xls.list_name, or_other=xls.or_other)
    if xls.kind in ("metadata", "unknown"):
        return RowType(xls.kind, xls.raw)
    return RowType(xls.base if xls.base in QUESTION_KINDS else "unsupported", xls.raw)


@dataclass
class Item:
    row: Row
    type: RowType

    @property
    def name(self) -> str:
        return self.row.get("name") or self.row.get("$autoname")


@dataclass
class Group:
    row: Row
    type: RowType
    end_row: int = 0
    children: list[Node] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.row.get("name") or self.row.get("$autoname")


Node = Item | Group


def build_tree(rows: list[Row], sheet: str) -> tuple[list[Node], list[FormIssue]]:
    """Nest the rows by their begin/end rows; unmatched ones are errors."""
    top: list[Node] = []
    stack: list[Group] = []
    errors: list[FormIssue] = []
    for row in rows:
        raw = row.get("type")
        if not raw:
            if any(column.base != "$kuid" for column in row.cells):
                errors.append(FormIssue(sheet, row.number, "type", "this row has no type"))
            continue
        row_type = parse_type(raw)
        siblings = stack[-1].children if stack else top
        if row_type.kind == "begin":
            group = Group(row, row_type)
            siblings.append(group)
            stack.append(group)
        elif row_type.kind == "end":
            if not stack or stack[-1].type.container != row_type.container:
                expected = f"'end {stack[-1].type.container}'" if stack else "no end row"
                errors.append(
                    FormIssue(
                        sheet,
                        row.number,
                        "type",
                        f"'{raw}' does not match an open 'begin {row_type.container}' "
                        f"(expected {expected})",
                    )
                )
                continue
            stack.pop().end_row = row.number
        else:
            siblings.append(Item(row, row_type))
    for group in stack:
        errors.append(
            FormIssue(
                sheet,
                group.row.number,
                "type",
                f"'begin {group.type.container}' ({group.name}) has no matching "
                f"'end {group.type.container}'",
            )
        )
    return top, errors
