"""The report's first page in figures: the main outcomes and the margin of error.

**Main outcomes.** A board reads the first page and stops; it should find
there the clearest answers members gave, not the first questions of the form.
Each question with a figure that rests on an effective n (Kish) of at least
``MIN_EFFECTIVE_N`` offers one headline:

- a statement (agree scale): the agree and disagree shares among those with
  an opinion; its clarity is the gap between them;
- a single or multiple choice: the most chosen option; its clarity is its
  lead over the next one;
- a 0–10 rating: the mean mark (no clarity: listed only to reach the minimum).

The ``MAX_OUTCOMES`` clearest headlines are kept, in questionnaire order; when
fewer than ``MIN_OUTCOMES`` have a clarity, ratings fill up. Every figure is
one the results per question already show (the weighted one where the panel
was weighted), so the summary reveals nothing the body does not.

**Margin of error.** One sentence for the whole report: the half-width of the
95 % interval of a 50 % share (the widest any share can have) at the panel's
effective n, with the finite population correction where the number of
members is known. Groups and questions fewer members answered have wider
intervals; the report says so.

Each outcome has a stable ``code`` and its ``params``, as the discussion
points do, so a report renders it in its own language; ``text`` is the Dutch
sentence for readers that know no codes.
"""

from __future__ import annotations

import math
from typing import Any

from ledenpanel.analysis.discussion import MIN_EFFECTIVE_N
from ledenpanel.analysis.intervals import Z95

MAX_OUTCOMES = 5
MIN_OUTCOMES = 3

# The Dutch sentence of each code; report/locale holds the other languages.
TEXTS = {
    "agree": (
        "{agree} van de leden met een mening is het eens met “{question_label}”, "
        "{disagree} is het oneens."
    ),
    "choice": "Bij “{question_label}” werd “{option_label}” het vaakst gekozen ({share}).",
    "multiple": (
        "Bij “{question_label}” werd “{option_label}” het vaakst aangekruist, door {share} "
        "van de leden."
    ),
    "rating": "“{question_label}” kreeg gemiddeld een {mean}.",
}
PERCENT_PARAMS = ("agree", "disagree", "share")


def _share(entry: dict[str, Any]) -> float | None:
    value = entry.get("weighted_share")
    return entry.get("share") if value is None else value


def _dutch_text(code: str, params: dict[str, Any]) -> str:
    values = dict(params)
    for key in PERCENT_PARAMS:
        if values.get(key) is not None:
            values[key] = f"{round(values[key] * 100)} %"
    if values.get("mean") is not None:
        values["mean"] = f"{values['mean']:.1f}".replace(".", ",")
    return TEXTS[code].format(**values)


def _leading(question: dict[str, Any]) -> tuple[dict[str, Any], float] | None:
    """The most chosen option (no 'weet niet') and its lead over the next."""
    ranked = sorted(
        (
            (share, option)
            for option in question.get("options") or []
            if not option.get("dont_know") and (share := _share(option)) is not None
        ),
        key=lambda pair: pair[0],
        reverse=True,
    )
    if not ranked or ranked[0][0] <= 0:
        return None
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    return ranked[0][1], ranked[0][0] - runner_up


def _headline(question: dict[str, Any]) -> tuple[dict[str, Any], float | None] | None:
    """One question's headline and its clarity (None: a filler only)."""
    if question.get("unreliable") or question.get("suppressed"):
        return None
    label = question.get("label") or question.get("name")
    base = {"question": question.get("name"), "question_label": label}
    kind, scale = question.get("type"), question.get("scale")
    if kind == "select_one" and scale == "agree":
        agree, disagree = question.get("agree"), question.get("disagree")
        effective_n = question.get("effective_n_opinion") or 0
        if not isinstance(agree, dict) or not isinstance(disagree, dict):
            return None
        if effective_n < MIN_EFFECTIVE_N:
            return None
        shares = _share(agree), _share(disagree)
        if None in shares:
            return None
        params = {**base, "agree": shares[0], "disagree": shares[1]}
        return _outcome("agree", params, question), abs(shares[0] - shares[1])
    if (question.get("effective_n") or 0) < MIN_EFFECTIVE_N:
        return None
    if kind == "select_one" and scale == "rating":
        mean = question.get("mean") or {}
        value = mean.get("weighted_mean", mean.get("mean"))
        if value is None:
            return None
        return _outcome("rating", {**base, "mean": value}, question), None
    if kind in ("select_one", "select_multiple") and scale in (None, "nominal"):
        leading = _leading(question)
        if leading is None:
            return None
        option, lead = leading
        code = "choice" if kind == "select_one" else "multiple"
        params = {
            **base,
            "option": option.get("name"),
            "option_label": option.get("label") or option.get("name"),
            "share": _share(option),
        }
        return _outcome(code, params, question), lead
    return None


def _outcome(code: str, params: dict[str, Any], question: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": code,
        "params": params,
        "weighted": any(
            isinstance(entry, dict) and entry.get("weighted_share") is not None
            for entry in (question.get("agree"), *(question.get("options") or []))
        ),
        "text": _dutch_text(code, params),
    }


def main_outcomes(questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The clearest headlines, at most ``MAX_OUTCOMES``, in questionnaire order."""
    found = [
        (position, headline)
        for position, question in enumerate(questions)
        if (headline := _headline(question)) is not None
    ]
    clear = sorted(
        (item for item in found if item[1][1] is not None),
        key=lambda item: item[1][1],
        reverse=True,
    )[:MAX_OUTCOMES]
    fillers = [item for item in found if item[1][1] is None]
    chosen = clear + fillers[: max(0, MIN_OUTCOMES - len(clear))]
    return [
        {**outcome, "clarity": None if clarity is None else round(clarity, 4)}
        for _, (outcome, clarity) in sorted(chosen, key=lambda item: item[0])
    ]


def margin_of_error(*, n: int, effective_n: float, population_size: float | None) -> float | None:
    """The 95 % half-width of a 50 % share at the panel's effective n (with FPC)."""
    if n <= 0 or effective_n <= 0:
        return None
    correction = 1.0
    if population_size and population_size > 1 and n <= population_size:
        correction = math.sqrt((population_size - n) / (population_size - 1))
    return Z95 * math.sqrt(0.25 / effective_n) * correction


def summarise(result: dict[str, Any]) -> dict[str, Any]:
    """The ``summary`` block of a result whose questions are done."""
    n = int(result.get("n_responses") or 0)
    weighting = result.get("weighting") or {}
    effective_n = float(weighting.get("effective_n") or n)
    margin = margin_of_error(
        n=n, effective_n=effective_n, population_size=result.get("population_size")
    )
    return {
        "main_outcomes": main_outcomes(list(result.get("questions") or [])),
        "margin_of_error": None if margin is None else round(margin, 4),
        "effective_n": round(effective_n, 1),
    }
