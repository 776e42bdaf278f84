"""Rules on answer options: unbalanced_scale, no_neutral and overlapping_ranges."""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass

from ledenpanel.guideline import lexicon
from ledenpanel.guideline.hits import Hit
from ledenpanel.guideline.text import normalise, words
from ledenpanel.kernel.questionnaire.schema import Option, Question, QuestionType

# --- polarity of options ---------------------------------------------------


def is_dont_know(option: Option) -> bool:
    label = normalise(option.label)
    return option.dont_know or any(phrase in label for phrase in lexicon.DONT_KNOW_LABELS)


def polarity(label: str, lang: str) -> int | None:
    """+1, -1, 0 (neutral middle) or None (no evaluative word)."""
    plain = normalise(label)
    if any(phrase in plain for phrase in lexicon.NEUTRAL_LABELS):
        return 0
    tokens = words(plain)
    negated = any(t in lexicon.POLE_NEGATORS[lang] for t in tokens)
    for token in tokens:
        if token in lexicon.NEGATIVE_POLES[lang]:
            return -1
        if token in lexicon.POSITIVE_POLES[lang]:
            return -1 if negated else 1
    return None


@dataclass(frozen=True)
class ScaleShape:
    positive: int
    negative: int
    neutral: int
    dont_know: bool
    evaluative: bool


def scale_shape(question: Question, lang: str) -> ScaleShape | None:
    """Count the poles of a scale-like question; None if it has no options to judge."""
    if question.type not in (
        QuestionType.AGREE_SCALE,
        QuestionType.GRID,
        QuestionType.SINGLE_CHOICE,
    ):
        return None
    answers = [option for option in question.options if not is_dont_know(option)]
    if len(answers) < 2:
        return None
    poles = [polarity(option.label, lang) for option in answers]
    judged = [pole for pole in poles if pole is not None]
    evaluative = question.type != QuestionType.SINGLE_CHOICE or (
        len(judged) >= max(2, math.ceil(0.7 * len(answers))) and any(p and p < 0 for p in judged)
    )
    return ScaleShape(
        positive=sum(1 for pole in judged if pole > 0),
        negative=sum(1 for pole in judged if pole < 0),
        neutral=sum(1 for pole in judged if pole == 0),
        dont_know=len(answers) < len(question.options),
        evaluative=evaluative,
    )


def check_unbalanced(question: Question, lang: str) -> list[Hit]:
    shape = scale_shape(question, lang)
    if not shape or not shape.evaluative or shape.positive + shape.negative < 2:
        return []
    if shape.positive != shape.negative:
        return [
            Hit(
                "unbalanced_scale",
                params={"positive": str(shape.positive), "negative": str(shape.negative)},
            )
        ]
    return []


def check_no_neutral(question: Question, lang: str) -> list[Hit]:
    """A bipolar scale with neither a neutral middle nor a "weet niet" way out."""
    shape = scale_shape(question, lang)
    if not shape or not shape.evaluative:
        return []
    if shape.positive == 0 or shape.negative == 0:
        return []
    scale_like = question.type in (QuestionType.AGREE_SCALE, QuestionType.GRID) or (
        shape.positive + shape.negative >= 4
    )
    if scale_like and shape.neutral == 0 and not shape.dont_know:
        return [Hit("no_neutral")]
    return []


# --- numeric ranges --------------------------------------------------------

NUM = r"(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)"
UNIT = r"\s*(?:uur|jaar|jaren|euro|keer|km|kilometer|minuten|min|procent|%|leden|mensen|"
UNIT += r"personen|dagen|weken|maanden|hours?|years?|times|members|people|days|weeks)?"
EURO = r"(?:€|eur|euro|£|\$)?\s*"
INF = math.inf
_RANGE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (
            rf"^(?:van\s+|from\s+|between\s+|tussen\s+)?{EURO}{NUM}{UNIT}\s*(?:-|tot en met|t/m|"
            rf"to|through|and|en)\s*{EURO}{NUM}{UNIT}$",
            "closed",
        ),
        (rf"^(?:van\s+)?{EURO}{NUM}{UNIT}\s*tot\s*{EURO}{NUM}{UNIT}$", "half_open"),
        (
            rf"^(?:tot|jonger dan|minder dan|onder|onder de|korter dan|lager dan|under|"
            rf"less than|fewer than|younger than|below|voor|before)\s*{EURO}{NUM}{UNIT}$",
            "below",
        ),
        (rf"^(?:tot en met|t/m|maximaal|hoogstens|up to|at most)\s*{EURO}{NUM}{UNIT}$", "up_to"),
        (
            rf"^{EURO}{NUM}{UNIT}\s*(?:of|en|or|and)\s*(?:ouder|meer|hoger|langer|vaker|later|"
            rf"over|older|more|above|up)$",
            "from",
        ),
        (rf"^(?:vanaf|from|minimaal|minstens|at least)\s*{EURO}{NUM}{UNIT}$", "from"),
        (rf"^{EURO}{NUM}{UNIT}\s*\+$", "from"),
        (
            rf"^(?:meer dan|ouder dan|boven|boven de|langer dan|hoger dan|over|more than|"
            rf"older than|above|na|after)\s*{EURO}{NUM}{UNIT}$",
            "above",
        ),
        (rf"^{EURO}{NUM}{UNIT}$", "point"),
    )
)


def _number(text: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        return float(text.replace(".", ""))
    return float(text.replace(",", "."))


def parse_range(label: str) -> tuple[float, float, bool] | None:
    """(low, high, integer) with both ends included, or None if not a range.

    Integer ranges ("0-9", "10-19") are read as whole numbers, so "tot 25" is
    ..24 and "meer dan 10" is 11...; ranges with decimals keep their ends.
    """
    plain = normalise(label).rstrip(".")
    plain = re.sub(r"\s+", " ", plain)
    for pattern, kind in _RANGE_PATTERNS:
        match = pattern.match(plain)
        if not match:
            continue
        numbers = [_number(group) for group in match.groups() if group]
        integer = all(n == int(n) for n in numbers)
        step = 1.0 if integer else 0.0
        if kind == "closed":
            return numbers[0], numbers[1], integer
        if kind == "half_open":
            return numbers[0], numbers[1] - step, integer
        if kind == "below":
            return -INF, numbers[0] - step, integer
        if kind == "up_to":
            return -INF, numbers[0], integer
        if kind == "from":
            return numbers[0], INF, integer
        if kind == "above":
            return numbers[0] + step, INF, integer
        return numbers[0], numbers[0], integer
    return None


def _show(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def check_ranges(question: Question) -> list[Hit]:
    if question.type not in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
        return []
    answers = [option for option in question.options if not is_dont_know(option)]
    parsed = [(option, parse_range(option.label)) for option in answers]
    ranges = [(option, r) for option, r in parsed if r is not None]
    if len(ranges) < 2 or len(ranges) < 0.6 * len(answers):
        return []
    if all(r[0] == r[1] for _, r in ranges):  # plain numbers: 1, 2, 3, …
        return []
    ordered = sorted(ranges, key=lambda item: (item[1][0], item[1][1]))
    integer = all(r[2] for _, r in ranges)
    for (first, (_, high, _)), (second, (low, _, _)) in itertools.pairwise(ordered):
        if low <= high:
            return [
                Hit(
                    "overlapping_ranges",
                    "overlap",
                    {"first": first.label, "second": second.label, "value": _show(low)},
                )
            ]
        if integer and low > high + 1:
            return [
                Hit(
                    "overlapping_ranges",
                    "gap",
                    {"first": first.label, "second": second.label, "value": _show(high + 1)},
                )
            ]
    return []
