"""Per question: counts, shares, means and their intervals for the whole panel.

Every share is a proportion in [0, 1] of the question's valid answers
(``n_valid``; for select_multiple: of the respondents who answered it).
``ci_low``/``ci_high`` are always the unweighted 95 % Wilson interval (means:
Student's t); with weighting, ``weighted_*`` come from the calibrated design
(Taylor linearisation, finite population correction).

No interval reaches outside what the quantity can be: shares stay in [0, 1],
the mean of a scale within its lowest and highest score, a mean rank within
1 and the number of options, points within 0 and the total, and a number
that no respondent gave below 0 (an amount, a count) is not given an
interval below 0.

"Weet niet" choices are counted and shown like any option but left out of
means and top-2-box. Figures for the whole panel are never suppressed (a
panel below k gets no results at all); an estimate is marked ``unreliable``
when its effective n is below 30 or, for a share, its interval is wider than
30 points.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from ledenpanel.analysis.data import (
    POINTS,
    RANK,
    SELECT_MULTIPLE,
    SELECT_ONE,
    Question,
    Scale,
)
from ledenpanel.analysis.intervals import mean_interval, wilson

MIN_EFFECTIVE_N = 30
MAX_INTERVAL_WIDTH = 0.30


class WeightedEstimate(Protocol):
    value: float
    ci_low: float
    ci_high: float


class WeightedDesign(Protocol):
    """What the per-question figures need from a calibrated design."""

    weights: np.ndarray

    def proportions(
        self, categories: Sequence[str | None], *, options: Sequence[str]
    ) -> dict[str, WeightedEstimate]: ...

    def indicator_share(self, selected: Sequence[bool | None]) -> WeightedEstimate: ...

    def mean(self, values: Sequence[float | None]) -> WeightedEstimate: ...


def _round(value: float | None, digits: int = 4) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), digits)


Bounds = tuple[float | None, float | None]


def _clip(value: float | None, bounds: Bounds) -> float | None:
    if value is None:
        return None
    low, high = bounds
    if low is not None and value < low:
        return low
    if high is not None and value > high:
        return high
    return value


def effective_n(weights: np.ndarray) -> float:
    """Kish's effective sample size of a set of weights."""
    total = float(weights.sum())
    squares = float((weights * weights).sum())
    return total * total / squares if squares else 0.0


class QuestionSummary:
    """Computes one question's figures; ``design`` is None without weighting."""

    def __init__(
        self, question: Question, values: Sequence[Any], design: WeightedDesign | None
    ) -> None:
        self.question = question
        self.values = list(values)
        self.design = design
        self.valid = np.array([value is not None for value in self.values], dtype=bool)
        self.n_valid = int(self.valid.sum())
        if design is not None:
            self.effective_n = effective_n(design.weights[self.valid])
        else:
            self.effective_n = float(self.n_valid)

    # -- the pieces -----------------------------------------------------------

    def _share(self, count: int, n: int) -> dict[str, Any]:
        interval = wilson(count, n)
        return {
            "count": count,
            "share": _round(count / n) if n else None,
            "ci_low": _round(interval.low),
            "ci_high": _round(interval.high),
        }

    @staticmethod
    def _add_weighted(
        entry: dict[str, Any],
        estimate: WeightedEstimate,
        key: str,
        bounds: Bounds = (0.0, 1.0),
    ) -> None:
        """The weighted estimate and its interval, kept within ``bounds`` (a share: 0–1)."""
        entry[key] = _clip(_round(estimate.value), bounds)
        entry["weighted_ci_low"] = _clip(_round(estimate.ci_low), bounds)
        entry["weighted_ci_high"] = _clip(_round(estimate.ci_high), bounds)

    def _unreliable_share(self, entry: dict[str, Any]) -> bool:
        if self.effective_n < MIN_EFFECTIVE_N:
            return True
        for low, high in (("ci_low", "ci_high"), ("weighted_ci_low", "weighted_ci_high")):
            if entry.get(low) is not None and entry[high] - entry[low] > MAX_INTERVAL_WIDTH:
                return True
        return False

    # -- by type --------------------------------------------------------------

    def summary(self) -> dict[str, Any]:
        question = self.question
        result: dict[str, Any] = {
            "name": question.name,
            "type": question.type,
            "label": question.label,
            "n_valid": self.n_valid,
            "effective_n": _round(self.effective_n, 1),
            "unreliable": self.effective_n < MIN_EFFECTIVE_N,
        }
        if question.type == SELECT_ONE:
            result.update(self._select_one())
        elif question.type == SELECT_MULTIPLE:
            result.update(self._select_multiple())
        elif question.type == RANK:
            result.update(self._rank())
        elif question.type == POINTS:
            result.update(self._points())
        elif question.is_numeric:
            result.update(self._numeric())
        return result

    def _select_one(self) -> dict[str, Any]:
        question = self.question
        names = [choice.name for choice in question.choices]
        counts = dict.fromkeys(names, 0)
        for value in self.values:
            if value is not None:
                counts[value] += 1
        weighted = (
            self.design.proportions(self.values, options=names) if self.design is not None else {}
        )
        options = []
        for choice in question.choices:
            entry = {"name": choice.name, "label": choice.label, "dont_know": choice.dont_know}
            entry.update(self._share(counts[choice.name], self.n_valid))
            if choice.name in weighted:
                self._add_weighted(entry, weighted[choice.name], "weighted_share")
            entry["unreliable"] = self._unreliable_share(entry)
            options.append(entry)
        result: dict[str, Any] = {"scale": question.scale.value or None, "options": options}
        if question.scale != Scale.NOMINAL:
            result.update(self._scale_figures())
        return result

    def _scale_scores(self) -> list[float | None]:
        """Each answer's score on the scale; None for missing and "weet niet"."""
        question = self.question
        opinion = question.opinion_choices
        if question.scale == Scale.RATING:
            score = {choice.name: float(choice.name) for choice in opinion}
        else:
            score = {choice.name: float(position) for position, choice in enumerate(opinion, 1)}
        return [score.get(value) if value is not None else None for value in self.values]

    def _scale_figures(self) -> dict[str, Any]:
        scores = self._scale_scores()
        opinion = self.question.opinion_choices
        # Top-2-box on scales of five points or more; on a shorter scale the
        # second box would be the middle, so only the top one counts.
        top_two = {choice.name for choice in opinion[-2 if len(opinion) >= 5 else -1 :]}
        opinions = [value for value, s in zip(self.values, scores, strict=True) if s is not None]
        result: dict[str, Any] = {"n_opinion": len(opinions)}
        # The mean stays within the scale's lowest and highest score.
        bounds: Bounds = (1.0, float(len(opinion))) if opinion else (None, None)
        if self.question.scale == Scale.RATING and opinion:
            numbers = [float(choice.name) for choice in opinion]
            bounds = (min(numbers), max(numbers))
        result["mean"] = self._mean_block(
            np.array([np.nan if s is None else s for s in scores]), bounds
        )
        top = self._share(sum(value in top_two for value in opinions), len(opinions))
        top["options"] = sorted(top_two)
        if self.design is not None:
            flags = [
                None if s is None else (v in top_two)
                for v, s in zip(self.values, scores, strict=True)
            ]
            self._add_weighted(top, self.design.indicator_share(flags), "weighted_share")
        top["unreliable"] = self._unreliable_share(top)
        result["top2"] = top
        if self.question.scale == Scale.AGREE and len(opinion) >= 3:
            result.update(self._agree_disagree(scores, top))
        return result

    def _agree_disagree(self, scores: list[float | None], top: dict[str, Any]) -> dict[str, Any]:
        """A statement's agree and disagree sides among the answers with an opinion.

        With ``h = ⌊m/2⌋`` of the ``m`` opinion choices, *disagree* is the lowest
        ``h`` and *agree* the highest ``h``; an odd scale's middle is neutral and
        stays in the denominator. Each side has its Wilson (and weighted)
        interval: the drafted discussion points need them. ``effective_n_opinion``
        is Kish's effective n of the respondents with an opinion.
        """
        opinion = self.question.opinion_choices
        half = len(opinion) // 2
        has_opinion = np.array([s is not None for s in scores], dtype=bool)
        result: dict[str, Any] = {
            "effective_n_opinion": _round(
                effective_n(self.design.weights[has_opinion])
                if self.design is not None
                else float(has_opinion.sum()),
                1,
            )
        }
        n_opinion = int(has_opinion.sum())
        for side, chosen in (
            ("disagree", opinion[:half]),
            ("agree", opinion[len(opinion) - half :]),
        ):
            names = {choice.name for choice in chosen}
            if side == "agree" and names == set(top["options"]):
                entry = {key: value for key, value in top.items() if key != "unreliable"}
            else:
                flags = [
                    None if s is None else (v in names)
                    for v, s in zip(self.values, scores, strict=True)
                ]
                entry = self._share(sum(flag is True for flag in flags), n_opinion)
                entry["options"] = sorted(names)
                if self.design is not None:
                    self._add_weighted(entry, self.design.indicator_share(flags), "weighted_share")
            result[side] = entry
        return result

    def _mean_block(
        self, values: np.ndarray, bounds: Bounds = (None, None)
    ) -> dict[str, Any] | None:
        """Mean, sd and t interval (and the weighted ones), intervals within ``bounds``."""
        summary = mean_interval(values)
        if summary is None:
            return None
        block: dict[str, Any] = {
            "n": summary.n,
            "mean": _round(summary.mean),
            "sd": _round(summary.sd),
            "ci_low": _clip(_round(summary.interval.low), bounds),
            "ci_high": _clip(_round(summary.interval.high), bounds),
        }
        if self.design is not None:
            estimate = self.design.mean(values)  # NaN: no value
            self._add_weighted(block, estimate, "weighted_mean", bounds)
        return block

    def _select_multiple(self) -> dict[str, Any]:
        options = []
        for choice in self.question.choices:
            flags = [None if value is None else choice.name in value for value in self.values]
            entry = {"name": choice.name, "label": choice.label, "dont_know": choice.dont_know}
            entry.update(self._share(sum(flag is True for flag in flags), self.n_valid))
            if self.design is not None:
                self._add_weighted(entry, self.design.indicator_share(flags), "weighted_share")
            entry["unreliable"] = self._unreliable_share(entry)
            options.append(entry)
        return {"options": options}

    def _rank(self) -> dict[str, Any]:
        """Mean rank over those who ranked the option; share ranked first of all who answered."""
        options = []
        for choice in self.question.choices:
            ranks = np.array(
                [
                    value.index(choice.name) + 1 if value and choice.name in value else np.nan
                    for value in self.values
                ],
                dtype=float,
            )
            firsts = [None if not value else value[0] == choice.name for value in self.values]
            entry: dict[str, Any] = {"name": choice.name, "label": choice.label}
            mean = self._mean_block(ranks, (1.0, float(len(self.question.choices))))
            entry["mean_rank"] = mean["mean"] if mean else None
            entry["mean_rank_ci_low"] = mean["ci_low"] if mean else None
            entry["mean_rank_ci_high"] = mean["ci_high"] if mean else None
            if mean and "weighted_mean" in mean:
                entry["weighted_mean_rank"] = mean["weighted_mean"]
            first = self._share(sum(flag is True for flag in firsts), self.n_valid)
            entry["share_first"] = first["share"]
            entry["share_first_ci_low"] = first["ci_low"]
            entry["share_first_ci_high"] = first["ci_high"]
            entry["count_first"] = first["count"]
            if self.design is not None:
                entry["weighted_share_first"] = _round(self.design.indicator_share(firsts).value)
            entry["unreliable"] = self._unreliable_share(
                {"ci_low": first["ci_low"], "ci_high": first["ci_high"]}
            )
            options.append(entry)
        return {"options": options}

    def _points(self) -> dict[str, Any]:
        parts = []
        for choice in self.question.choices:
            points = np.array(
                [
                    np.nan
                    if value is None or value.get(choice.name) is None
                    else value[choice.name]
                    for value in self.values
                ],
                dtype=float,
            )
            entry: dict[str, Any] = {"name": choice.name, "label": choice.label}
            block = self._mean_block(points, (0.0, self.question.points_total)) or {}
            entry.update({key: block.get(key) for key in ("mean", "ci_low", "ci_high")})
            for key in ("weighted_mean", "weighted_ci_low", "weighted_ci_high"):
                if key in block:
                    entry[key] = block[key]
            parts.append(entry)
        return {"total": self.question.points_total, "options": parts}

    def _numeric(self) -> dict[str, Any]:
        values = np.array([np.nan if v is None else float(v) for v in self.values], dtype=float)
        finite = values[np.isfinite(values)]
        # Nobody gave a negative number: an amount or a count, never below 0.
        nonnegative = bool(finite.size) and float(finite.min()) >= 0
        bounds: Bounds = (0.0, None) if nonnegative else (None, None)
        block = self._mean_block(values, bounds)
        result: dict[str, Any] = {
            "mean": None,
            "ci_low": None,
            "ci_high": None,
            "nonnegative": nonnegative,
        }
        if block:
            result.update({key: value for key, value in block.items() if key != "n"})
            # Quartiles, not minimum and maximum: an extreme is one member's answer.
            q1, median, q3 = np.percentile(finite, [25, 50, 75])
            result.update({"q1": _round(q1), "median": _round(median), "q3": _round(q3)})
        return result


def summarise_question(
    question: Question, values: Sequence[Any], design: WeightedDesign | None = None
) -> dict[str, Any]:
    return QuestionSummary(question, values, design).summary()
