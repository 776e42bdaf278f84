"""Survey rows as a tree: row types parsed, ``begin``/``end`` rows matched."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import FormIssue
from .workbook import Row

# Types Ledenpanel reads as questions.
QUESTION_KINDS = frozenset(
    {"select_one", "select_multiple", "rank", "integer", "decimal", "text", "note", "range"}
)
# Types that are valid XLSForm but have no Ledenpanel question type.
UNSUPPORTED = frozenset(
    {
        "calculate",
        "hidden",
        "geopoint",
        "geotrace",
        "geoshape",
        "date",
        "time",
        "datetime",
        "image",
        "photo",
        "audio",
        "video",
        "file",
        "barcode",
        "acknowledge",
        "trigger",
        "background-audio",
        "background-geopoint",
        "xml-external",
        "csv-external",
        "osm",
    }
)
# Form metadata rows (no question is asked).
METADATA = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "imei",
        "subscriberid",
        "simserial",
        "phonenumber",
        "username",
        "email",
        "audit",
        "start-geopoint",
    }
)
_ALIASES = {"int": "integer", "string": "text", "select1": "select_one", "datetime": "datetime"}
# Containers: "group" is read; the others are skipped whole, with a note.
_CONTAINERS = {"group": "group", "repeat": "repeat", "looped group": "repeat"}
_KOBO_CONTAINERS = {"kobomatrix": "matrix", "score": "score", "rank": "rank"}
_BEGIN_END = re.compile(r"^(begin|end)[ _](group|repeat|looped group|kobomatrix|score|rank)$")
_SELECT = re.compile(
    r"^(?i:(select_one_from_file|select one from file|select_multiple_from_file"
    r"|select multiple from file|select_one_external|select_one|select one|select1"
    r"|select_multiple|select all that apply|rank))(?:\s+(\S+))?(\s+(?i:or_other))?$"
)


@dataclass(frozen=True)
class RowType:
    kind: str  # a QUESTION_KINDS member, "begin", "end", "unsupported", "metadata" or "unknown"
    raw: str
    list_name: str = ""
    container: str = ""  # for begin/end: "group", "repeat", "matrix", "score", "rank"
    or_other: bool = False


def parse_type(raw: str) -> RowType:
    text = " ".join(raw.split())
    lowered = text.lower()
    if match := _BEGIN_END.match(lowered):
        word = match.group(2)
        container = _CONTAINERS.get(word) or _KOBO_CONTAINERS[word]
        return RowType(match.group(1), text, container=container)
    if match := _SELECT.match(text):
        head, list_name, other = match.groups()
        head = head.lower()
        if "file" in head or "external" in head:
            return RowType("unsupported", text)
        if not list_name:
            return RowType("unknown", text)
        kind = {"select one": "select_one", "select1": "select_one"}.get(head, head)
        kind = "select_multiple" if kind == "select all that apply" else kind
        return RowType(kind, text, list_name=list_name, or_other=bool(other))
    kind = _ALIASES.get(lowered, lowered)
    if kind in QUESTION_KINDS:
        return RowType(kind, text)
    if kind in UNSUPPORTED:
        return RowType("unsupported", text)
    if kind in METADATA:
        return RowType("metadata", text)
    return RowType("unknown", text)


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
