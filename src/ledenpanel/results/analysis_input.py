"""The web app's data as the analysis engine's plain inputs (``analysis.data``).

A closed panel gives the engine four things:

- the **form**, from the approved questionnaire (the version members
  answered, as the close procedure reads it). Names are the ones the app's
  XLSForm export writes, so ``ledenpanel analyse`` on an export and the
  worker's run on the database name every question alike: a grid becomes one
  ``select_one`` per statement named by the statement (``<grid>.<statement>``
  only when that name is taken elsewhere in the form), a points question one
  ``points`` question whose parts are its options. Labels are the
  questionnaire's default language.
- the **responses**: each stored answer converted to the value types of
  ``analysis.data`` and the coded bands of the panel-wide coding chosen at
  close as background variables; open-link answers are flagged.
- the **population**: the band counts taken at opening (fine bands, before
  sampling and the cap), coded with the same panel-wide coding, so weights
  and comparisons use the categories the respondents carry.
- the **options**: weight by and break down by the coded variables the
  population has too; ``min_group`` is the panel's k.

Nothing here logs or returns a single answer outside the engine's inputs.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ledenpanel.analysis.bands import (
    AGE_ORDER,
    GENDER_OTHER,
    MAIN_GENDERS,
    OTHER,
    TENURE_ORDER,
    UNKNOWN,
    Coding,
)
from ledenpanel.analysis.data import (
    DECIMAL,
    POINTS,
    RANK,
    SELECT_MULTIPLE,
    SELECT_ONE,
    TEXT,
    Choice,
    Form,
    Options,
    Population,
    Question,
    Responses,
    Scale,
)
from ledenpanel.analysis.disclosure import DEFAULT_MIN_GROUP
from ledenpanel.closing.models import PanelClosing
from ledenpanel.invitations.models import Channel, DeliveryStatus, Invitation, PanelOpening
from ledenpanel.kernel.questionnaire.schema import Option, Questionnaire, QuestionType
from ledenpanel.kernel.questionnaire.schema import Question as AppQuestion
from ledenpanel.kernel.xlsform.conventions import RATING_NAMES, is_agree_scale
from ledenpanel.organisations.models import MemberStatus, Unit
from ledenpanel.panels.models import Panel
from ledenpanel.responses.models import Response

logger = logging.getLogger("ledenpanel.analysis")

# The order of the fine bands in ``PanelOpening.population_bands`` keys
# ("age|gender|region|tenure": ``invitations.selectors.Eligible.bands``).
POPULATION_VARIABLES = ("age", "gender", "region", "tenure")
# What the analysis weights to and breaks down by, when coded and in the population.
WEIGHTING_VARIABLES = ("age", "gender", "tenure", "region")
# Background variables whose values are unit codes: the report prints their names.
UNIT_VARIABLES = ("region", "branch")
VARIABLE_LABELS = {
    "age": "Leeftijd",
    "gender": "Geslacht",
    "region": "Regio",
    "branch": "Afdeling",
    "tenure": "Lidmaatschapsduur",
}
_ORDERS = {"age": AGE_ORDER, "tenure": TENURE_ORDER}
_SINGLE_SCALES = {
    QuestionType.SINGLE_CHOICE: Scale.NOMINAL,
    QuestionType.AGREE_SCALE: Scale.AGREE,
}
_TEXT_TYPES = frozenset({QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT})


@dataclass(frozen=True)
class AnalysisInput:
    """Everything ``analysis.engine.analyse`` takes for one panel."""

    form: Form
    responses: Responses
    population: Population | None
    options: Options


# -- the form ------------------------------------------------------------------


def _choices(options: Iterable[Option]) -> tuple[Choice, ...]:
    return tuple(Choice(option.name, option.label, option.dont_know) for option in options)


def _rating_choices(question: AppQuestion) -> tuple[Choice, ...]:
    # As the XLSForm export writes a rating: the points 0–10, then its own
    # options ("weet niet").
    points = tuple(Choice(name, name) for name in RATING_NAMES)
    return points + _choices(o for o in question.options if o.name not in RATING_NAMES)


def _grid_scale(question: AppQuestion) -> Scale:
    opinion = question.answer_options
    agree = is_agree_scale([o.name for o in opinion], [o.label for o in opinion])
    return Scale.AGREE if agree else Scale.NOMINAL


def _export_names(questionnaire: Questionnaire) -> Counter:
    """How often each field name occurs in the XLSForm export (a name taken twice is ambiguous)."""
    names: Counter = Counter()
    for question in questionnaire.questions():
        names[question.name] += 1
        names.update(statement.name for statement in question.statements)
    return names


def grid_row_name(question: AppQuestion, statement_name: str, taken: Counter) -> str:
    """The export's name for a grid row: the statement's own, unless another field has it."""
    if taken[statement_name] == 1:
        return statement_name
    return f"{question.name}.{statement_name}"


def _questions(question: AppQuestion, taken: Counter) -> list[Question]:
    kind = question.type
    if kind in _SINGLE_SCALES:
        scale = _SINGLE_SCALES[kind]
        return [
            Question(question.name, SELECT_ONE, question.label, _choices(question.options), scale)
        ]
    if kind == QuestionType.RATING:
        return [
            Question(
                question.name, SELECT_ONE, question.label, _rating_choices(question), Scale.RATING
            )
        ]
    if kind == QuestionType.MULTIPLE_CHOICE:
        return [
            Question(question.name, SELECT_MULTIPLE, question.label, _choices(question.options))
        ]
    if kind == QuestionType.RANKING:
        return [Question(question.name, RANK, question.label, _choices(question.options))]
    if kind == QuestionType.POINTS:
        return [
            Question(
                question.name,
                POINTS,
                question.label,
                _choices(question.options),
                points_total=float(question.points_total),
            )
        ]
    if kind == QuestionType.NUMBER:
        return [Question(question.name, DECIMAL, question.label)]
    if kind in _TEXT_TYPES:
        return [Question(question.name, TEXT, question.label)]
    if kind == QuestionType.GRID:
        choices, scale = _choices(question.options), _grid_scale(question)
        return [
            Question(grid_row_name(question, s.name, taken), SELECT_ONE, s.label, choices, scale)
            for s in question.statements
        ]
    return []  # info: text only, nothing to analyse


def analysis_form(questionnaire: Questionnaire, *, title: str = "") -> Form:
    """The questionnaire as the engine's form (see the module docstring)."""
    taken = _export_names(questionnaire)
    questions = tuple(
        converted
        for question in questionnaire.questions()
        for converted in _questions(question, taken)
    )
    return Form(title=questionnaire.title or title, questions=questions)


# -- the responses -------------------------------------------------------------


# Stored answers come from JSON: exact classes are checked (fast, and a bool
# is not taken for a number).
_NUMBER_CLASSES = frozenset({int, float})


def _is_number(value: Any) -> bool:
    return value.__class__ in _NUMBER_CLASSES


def _choice(value: Any, names: frozenset[str]) -> str | None:
    if value.__class__ is str:
        return value if value in names else None
    if value.__class__ is int:  # a rating is stored as a number
        text = str(value)
        return text if text in names else None
    return None


def _chosen(value: Any, names: frozenset[str]) -> frozenset[str] | None:
    if not isinstance(value, list | tuple):
        return None
    try:
        chosen = frozenset(value) & names
    except TypeError:  # an unhashable item: not an answer this form can hold
        return None
    return chosen or None


def _ranked(value: Any, names: frozenset[str]) -> tuple[str, ...] | None:
    """Stored as ``{option: position}``; the engine wants the names, first place first."""
    if isinstance(value, Mapping):
        positions = {k: v for k, v in value.items() if k in names and _is_number(v)}
        ranked = tuple(sorted(positions, key=lambda name: (positions[name], name)))
    elif isinstance(value, list | tuple):
        ranked = tuple(item for item in value if item in names)
    else:
        return None
    return ranked or None


def _points(value: Any, names: frozenset[str]) -> dict[str, float] | None:
    if not isinstance(value, Mapping):
        return None
    given = {k: float(v) for k, v in value.items() if k in names and _is_number(v)}
    return given or None


def _number(value: Any) -> float | None:
    if _is_number(value):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.replace(",", "."))
        except ValueError:
            return None
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


@dataclass(frozen=True)
class _Column:
    """Where one form question's value is in a stored answer, and how to read it."""

    name: str  # the form question's name
    key: str  # the answer's key (the app question)
    part: str | None  # a grid's statement
    read: Any  # (value, names) -> value for the engine
    names: frozenset[str]


def _readers(questionnaire: Questionnaire, form: Form) -> list[_Column]:
    taken = _export_names(questionnaire)
    columns: list[_Column] = []
    for question in questionnaire.questions():
        converted = {q.name: q for q in _questions(question, taken)}
        if not converted:
            continue
        if question.type == QuestionType.GRID:
            for statement in question.statements:
                name = grid_row_name(question, statement.name, taken)
                names = frozenset(c.name for c in converted[name].choices)
                columns.append(_Column(name, question.name, statement.name, _choice, names))
            continue
        target = converted[question.name]
        names = frozenset(c.name for c in target.choices)
        read = {
            SELECT_ONE: _choice,
            SELECT_MULTIPLE: _chosen,
            RANK: _ranked,
            POINTS: _points,
            DECIMAL: lambda value, _names: _number(value),
            TEXT: lambda value, _names: _text(value),
        }[target.type]
        columns.append(_Column(question.name, question.name, None, read, names))
    assert [c.name for c in columns] == [q.name for q in form.questions]
    return columns


def _read_column(column: _Column, stored_rows: list[Mapping[str, Any]]) -> tuple[list, int]:
    """One question's values for the engine, and how many stored values did not fit."""
    values: list[Any] = []
    misfits = 0
    key, part, read, names = column.key, column.part, column.read, column.names
    for stored in stored_rows:
        raw = stored.get(key)
        if part is not None and raw is not None:
            raw = raw.get(part) if isinstance(raw, dict) else None
        if raw is None or raw == "" or raw == [] or raw == {}:
            values.append(None)
            continue
        value = read(raw, names)
        misfits += value is None
        values.append(value)
    return values, misfits


def analysis_responses(
    questionnaire: Questionnaire,
    rows: Iterable[tuple[Mapping[str, Any], Mapping[str, str], bool]],
    *,
    form: Form | None = None,
) -> Responses:
    """Stored responses ``(answers, bands, is_open)`` as the engine's responses.

    A value the form cannot hold (an option name that is not in the approved
    questionnaire, a number that is not one) becomes "not answered"; only
    their count is logged, never a value.
    """
    form = form or analysis_form(questionnaire)
    columns = _readers(questionnaire, form)
    stored_rows: list[Mapping[str, Any]] = []
    bands_seen: list[Mapping[str, str]] = []
    is_open: list[bool] = []
    for stored, bands, open_ in rows:
        stored_rows.append(stored)
        bands_seen.append(bands or {})
        is_open.append(bool(open_))
    answers: dict[str, list[Any]] = {}
    dropped = 0
    for column in columns:
        # Column by column: one question's reader over every response (fast).
        answers[column.name], misfits = _read_column(column, stored_rows)
        dropped += misfits
    if dropped:
        logger.warning("analysis input: %d stored values did not fit the form", dropped)
    variables = list(dict.fromkeys(name for bands in bands_seen for name in bands))
    background = {
        name: [
            bands.get(name) if not open_ else None
            for bands, open_ in zip(bands_seen, is_open, strict=True)
        ]
        for name in variables
    }
    return Responses(answers=answers, background=background, is_open=is_open)


# -- the population ------------------------------------------------------------


def _nearest_kept(value: str, mapping: Mapping[str, str], order: Sequence[str]) -> str | None:
    """An ordered band no respondent had joins the coded group of its nearest band.

    The coding only knows the bands present among respondents; a band of the
    population without respondents is merged with its neighbour, as the
    coding would have merged it had it been there. Unknown stays unknown.
    """
    if value not in order:
        return None
    position = order.index(value)
    kept = [
        (abs(order.index(band) - position), order.index(band), band)
        for band in mapping
        if band in order
    ]
    if not kept:
        return None
    return mapping[min(kept)[2]]


def code_population_band(variable: str, value: str, mapping: Mapping[str, str]) -> str | None:
    """One fine population band coded with the panel's coding (None: unknown)."""
    if value in mapping:
        return mapping[value]
    if variable in _ORDERS:
        return None if value == UNKNOWN else _nearest_kept(value, mapping, _ORDERS[variable])
    coded = set(mapping.values())
    if variable == "gender" and GENDER_OTHER in coded and value not in MAIN_GENDERS:
        return GENDER_OTHER
    if variable == "region" and OTHER in coded:
        return OTHER
    return None


def analysis_population(
    population_bands: Mapping[str, int],
    coding: Coding,
    *,
    invited: int | None = None,
    ineligible: int = 0,
    noncontacts: int | None = None,
) -> Population | None:
    """The opening's band counts, coded like the responses and aggregated."""
    if not population_bands:
        return None
    variables = [name for name in coding.variables if name in POPULATION_VARIABLES]
    counts: Counter = Counter()
    for key, count in population_bands.items():
        fine = dict(zip(POPULATION_VARIABLES, key.split("|"), strict=False))
        coded = tuple(
            code_population_band(name, fine.get(name, ""), coding.variables[name])
            for name in variables
        )
        counts[coded] += int(count)
    combinations = sorted(counts, key=lambda combo: tuple(value or "" for value in combo))
    return Population(
        columns={
            name: [combo[index] for combo in combinations] for index, name in enumerate(variables)
        },
        count=[counts[combo] for combo in combinations],
        invited=invited,
        ineligible=ineligible,
        noncontacts=noncontacts,
    )


@dataclass(frozen=True)
class Fieldwork:
    """What the invitations still say after close (delivery status is kept on purpose)."""

    invitations: int
    ineligible: int  # the member has died (the roster says so): not eligible after all
    # The invitation never arrived (bounced, or could not be sent). None when
    # that is not known for every invitation: nobody learns of a letter that
    # did not arrive, so with letters "reached" would claim too much.
    noncontacts: int | None


def fieldwork_counts(panel: Panel) -> Fieldwork:
    invitations = Invitation.objects.filter(panel=panel)
    delivery_known = not invitations.filter(channel=Channel.LETTER).exists()
    return Fieldwork(
        invitations=invitations.count(),
        ineligible=invitations.filter(member__status=MemberStatus.DECEASED).count(),
        noncontacts=invitations.filter(
            delivery__in=[DeliveryStatus.BOUNCED, DeliveryStatus.FAILED]
        ).count()
        if delivery_known
        else None,
    )


def panel_population(panel: Panel, coding: Coding) -> Population | None:
    opening = PanelOpening.objects.filter(panel=panel).first()
    if opening is None or not opening.population_bands:
        return None
    size = sum(int(count) for count in opening.population_bands.values())
    work = fieldwork_counts(panel)
    # Not everyone was invited (a sample, or the invitation cap): the rates
    # and the comparison use the invited, not the population.
    invited = work.invitations if work.invitations < size else None
    return analysis_population(
        opening.population_bands,
        coding,
        invited=invited,
        ineligible=work.ineligible,
        noncontacts=work.noncontacts,
    )


# -- one panel -----------------------------------------------------------------


def panel_questionnaire(panel: Panel) -> Questionnaire:
    """The questionnaire members answered: the approved version, as the close reads it."""
    version = panel.approved_version
    return Questionnaire.from_dict(version.definition if version else panel.questionnaire)


def unit_value_labels(responses: Responses) -> dict[str, dict[str, str]]:
    """The branch's and region's name for each unit code the responses carry."""
    codes = {
        variable: {value for value in responses.background.get(variable, []) if value}
        for variable in UNIT_VARIABLES
    }
    wanted = set().union(*codes.values())
    names = dict(Unit.objects.filter(code__in=wanted).values_list("code", "name"))
    return {
        variable: {code: names[code] for code in sorted(values) if code in names}
        for variable, values in codes.items()
        if values & names.keys()
    }


def analysis_options(responses: Responses, population: Population | None, *, k: int) -> Options:
    usable = [
        name
        for name in WEIGHTING_VARIABLES
        if name in responses.background and population is not None and name in population.columns
    ]
    return Options(
        min_group=k,
        weight_by=tuple(usable),
        by=tuple(usable),
        labels={
            name: VARIABLE_LABELS[name] for name in responses.background if name in VARIABLE_LABELS
        },
    )


def analysis_input(panel: Panel) -> AnalysisInput:
    """A closed panel's form, responses, population and options."""
    closing = PanelClosing.objects.filter(panel=panel).first()
    k = closing.min_group if closing else DEFAULT_MIN_GROUP
    coding = Coding.from_dict(closing.coding if closing else {})
    questionnaire = panel_questionnaire(panel)
    form = analysis_form(questionnaire, title=panel.title)
    # Ordered by the random ids: the same panel gives the same input every run.
    rows = (
        Response.objects.filter(panel=panel)
        .order_by("id")
        .values_list("answers", "bands", "is_open")
        .iterator(chunk_size=2000)
    )
    responses = analysis_responses(questionnaire, rows, form=form)
    population = panel_population(panel, coding)
    return AnalysisInput(
        form=form,
        responses=responses,
        population=population,
        options=replace(
            analysis_options(responses, population, k=k),
            value_labels=unit_value_labels(responses),
        ),
    )
