"""One respondent table and its codebook, from the engine's plain inputs.

Every export (CSV, XLSX, SPSS ``.sav``, the codebook) is written from the one
:class:`ExportTable` that :func:`export_table` builds, so they cannot differ
in what they reveal:

- one row per response, in the order given (the stored order: random UUIDs,
  unrelated to when anyone answered); no id, no time, nothing per row but
  answers, the background bands :mod:`.microdata` allows, and ``_open``;
- a column per question under its XLSForm name (a points question: one per
  part, ``NAME_PART``), values as ``ledenpanel analyse`` reads them: choice
  names; a multiple choice or ranking as space-separated names (a ranking in
  ranked order); numbers as numbers;
- open answers only when the board included them, and then always scrubbed
  of names, addresses and numbers (:func:`ledenpanel.analysis.scrub.scrub`);
- the codebook: per column its label (the question's text), type, values
  with their labels, and which values are missing codes ("weet niet").

Pure: no Django. Texts in Dutch or English (``lang``), chosen by the caller.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ledenpanel.analysis.data import (
    POINTS,
    RANK,
    SELECT_MULTIPLE,
    SELECT_ONE,
    TEXT,
    Form,
    Population,
    Question,
    Responses,
    Scale,
)
from ledenpanel.analysis.disclosure import DEFAULT_MIN_GROUP
from ledenpanel.analysis.exports.microdata import Protection, protect
from ledenpanel.analysis.ordering import band_key
from ledenpanel.analysis.response import participation_withheld
from ledenpanel.analysis.scrub import scrub

OPEN_COLUMN = "_open"  # as ``analysis.inputs.responses_csv`` reads it

# Codebook types; SPSS measures.
CHOICE, MULTIPLE, RANKING, NUMBER, OPEN, BACKGROUND, FLAG = (
    "choice",
    "multiple",
    "ranking",
    "number",
    "open",
    "background",
    "flag",
)
NOMINAL, ORDINAL, SCALE = "nominal", "ordinal", "scale"

TEXTS: Mapping[str, Mapping[str, str]] = {
    "nl": {
        CHOICE: "één keuze",
        MULTIPLE: "meer keuzes (namen met spaties ertussen)",
        RANKING: "volgorde (namen, de eerste bovenaan)",
        NUMBER: "getal",
        OPEN: "open antwoord (persoonsgegevens weggehaald)",
        BACKGROUND: "achtergrond (gecodeerd bij het afsluiten)",
        FLAG: "via de openbare link (1) of als lid (0)",
        "open_label": "Via de openbare link",
        "yes": "ja",
        "no": "nee",
        "chosen": "gekozen",
        "not_chosen": "niet gekozen",
        "variable": "variabele",
        "label": "label",
        "type": "type",
        "value": "waarde",
        "value_label": "betekenis",
        "missing": "ontbrekend",
        "note": "toelichting",
        "no_open_answers": (
            "Open antwoorden staan niet in dit bestand: het bestuur heeft ze niet opgenomen."
        ),
        "open_answers": (
            "Open antwoorden zijn opgenomen op verzoek van het bestuur; namen, adressen, "
            "nummers en e-mailadressen zijn eruit gehaald."
        ),
        "left_out": (
            "Weggelaten achtergrond: {names}. Met deze kenmerken erbij zou een groep leden "
            "bijna allemaal hetzelfde antwoord laten zien, en dan weet wie iemand in die "
            "groep kent diens antwoord. Het verslag toont de uitsplitsingen wel."
        ),
        "open_left_out": (
            "{count} antwoorden via de openbare link zijn weggelaten: te weinig, of te "
            "eensgezind, om ze apart te tonen."
        ),
        "order": "De rijen staan in willekeurige volgorde en hebben geen tijd of nummer.",
        "dont_know": "'Weet niet' telt als ontbrekend bij gemiddelden.",
    },
    "en": {
        CHOICE: "single choice",
        MULTIPLE: "multiple choice (names separated by spaces)",
        RANKING: "ranking (names, first place first)",
        NUMBER: "number",
        OPEN: "open answer (personal data removed)",
        BACKGROUND: "background (coded at close)",
        FLAG: "through the public link (1) or as a member (0)",
        "open_label": "Through the public link",
        "yes": "yes",
        "no": "no",
        "chosen": "chosen",
        "not_chosen": "not chosen",
        "variable": "variable",
        "label": "label",
        "type": "type",
        "value": "value",
        "value_label": "meaning",
        "missing": "missing",
        "note": "note",
        "no_open_answers": "Open answers are not in this file: the board did not include them.",
        "open_answers": (
            "Open answers are included at the board's request; names, addresses, numbers "
            "and e-mail addresses have been removed."
        ),
        "left_out": (
            "Background left out: {names}. With these characteristics a group of members "
            "would show (nearly) one answer, and whoever knows someone in that group would "
            "know their answer. The report does show the breakdowns."
        ),
        "open_left_out": (
            "{count} answers through the public link are left out: too few, or too "
            "unanimous, to show apart."
        ),
        "order": "Rows are in random order and carry no time or number.",
        "dont_know": "'Don't know' counts as missing in means.",
    },
}

Cell = str | float | None


@dataclass(frozen=True)
class Value:
    """One value a column holds, its label, and whether it is a missing code."""

    name: str
    label: str
    missing: bool = False


@dataclass(frozen=True)
class Column:
    """One column of the table (CSV/XLSX), with what the codebook says about it."""

    name: str
    label: str
    kind: str  # CHOICE, MULTIPLE, … (see TEXTS)
    measure: str  # NOMINAL, ORDINAL or SCALE (SPSS)
    values: tuple[Value, ...]  # the labelled values, in order (none for numbers and text)
    cells: list[Cell]


@dataclass(frozen=True)
class ExportTable:
    """The respondent table and the notes the codebook prints."""

    columns: tuple[Column, ...]
    notes: tuple[str, ...]
    protection: Protection
    lang: str = "nl"
    words: Mapping[str, str] = field(default_factory=dict)

    @property
    def row_count(self) -> int:
        return len(self.columns[0].cells) if self.columns else 0


def _values(question: Question) -> tuple[Value, ...]:
    return tuple(Value(c.name, c.label, c.dont_know) for c in question.choices)


def _measure(question: Question) -> str:
    if question.scale == Scale.RATING:
        return SCALE
    return ORDINAL if question.scale in {Scale.AGREE, Scale.ORDINAL} else NOMINAL


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _question_columns(
    question: Question, values: Sequence[Any], *, include_open: bool
) -> list[Column]:
    if question.type == SELECT_ONE:
        return [
            Column(
                question.name,
                question.label,
                CHOICE,
                _measure(question),
                _values(question),
                list(values),
            )
        ]
    if question.type == SELECT_MULTIPLE:
        cells = [None if v is None else " ".join(sorted(v)) for v in values]
        return [Column(question.name, question.label, MULTIPLE, NOMINAL, _values(question), cells)]
    if question.type == RANK:
        cells = [None if v is None else " ".join(v) for v in values]
        return [Column(question.name, question.label, RANKING, ORDINAL, _values(question), cells)]
    if question.type == POINTS:
        return [
            Column(
                f"{question.name}_{choice.name}",
                f"{question.label}: {choice.label}",
                NUMBER,
                SCALE,
                (),
                [None if v is None else _number(v.get(choice.name)) for v in values],
            )
            for choice in question.choices
        ]
    if question.is_numeric:
        return [
            Column(question.name, question.label, NUMBER, SCALE, (), [_number(v) for v in values])
        ]
    if question.type == TEXT:
        if not include_open:
            return []
        cells = [None if v is None else scrub(str(v)) for v in values]
        return [Column(question.name, question.label, OPEN, NOMINAL, (), cells)]
    return []  # a type the engine does not analyse has nothing to export either


def export_table(
    form: Form,
    responses: Responses,
    *,
    include_open: bool,
    k: int = DEFAULT_MIN_GROUP,
    population: Population | None = None,
    labels: Mapping[str, str] | None = None,
    value_labels: Mapping[str, Mapping[str, str]] | None = None,
    lang: str = "nl",
) -> ExportTable:
    """The table every export writes (see the module docstring).

    ``population`` (the members' bands the report compares with) tells which
    participation counts the report hides. ``labels`` name the background
    variables ("Leeftijd"), ``value_labels`` their values (a region's name for
    its code). The caller checks that the
    panel has at least ``k`` respondents; :mod:`.microdata` chooses the
    background the rows may carry.
    """
    words = TEXTS.get(lang, TEXTS["nl"])
    # A variable whose participation the report hides per category never leaves:
    # the rows per category would count it (microdata, rule 4).
    withheld = participation_withheld(responses, population, k=k)
    protection = protect(form, responses, k=k, withheld={v for v, c in withheld.items() if c})
    is_open = responses.is_open or [False] * len(responses)
    rows = [i for i, open_ in enumerate(is_open) if protection.open_rows or not open_]
    columns: list[Column] = []
    for question in form.questions:
        column = responses.answers.get(question.name)
        if column is None:
            continue
        values = [column[i] for i in rows]
        columns += _question_columns(question, values, include_open=include_open)
    for name in protection.background:
        cells: list[Cell] = [responses.background[name][i] for i in rows]
        present = sorted({c for c in cells if isinstance(c, str)}, key=band_key)
        names = (value_labels or {}).get(name, {})
        columns.append(
            Column(
                name,
                (labels or {}).get(name, name),
                BACKGROUND,
                # Age and membership length are bands with an order; place and gender not.
                ORDINAL if present and band_key(present[0])[0] == 0 else NOMINAL,
                tuple(Value(value, names.get(value, value)) for value in present),
                cells,
            )
        )
    columns.append(
        Column(
            OPEN_COLUMN,
            words["open_label"],
            FLAG,
            NOMINAL,
            (Value("0", words["no"]), Value("1", words["yes"])),
            ["1" if is_open[i] else "0" for i in rows],
        )
    )
    has_open_questions = any(q.type == TEXT for q in form.questions)
    notes = [words["order"]]
    if has_open_questions:
        notes.append(words["open_answers"] if include_open else words["no_open_answers"])
    if protection.left_out:
        shown = [(labels or {}).get(name, name) for name in protection.left_out]
        notes.append(words["left_out"].format(names=", ".join(shown)))
    if protection.open_rows_left_out:
        notes.append(words["open_left_out"].format(count=protection.open_rows_left_out))
    if any(value.missing for c in columns for value in c.values):
        notes.append(words["dont_know"])
    return ExportTable(tuple(columns), tuple(notes), protection, lang, words)


def codebook_rows(table: ExportTable) -> list[list[str]]:
    """The codebook as rows: a header, one row per column value (or per column), the notes."""
    words = table.words
    rows = [
        [
            words["variable"],
            words["label"],
            words["type"],
            words["value"],
            words["value_label"],
            words["missing"],
        ]
    ]
    for column in table.columns:
        described = [column.name, column.label, words[column.kind]]
        if not column.values:
            rows.append([*described, "", "", ""])
        for value in column.values:
            missing = words["yes"] if value.missing else ""
            rows.append([*described, value.name, value.label, missing])
    for note in table.notes:
        rows.append([words["note"], note, "", "", "", ""])
    return rows
