"""Crosstabs by background variable, with design-based tests and small groups hidden.

For each background variable (age band, gender, region, membership length,
…) and each single-choice question: the answer distribution per group, a
Rao–Scott test of independence (design-based, from
:mod:`ledenpanel.analysis.design`), Benjamini–Hochberg control over all tests
of the panel, and Cramér's V as the effect size. The notable differences are
the tests that pass the false-discovery control, listed by effect size.

Disclosure (``analysis.disclosure``), the same in every table:

- which groups of a variable are shown is decided once, from the group sizes
  (primary: fewer than k respondents; secondary: the hidden ones together
  hold at least k and are never a single group), so all tables of a variable
  hide the same groups and no table can be subtracted from another;
- within a table a group is also hidden when fewer than k answered the
  question or its distribution is disclosive (one answer takes all, or all
  but fewer than 3), followed by secondary suppression in that table;
- respondents whose value is unknown form their own group, "onbekend", under
  the same rules, so the shown groups never add up to the total by omission.

Tests run on the shown groups only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from ledenpanel.analysis.data import SELECT_ONE, Form, Question, Responses
from ledenpanel.analysis.design import benjamini_hochberg
from ledenpanel.analysis.disclosure import distribution_is_disclosive, suppress_siblings

UNKNOWN = "_onbekend"
UNKNOWN_LABEL = "onbekend"
FDR = 0.05  # Benjamini–Hochberg level for "notable"
MIN_EFFECT = 0.10  # Cramér's V below this is not worth a discussion point


class TestingDesign(Protocol):
    def shares_by(
        self,
        categories: Sequence[str | None],
        groups: Sequence[str | None],
        *,
        options: Sequence[str],
    ) -> Mapping[str, Mapping[str, float]]: ...

    def rao_scott(
        self, row: Sequence[str | None], column: Sequence[str | None]
    ) -> Mapping[str, float]: ...


def _round(value: float | None, digits: int = 4) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), digits)


def _coded(values: Sequence[str | None]) -> list[str]:
    return [UNKNOWN if value is None else value for value in values]


def shown_groups(values: Sequence[str | None], *, k: int) -> dict[str, dict[str, Any]]:
    """Each group of one variable with its size, or hidden (``n`` None)."""
    counts: dict[str, int] = {}
    for value in _coded(values):
        counts[value] = counts.get(value, 0) + 1
    return {
        name: {"n": shown.count, "suppressed": shown.suppressed}
        for name, shown in suppress_siblings(counts, k=k).items()
    }


def cramers_v(table: Sequence[Sequence[float]]) -> float | None:
    """Cramér's V of a contingency table (rows: groups, columns: answers)."""
    rows = [row for row in table if sum(row) > 0]
    if len(rows) < 2:
        return None
    columns = [sum(column) for column in zip(*rows, strict=True)]
    kept = [index for index, total in enumerate(columns) if total > 0]
    if len(kept) < 2:
        return None
    total = sum(columns)
    chi2 = 0.0
    for row in rows:
        row_total = sum(row)
        for index in kept:
            expected = row_total * columns[index] / total
            chi2 += (row[index] - expected) ** 2 / expected
    return math.sqrt(chi2 / (total * (min(len(rows), len(kept)) - 1)))


class Crosstabs:
    def __init__(
        self,
        form: Form,
        responses: Responses,
        *,
        by: Sequence[str],
        design: TestingDesign,
        k: int,
        labels: Mapping[str, str] | None = None,
    ) -> None:
        self.form = form
        self.responses = responses
        self.by = list(by)
        self.design = design
        self.k = k
        self.labels = labels or {}
        self.variables: list[dict[str, Any]] = []

    def prepare(self) -> list[dict[str, Any]]:
        """Every table with its shares; the tests wait in ``pairs``/``finish``."""
        self.variables = []
        tables: list[dict[str, Any]] = []
        for variable in self.by:
            coded = _coded(self.responses.background[variable])
            groups = shown_groups(self.responses.background[variable], k=self.k)
            self.variables.append(
                {
                    "name": variable,
                    "label": self.labels.get(variable, variable),
                    "groups": [
                        {"name": name, "label": _label(name), **figures}
                        for name, figures in sorted(groups.items())
                    ],
                }
            )
            hidden = {name for name, figures in groups.items() if figures["suppressed"]}
            for question in self.form.questions:
                if question.type == SELECT_ONE and question.choices:
                    tables.append(self._table(question, variable, coded, hidden))
        return tables

    @staticmethod
    def pairs(tables: list[dict[str, Any]]) -> list[tuple[list, list]]:
        """The (group, answer) columns of each table to be tested, in order."""
        return [table["test"]["_pair"] for table in tables if table["test"] is not None]

    def finish(
        self, tables: list[dict[str, Any]], results: Sequence[Mapping[str, float]]
    ) -> dict[str, Any]:
        """Fill in the tests' results, control the false discovery rate, list the notable."""
        pending = [table for table in tables if table["test"] is not None]
        for table, result in zip(pending, results, strict=True):
            table["test"].pop("_pair")
            p_value = _round(result["p"], 6)
            if p_value is None:  # untestable: fewer than two values on a side
                table["test"] = None
                continue
            table["test"] = {
                "F": _round(result["F"]),
                "ndf": _round(result["ndf"]),
                "ddf": _round(result["ddf"]),
                "p": p_value,
                **table["test"],
            }
        tested = [table for table in tables if table["test"] is not None]
        adjusted = benjamini_hochberg([table["test"]["p"] for table in tested])
        for table, p_adjusted in zip(tested, adjusted, strict=True):
            table["test"]["p_adjusted"] = _round(p_adjusted, 6)
        return {
            "variables": self.variables,
            "tables": tables,
            "notable": _notable(tested),
            "fdr": FDR,
        }

    def _table(
        self, question: Question, variable: str, coded: list[str], hidden: set[str]
    ) -> dict[str, Any]:
        answers = self.responses.answers[question.name]
        names = [choice.name for choice in question.choices]
        counts: dict[str, dict[str, int]] = {}
        for group, answer in zip(coded, answers, strict=True):
            if answer is not None:
                counts.setdefault(group, dict.fromkeys(names, 0))[answer] += 1
        sizes = {group: sum(row.values()) for group, row in counts.items()}
        also_hide = set(hidden) | {
            group for group, row in counts.items() if distribution_is_disclosive(row)
        }
        shown = _shown_in_table(counts, sizes, k=self.k, also_hide=also_hide)
        weighted_shares = self.design.shares_by(
            answers, [group if group in shown else None for group in coded], options=names
        )
        rows = []
        for group in sorted(set(coded)):
            if group not in shown:
                rows.append({"group": group, "label": _label(group), "n": None, "suppressed": True})
                continue
            weighted = weighted_shares[group]
            rows.append(
                {
                    "group": group,
                    "label": _label(group),
                    "n": sizes[group],
                    "suppressed": False,
                    "options": [
                        {
                            "name": name,
                            "count": counts[group][name],
                            "share": _round(counts[group][name] / sizes[group]),
                            "weighted_share": _round(weighted[name]),
                        }
                        for name in names
                    ],
                }
            )
        return {
            "question": question.name,
            "by": variable,
            "groups": rows,
            "test": self._prepare_test(coded, answers, shown, rows),
        }

    def _prepare_test(
        self,
        coded: list[str],
        answers: Sequence[str | None],
        shown: set[str],
        rows: list[dict[str, Any]],
    ) -> dict[str, Any] | None:
        """The effect size and the test's input; the test itself runs in the batch."""
        shown_rows = [row for row in rows if not row["suppressed"]]
        if len(shown_rows) < 2:
            return None
        # Cramér's V on the weighted table, scaled to the respondents who count.
        table = [
            [option["weighted_share"] * row["n"] for option in row["options"]] for row in shown_rows
        ]
        effect = cramers_v(table)
        if effect is None:
            return None
        row_values = [
            g if g in shown and a is not None else None for g, a in zip(coded, answers, strict=True)
        ]
        overall = _shares_of(shown_rows)
        _size, row, option = max(
            (
                (abs(option["weighted_share"] - overall[option["name"]]), row, option)
                for row in shown_rows
                for option in row["options"]
            ),
            key=lambda item: item[0],
        )
        return {
            "_pair": (row_values, list(answers)),
            "cramers_v": _round(effect),
            "largest_difference": {
                "group": row["group"],
                "option": option["name"],
                "group_share": option["weighted_share"],
                "overall_share": _round(overall[option["name"]]),
            },
        }


def _shown_in_table(
    counts: dict[str, dict[str, int]], sizes: dict[str, int], *, k: int, also_hide: set[str]
) -> set[str]:
    """The groups a table may show.

    Sibling suppression keeps the hidden groups together at k or more; the
    question's whole-panel distribution minus the shown groups is then their
    *combined* distribution, which must not be disclosive either: if it is,
    the next smallest group is hidden too.
    """
    hidden = set(also_hide)
    while True:
        shown = {
            group
            for group, figures in suppress_siblings(sizes, k=k, also_hide=hidden).items()
            if not figures.suppressed
        }
        rest: dict[str, int] = {}
        for group, row in counts.items():
            if group not in shown:
                for option, count in row.items():
                    rest[option] = rest.get(option, 0) + count
        if not shown or not distribution_is_disclosive(rest):
            return shown
        hidden.add(min(shown, key=lambda group: (sizes[group], group)))


def _shares_of(rows: list[dict[str, Any]]) -> dict[str, float]:
    """The weighted share of each option over the shown groups together."""
    total = sum(row["n"] for row in rows)
    shares: dict[str, float] = {}
    for row in rows:
        for option in row["options"]:
            shares[option["name"]] = (
                shares.get(option["name"], 0.0) + option["weighted_share"] * row["n"] / total
            )
    return shares


def _label(group: str) -> str:
    return UNKNOWN_LABEL if group == UNKNOWN else group


def _notable(tested: list[dict[str, Any]]) -> list[dict[str, Any]]:
    notable = [
        {
            "question": table["question"],
            "by": table["by"],
            "cramers_v": table["test"]["cramers_v"],
            "p_adjusted": table["test"]["p_adjusted"],
            "largest_difference": table["test"]["largest_difference"],
        }
        for table in tested
        if table["test"]["p_adjusted"] is not None
        and table["test"]["p_adjusted"] < FDR
        and (table["test"]["cramers_v"] or 0) >= MIN_EFFECT
    ]
    return sorted(notable, key=lambda item: -item["cramers_v"])


def crosstabs(
    form: Form,
    responses: Responses,
    *,
    by: Sequence[str],
    design: TestingDesign,
    k: int,
    labels: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """All crosstabs with their tests, in this process (the engine spreads the tests)."""
    crosstab = Crosstabs(form, responses, by=by, design=design, k=k, labels=labels)
    tables = crosstab.prepare()
    results = [design.rao_scott(rows, columns) for rows, columns in crosstab.pairs(tables)]
    return crosstab.finish(tables, results)
