"""Writing responses as the CSV that :func:`read_responses` reads: this app's export.

One row per response, in the order given (the stored random order); a column
per question under its XLSForm name (a points question: a column per part,
``NAME_PART``), then the background bands, then ``_open`` (1 for an answer
through the open link). ``;`` separated with a BOM, so a Dutch spreadsheet
opens it as it is. Values as the reader expects them: choice names,
select_multiple and rank as space-separated names (rank in ranked order),
numbers with a decimal point, an empty cell for no answer.

Open answers are scrubbed of personal data (:func:`ledenpanel.analysis.scrub.scrub`),
as the report's quotes are: the export leaves the app, and a name in an
answer would tell who wrote it.

Every cell is neutralised against formula injection
(:func:`ledenpanel.kernel.cells.neutralise`): an answer ``=HYPERLINK(…)`` or
``-2+3+cmd|…`` gets a leading quote, so a spreadsheet shows it as text instead
of running it. Numbers, negative ones too, stay plain numbers, and the reader
removes the quote again, so ``ledenpanel analyse`` gets the same answers.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from ledenpanel.analysis.data import (
    POINTS,
    RANK,
    SELECT_MULTIPLE,
    TEXT,
    Form,
    Question,
    Responses,
)
from ledenpanel.analysis.inputs.responses_csv import OPEN_COLUMN
from ledenpanel.analysis.scrub import scrub
from ledenpanel.kernel.cells import neutralise

DELIMITER = ";"
BOM = "\ufeff"


class _Line:
    """A csv writer's target that hands back each formatted line."""

    def write(self, text: str) -> str:
        return text


class _SafeWriter:
    """A csv writer that neutralises every cell: no row can leave this module unneutralised."""

    def __init__(self) -> None:
        self._writer = csv.writer(_Line(), delimiter=DELIMITER, lineterminator="\r\n")

    def writerow(self, row: list[str]) -> str:
        return self._writer.writerow([neutralise(cell) for cell in row])


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _cells(question: Question, value: Any) -> list[str]:
    if question.type == POINTS:
        parts = value or {}
        return [
            "" if parts.get(choice.name) is None else _number(parts[choice.name])
            for choice in question.choices
        ]
    if value is None:
        return [""]
    if question.type == SELECT_MULTIPLE:
        return [" ".join(sorted(value))]
    if question.type == RANK:
        return [" ".join(value)]
    if question.is_numeric:
        return [_number(value)]
    if question.type == TEXT:
        return [scrub(str(value))]
    return [str(value)]


def _header(question: Question) -> list[str]:
    if question.type == POINTS:
        return [f"{question.name}_{choice.name}" for choice in question.choices]
    return [question.name]


def responses_csv_lines(form: Form, responses: Responses) -> Iterator[str]:
    """The export, line by line (the first starts with the BOM)."""
    writer = _SafeWriter()
    variables = list(responses.background)
    header = [name for question in form.questions for name in _header(question)]
    yield BOM + writer.writerow([*header, *variables, OPEN_COLUMN])
    is_open = responses.is_open or [False] * len(responses)
    for index in range(len(responses)):
        row = [
            cell
            for question in form.questions
            for cell in _cells(question, responses.answers[question.name][index])
        ]
        row += [responses.background[v][index] or "" for v in variables]
        row.append("1" if is_open[index] else "0")
        yield writer.writerow(row)
