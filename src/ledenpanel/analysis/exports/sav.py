"""The table as an SPSS ``.sav`` file (pyreadstat), with variable and value labels.

What a researcher opens in SPSS, PSPP, R (haven) or pandas:

- **variable labels**: the question text (a multiple choice's or a
  ranking's option: "question: option");
- **value labels**: every choice and band, as numeric codes. A 0–10 rating
  keeps its numbers as codes, so its mean is the mean rating; other
  choices are numbered 1, 2, … in the form's order;
- **user-missing** codes: "weet niet" (a choice the form marks so) gets 99
  (98, … for a second one, or above the last code when 99 is taken) and is
  declared missing, so SPSS leaves it out of means as the report does; no
  answer is system-missing;
- **measure**: nominal, ordinal (scales, bands, rankings) or scale (numbers,
  points, ratings);
- a multiple choice becomes one 0/1 variable per option (``NAME_OPTION``), a
  ranking one variable per option holding its place; the codebook's notes
  go into the file's documents.

SPSS names allow letters, digits and ``_ . @ # $`` and start with a letter:
other characters become ``_``, a name that starts otherwise gets a ``v``
(``_open`` → ``v_open``).

Pure: no Django.
"""

from __future__ import annotations

import math
import re
import tempfile
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyreadstat

from ledenpanel.analysis.exports.table import (
    BACKGROUND,
    CHOICE,
    FLAG,
    MULTIPLE,
    NUMBER,
    OPEN,
    ORDINAL,
    RANKING,
    SCALE,
    Column,
    ExportTable,
)

DONT_KNOW_CODE = 99
# SPSS limits, in bytes: variable labels 256, value labels 120, names 64, document lines 80.
_LABEL_BYTES, _VALUE_LABEL_BYTES, _NAME_BYTES, _DOCUMENT_LINE = 256, 120, 64, 80
_NOT_ALLOWED = re.compile(r"[^A-Za-z0-9_.@#$]")


@dataclass
class _Variable:
    name: str
    label: str
    measure: str
    values: list[Any]
    labels: dict[float, str] = field(default_factory=dict)
    missing: list[float] = field(default_factory=list)


def _cut(text: str, limit: int) -> str:
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def _spss_name(name: str, taken: set[str]) -> str:
    clean = _NOT_ALLOWED.sub("_", name).rstrip(".")
    if not clean or not clean[0].isalpha():
        clean = "v" + clean
    clean = clean[:_NAME_BYTES]
    candidate, number = clean, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{clean[: _NAME_BYTES - len(str(number)) - 1]}_{number}"
    taken.add(candidate.lower())
    return candidate


def _codes(column: Column) -> tuple[dict[str, float], list[float]]:
    """Value name → numeric code, and the user-missing codes."""
    given = [value for value in column.values if not value.missing]
    if given and all(value.name.isdigit() for value in given):
        codes = {value.name: float(value.name) for value in given}
    else:
        codes = {value.name: float(number) for number, value in enumerate(given, start=1)}
    highest = max(codes.values(), default=0.0)
    start = DONT_KNOW_CODE if highest < DONT_KNOW_CODE - 5 else highest + 1
    missing: list[float] = []
    for offset, value in enumerate(v for v in column.values if v.missing):
        code = float(start - offset if start == DONT_KNOW_CODE else start + offset)
        codes[value.name] = code
        missing.append(code)
    return codes, missing


def _nan(value: float | None) -> float:
    return math.nan if value is None else value


def _variables(column: Column, words: Mapping[str, str]) -> list[_Variable]:
    labels = {value.name: _cut(value.label, _VALUE_LABEL_BYTES) for value in column.values}
    if column.kind in {CHOICE, BACKGROUND, FLAG}:
        codes, missing = _codes(column)
        return [
            _Variable(
                column.name,
                column.label,
                column.measure,
                [_nan(None if cell is None else codes.get(str(cell))) for cell in column.cells],
                {codes[name]: label for name, label in labels.items()},
                missing,
            )
        ]
    if column.kind == MULTIPLE:
        chosen = [None if cell is None else str(cell).split() for cell in column.cells]
        return [
            _Variable(
                f"{column.name}_{value.name}",
                f"{column.label}: {value.label}",
                column.measure,
                [math.nan if c is None else float(value.name in c) for c in chosen],
                {0.0: words["not_chosen"], 1.0: words["chosen"]},
            )
            for value in column.values
        ]
    if column.kind == RANKING:
        ranked = [None if cell is None else str(cell).split() for cell in column.cells]
        return [
            _Variable(
                f"{column.name}_{value.name}",
                f"{column.label}: {value.label}",
                ORDINAL,
                [
                    math.nan if r is None or value.name not in r else float(r.index(value.name) + 1)
                    for r in ranked
                ],
            )
            for value in column.values
        ]
    if column.kind == NUMBER:
        return [
            _Variable(
                column.name,
                column.label,
                SCALE,
                [_nan(cell if isinstance(cell, float) else None) for cell in column.cells],
            )
        ]
    if column.kind == OPEN:
        return [
            _Variable(
                column.name,
                column.label,
                column.measure,
                ["" if cell is None else str(cell) for cell in column.cells],
            )
        ]
    raise ValueError(f"unknown column kind {column.kind!r}")


def _document(notes: Sequence[str]) -> list[str]:
    """The notes as the file's document: SPSS keeps lines of at most 80 bytes."""
    return [_cut(line, _DOCUMENT_LINE) for note in notes for line in textwrap.wrap(note, 72)]


def table_sav(table: ExportTable) -> bytes:
    """The ``.sav`` file's bytes."""
    taken: set[str] = set()
    data: dict[str, list[Any]] = {}
    column_labels: dict[str, str] = {}
    value_labels: dict[str, dict[int | float, str]] = {}
    missing: dict[str, list[Any]] = {}
    measures: dict[str, str] = {}
    for column in table.columns:
        for variable in _variables(column, table.words):
            name = _spss_name(variable.name, taken)
            data[name] = variable.values
            column_labels[name] = _cut(variable.label, _LABEL_BYTES)
            measures[name] = variable.measure
            if variable.labels:
                value_labels[name] = dict(variable.labels)
            if len(variable.missing) > 3:  # SPSS takes three codes, or one range
                missing[name] = [{"lo": min(variable.missing), "hi": max(variable.missing)}]
            elif variable.missing:
                missing[name] = variable.missing
    frame = pd.DataFrame(data, columns=list(data))
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "export.sav"
        pyreadstat.write_sav(
            frame,
            str(path),
            column_labels=column_labels,
            variable_value_labels=value_labels,
            missing_ranges=missing,
            variable_measure=measures,
            note=_document(table.notes),
        )
        return path.read_bytes()
