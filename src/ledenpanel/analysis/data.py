"""The analysis engine's inputs as plain data: a form, its responses, a population.

Everything here is built by a reader (the command line's XLSForm and CSV
readers in :mod:`ledenpanel.analysis.inputs`, or the web app's adapter from a
stored questionnaire and its responses) and read by the computations. No
computation knows where the data came from.

A **form** is the list of questions in form order. Each question has its
XLSForm base type (``select_one``, ``select_multiple``, ``rank``,
``integer``, ``decimal``, ``text``, …, and ``points`` for a points-division
group), its choices, and its *scale*: how the choices are ordered.

The **responses** hold one value per respondent and question, already checked
against the form (the readers reject unknown choices):

============================  =================================================
question type                 value (``None``: not answered)
============================  =================================================
select_one                    the choice name, ``str``
select_multiple               the chosen names, ``frozenset[str]``
rank                          the names in ranked order, first = rank 1,
                              ``tuple[str, ...]``
integer, decimal              ``float``
points                        points per part, ``dict[str, float]``
text and other types          ``str``
============================  =================================================

and banded background variables per respondent (``age``, ``gender``,
``region``, ``tenure``, …; a value is a band label, ``None`` when unknown).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

SELECT_ONE = "select_one"
SELECT_MULTIPLE = "select_multiple"
RANK = "rank"
INTEGER = "integer"
DECIMAL = "decimal"
TEXT = "text"
POINTS = "points"

NUMERIC_TYPES = frozenset({INTEGER, DECIMAL})


class Scale(StrEnum):
    """How a select_one question's choices are ordered."""

    NOMINAL = ""  # no order: shares only
    AGREE = "agree"  # disagree → agree: a statement (opinion groups, open doors)
    RATING = "rating"  # numbers (0–10): mean of the numbers
    ORDINAL = "ordinal"  # ordered words (likert): mean of the positions 1..m


@dataclass(frozen=True)
class Choice:
    name: str
    label: str
    # "Weet niet / geen mening": counted and shown like any option, left out
    # of means and top-2-box.
    dont_know: bool = False


@dataclass(frozen=True)
class Question:
    name: str
    type: str
    label: str
    choices: tuple[Choice, ...] = ()  # for points: the parts points are divided over
    scale: Scale = Scale.NOMINAL
    points_total: float | None = None  # points: the total to divide

    @property
    def is_numeric(self) -> bool:
        return self.type in NUMERIC_TYPES

    @property
    def is_open(self) -> bool:
        return self.type == TEXT

    def choice(self, name: str) -> Choice | None:
        return next((choice for choice in self.choices if choice.name == name), None)

    @property
    def opinion_choices(self) -> tuple[Choice, ...]:
        """The choices that carry an opinion, in scale order (no "weet niet")."""
        return tuple(choice for choice in self.choices if not choice.dont_know)


@dataclass(frozen=True)
class Form:
    title: str
    questions: tuple[Question, ...]
    # The form's fields that are not questions (calculate, note, hidden, metadata,
    # or_other texts): a responses reader ignores their columns instead of
    # taking them for background variables.
    other_fields: frozenset[str] = frozenset()

    def question(self, name: str) -> Question | None:
        return next((question for question in self.questions if question.name == name), None)


@dataclass
class Responses:
    """Answers and background bands, one position per respondent."""

    answers: dict[str, list[Any]]  # question name → values (see the module docstring)
    background: dict[str, list[str | None]] = field(default_factory=dict)
    # Answers through an open link (non-members), reported apart; None: all members.
    is_open: list[bool] | None = None

    def __len__(self) -> int:
        for column in (*self.answers.values(), *self.background.values()):
            return len(column)
        return 0

    def members_only(self) -> Responses:
        """The member responses: what is weighted and compared with the population."""
        if self.is_open is None:
            return self
        keep = [index for index, open_ in enumerate(self.is_open) if not open_]
        return Responses(
            answers={name: [values[i] for i in keep] for name, values in self.answers.items()},
            background={
                name: [values[i] for i in keep] for name, values in self.background.items()
            },
            is_open=None,
        )


@dataclass
class Population:
    """The target population's background variables, aggregated.

    One row per combination of the variables with its ``count`` of members:
    a per-member file is aggregated on reading. ``invited`` is how many were
    invited when only a sample was (None: the whole population was).
    """

    columns: dict[str, list[str | None]]
    count: list[int]
    invited: int | None = None
    ineligible: int = 0  # known ineligible among those invited (deceased, no longer a member)
    # Invitations that never arrived (bounces): in the denominator. None: not known
    # (no bounce information), so no contact rate is given.
    noncontacts: int | None = None

    @property
    def size(self) -> int:
        return sum(self.count)

    def margin(self, variable: str) -> dict[str, int]:
        """Members per category of one variable (unknown values left out)."""
        totals: dict[str, int] = {}
        for value, count in zip(self.columns[variable], self.count, strict=True):
            if value is not None:
                totals[value] = totals.get(value, 0) + count
        return totals


@dataclass(frozen=True)
class Options:
    """Choices a user makes for one analysis run."""

    min_group: int = 10  # k: smaller groups are never shown
    weight_by: Sequence[str] = ()  # rake to the population's margins of these
    by: Sequence[str] | None = None  # crosstab variables (None: every background variable)
    trim: tuple[float, float] = (0.2, 5.0)  # weights kept within LO–HI × the mean
    seed: int = 0  # themes and opinion groups are reproducible
    labels: Mapping[str, str] = field(default_factory=dict)  # background variable → label
    # Background variable → value → label: a branch's or region's name for its code.
    value_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
