"""Crosstabs by background variable, with design-based tests and small groups hidden.

For each background variable (age band, gender, region, membership length,
…) and each single-choice question: the answer distribution per group, a
Rao–Scott test of independence (design-based, from
:mod:`ledenpanel.analysis.design`), Benjamini–Hochberg control over all tests
of the panel, and the bias-corrected Cramér's V (Bergsma 2013) as the effect
size. The notable differences are the tests that pass the false-discovery
control, with a V of at least 0.10 and no expected count under 5 (answer
options are merged first, see :func:`merge_for_expected`), listed by V.

Disclosure (``analysis.disclosure``, ``analysis.nesting``), the same in every
table:

- the crosstab variables are first coded together (``nesting.code_jointly``):
  every combination of their coded values holds at least k respondents, so
  no sum or difference of shown figures, across any tables, is a group of
  fewer than k; a variable coarsened to one value is dropped;
- which groups of a variable are shown is decided once, from the group sizes
  (primary: fewer than k respondents; secondary: the hidden ones together
  hold at least k and are never a single group), so all tables of a variable
  hide the same groups;
- within a table a group is also hidden when fewer than k answered the
  question or its distribution is disclosive (one answer takes all, or all
  but fewer than 3), followed by secondary suppression in that table; then,
  across the question's tables, more groups are hidden until no hidden group
  is a sum or difference of shown ones (``nesting.recoverable``: an area
  minus its shown neighbourhoods);
- respondents whose value is unknown form their own group, "onbekend", under
  the same rules, so the shown groups never add up to the total by omission.

Tests and effect sizes use the shown groups only: a group hidden for its
size or its (nearly) unanimous answers never selects a difference.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from typing import Any, Protocol

import numpy as np

from ledenpanel.analysis.data import SELECT_ONE, Form, Question, Responses
from ledenpanel.analysis.design import benjamini_hochberg
from ledenpanel.analysis.disclosure import distribution_is_disclosive, suppress_siblings
from ledenpanel.analysis.intervals import wilson
from ledenpanel.analysis.nesting import UNKNOWN, Atoms, code_jointly, nested_in, recoverable
from ledenpanel.analysis.ordering import band_key

UNKNOWN_LABEL = "onbekend"
FDR = 0.05  # Benjamini–Hochberg level for "notable"
MIN_EFFECT = 0.10  # bias-corrected Cramér's V below this is not worth a discussion point
MIN_EXPECTED = 5.0  # no expected cell count below this in a notable table


class TestingDesign(Protocol):
    @property
    def weights(self) -> np.ndarray: ...

    def rao_scott_coded(self, rows: np.ndarray, columns: np.ndarray) -> Mapping[str, float]: ...


def _round(value: float | None, digits: int = 4) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), digits)


def _coded(values: Sequence[str | None]) -> list[str]:
    return [UNKNOWN if value is None else value for value in values]


def shown_groups(
    values: Sequence[str | None], *, k: int, also_hide: Collection[str] = ()
) -> dict[str, dict[str, Any]]:
    """Each group of one variable with its size, or hidden (``n`` None)."""
    counts: dict[str, int] = {}
    for value in _coded(values):
        counts[value] = counts.get(value, 0) + 1
    return {
        name: {"n": shown.count, "suppressed": shown.suppressed}
        for name, shown in suppress_siblings(counts, k=k, also_hide=also_hide).items()
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


def _chi2(table: np.ndarray) -> tuple[float, np.ndarray]:
    """Pearson's χ² and the expected counts of a table without empty rows or columns."""
    total = table.sum()
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / total
    return float(((table - expected) ** 2 / expected).sum()), expected


def _nonempty(table: Sequence[Sequence[float]]) -> np.ndarray:
    array = np.asarray(table, dtype=float)
    if array.ndim != 2 or array.size == 0:
        return np.zeros((0, 0))
    array = array[array.sum(axis=1) > 0]
    return array[:, array.sum(axis=0) > 0] if array.size else np.zeros((0, 0))


def cramers_v_corrected(table: Sequence[Sequence[float]]) -> float | None:
    """Bergsma's (2013) bias-corrected Cramér's V; empty rows and columns dropped.

    φ̃² = max(0, φ² − (c−1)(r−1)/(n−1)), c̃ = c − (c−1)²/(n−1), r̃ likewise,
    Ṽ = sqrt(φ̃² / min(c̃−1, r̃−1)). Plain V grows with the number of cells
    even when nothing differs; Ṽ is about 0 then.
    """
    array = _nonempty(table)
    if array.shape[0] < 2 or array.shape[1] < 2:
        return None
    n = float(array.sum())
    if n <= 1:
        return None
    rows, columns = array.shape
    chi2, _expected = _chi2(array)
    phi2 = max(0.0, chi2 / n - (columns - 1) * (rows - 1) / (n - 1))
    columns_corrected = columns - (columns - 1) ** 2 / (n - 1)
    rows_corrected = rows - (rows - 1) ** 2 / (n - 1)
    denominator = min(columns_corrected - 1, rows_corrected - 1)
    if denominator <= 0:
        return None
    return math.sqrt(phi2 / denominator)


def merge_for_expected(
    table: Sequence[Sequence[float]], *, min_expected: float = MIN_EXPECTED
) -> tuple[list[list[int]], float]:
    """Answer options merged until no expected count is under ``min_expected``.

    ``table``: rows are the shown groups, columns the options in form order
    (scale order for scales). Options nobody chose are left out. While an
    expected count is under the minimum and more than two options are left,
    the option with the fewest answers merges with its neighbour (in form
    order) that has fewer answers. Returns the merged columns (lists of
    column indices) and the smallest expected count left: when that is still
    under the minimum (a small group), the table is not used to select
    notable differences.
    """
    array = np.asarray(table, dtype=float)
    array = array[array.sum(axis=1) > 0]
    columns = [[index] for index in range(array.shape[1]) if array[:, index].sum() > 0]
    if len(array) < 2 or len(columns) < 2:
        return columns, 0.0
    while True:
        merged = np.stack([array[:, group].sum(axis=1) for group in columns], axis=1)
        _chi, expected = _chi2(merged)
        smallest = float(expected.min())
        if smallest >= min_expected or len(columns) <= 2:
            return columns, smallest
        totals = merged.sum(axis=0)
        i = int(np.argmin(totals))
        if i == len(columns) - 1 or (i > 0 and totals[i - 1] <= totals[i + 1]):
            i -= 1
        columns[i : i + 2] = [columns[i] + columns[i + 1]]


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
        hidden: Mapping[str, Collection[str]] | None = None,
    ) -> None:
        self.form = form
        self.responses = responses
        self.by = list(by)
        self.design = design
        self.k = k
        self.labels = labels or {}
        # Categories another table of the report hides (who took part, per category):
        # their groups are hidden here too, or n per group would give them away.
        self.hidden = hidden or {}
        self.variables: list[dict[str, Any]] = []
        # Per variable and group, Kish's weighting effect of the group's weights.
        self._weighting_effects: dict[str, dict[str, float]] = {}

    def prepare(self) -> list[dict[str, Any]]:
        """Every table with its shares; the tests wait in ``pairs``/``finish``."""
        background = self.responses.background
        coding = code_jointly(background, self.by, k=self.k)
        nested = nested_in(background, self.by)
        self.variables = []
        coded_by: dict[str, list[str]] = {}
        hidden_by: dict[str, set[str]] = {}
        for variable in self.by:
            entry: dict[str, Any] = {
                "name": variable,
                "label": self.labels.get(variable, variable),
                "dropped": variable in coding.dropped,
                "merged": coding.merged[variable],
            }
            if variable in nested:
                entry["nested_in"] = nested[variable]
            self.variables.append(entry)
            if entry["dropped"]:
                entry["groups"] = []
                continue
            coded = coding.apply(variable, background[variable])
            mapping = coding.variables[variable]
            also_hide = {mapping[c] for c in self.hidden.get(variable, ()) if c in mapping}
            groups = shown_groups(coded, k=self.k, also_hide=also_hide)
            entry["groups"] = [
                {"name": name, "label": _label(name), **figures}
                for name, figures in sorted(groups.items(), key=lambda item: band_key(item[0]))
            ]
            coded_by[variable] = coded
            hidden_by[variable] = {name for name, f in groups.items() if f["suppressed"]}
        atoms = Atoms(coded_by)
        groups_by = {variable: _Coding.of(coded) for variable, coded in coded_by.items()}
        self._weighting_effects = {
            variable: _weighting_effects(groups, self.design.weights)
            for variable, groups in groups_by.items()
        }
        questions = [q for q in self.form.questions if q.type == SELECT_ONE and q.choices]
        if not coded_by:
            questions = []
        tables: dict[tuple[str, str], dict[str, Any]] = {}
        for question in questions:
            answers = self.responses.answers[question.name]
            names = [choice.name for choice in question.choices]
            answer_codes = _answer_codes(answers, names)
            panel = _weighted_shares(
                self.design.weights, _Coding.of(["panel"] * len(answers)), answer_codes, names
            )
            # One pass per variable over the coded answers, not one per group.
            counts = {
                variable: _counts(groups, answer_codes, names)
                for variable, groups in groups_by.items()
            }
            shown = _shown_across(counts, hidden_by, atoms, k=self.k)
            for variable, coded in coded_by.items():
                tables[(variable, question.name)] = self._table(
                    question,
                    variable,
                    (coded, groups_by[variable], answer_codes),
                    counts[variable],
                    shown[variable],
                    panel,
                )
        return [
            tables[(variable, question.name)] for variable in coded_by for question in questions
        ]

    @staticmethod
    def pairs(tables: list[dict[str, Any]]) -> list[tuple[np.ndarray, np.ndarray]]:
        """The (group, answer) columns of each table to be tested, coded, in order."""
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
        notable = _notable(tested)
        by_key = {(table["question"], table["by"]): table for table in tested}
        for item in notable:
            item["dots"] = self._dots(by_key[(item["question"], item["by"])], item)
        return {
            "variables": self.variables,
            "tables": tables,
            "notable": notable,
            "fdr": FDR,
            "min_expected": MIN_EXPECTED,
        }

    def _dots(self, table: dict[str, Any], item: dict[str, Any]) -> list[dict[str, Any]]:
        """A notable difference's option in every shown group, with its 95 % interval.

        The interval is Wilson's on the group's effective n (its n over the
        Kish weighting effect of its weights): the design-based interval per
        group for one option, at a fraction of the cost, and the same
        approximation ``discussion`` uses where no design is at hand.
        """
        option = item["largest_difference"]["option"]
        effects = self._weighting_effects.get(table["by"], {})
        dots = []
        for row in table["groups"]:
            if row["suppressed"]:
                continue
            share = next(o["weighted_share"] for o in row["options"] if o["name"] == option)
            effective_n = row["n"] / effects.get(row["group"], 1.0)
            interval = wilson(share * effective_n, effective_n)
            dots.append(
                {
                    "group": row["group"],
                    "label": row["label"],
                    "n": row["n"],
                    "share": share,
                    "ci_low": _round(interval.low),
                    "ci_high": _round(interval.high),
                }
            )
        return dots

    def _table(
        self,
        question: Question,
        variable: str,
        coding: tuple[list[str], _Coding, np.ndarray],
        counts: dict[str, dict[str, int]],
        shown: set[str],
        panel: Mapping[str, Mapping[str, float]],
    ) -> dict[str, Any]:
        names = [choice.name for choice in question.choices]
        coded, groups, answer_codes = coding
        sizes = {group: sum(row.values()) for group, row in counts.items()}
        weighted_shares = _weighted_shares(
            self.design.weights, groups, answer_codes, names, shown=shown
        )
        rows = []
        for group in sorted(set(coded), key=band_key):
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
            "test": self._prepare_test((groups, answer_codes), shown, rows, panel.get("panel", {})),
        }

    def _prepare_test(
        self,
        coding: tuple[_Coding, np.ndarray],
        shown: set[str],
        rows: list[dict[str, Any]],
        panel: Mapping[str, float],
    ) -> dict[str, Any] | None:
        """The effect size and the test's input; the test itself runs in the batch.

        Only the shown groups take part: a group hidden for its size or for
        its (nearly) unanimous answers never selects a difference.
        """
        shown_rows = [row for row in rows if not row["suppressed"]]
        if len(shown_rows) < 2:
            return None
        names = [option["name"] for option in shown_rows[0]["options"]]
        # The weighted table, scaled to the respondents who count.
        table = [
            [option["weighted_share"] * row["n"] for option in row["options"]] for row in shown_rows
        ]
        merged, smallest_expected = merge_for_expected(table)
        if len(merged) < 2:
            return None
        merged_table = [[sum(row[i] for i in group) for group in merged] for row in table]
        effect = cramers_v_corrected(merged_table)
        if effect is None:
            return None
        # The test on the same merged options as the effect size: each answer
        # coded by its merged option (−1: left out), each respondent by a shown
        # group (−1: hidden, or no answer that counts).
        groups, answer_codes = coding
        merged_of = np.full(len(names) + 1, -1)  # the last: no answer (code −1)
        for code, group in enumerate(merged):
            merged_of[group] = code
        column_codes = merged_of[answer_codes]
        is_shown = np.array([name in shown for name in groups.names])
        row_codes = np.where(is_shown[groups.codes] & (column_codes >= 0), groups.codes, -1)
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
            "_pair": (row_codes, column_codes),
            "cramers_v": _round(effect),
            "min_expected": _round(smallest_expected, 2),
            "merged_options": [[names[i] for i in group] for group in merged if len(group) > 1],
            "largest_difference": {
                "group": row["group"],
                "option": option["name"],
                "group_share": option["weighted_share"],
                "overall_share": _round(overall[option["name"]]),
                "panel_share": _round(panel.get(option["name"])),
            },
        }


def _weighting_effects(groups: _Coding, weights: np.ndarray) -> dict[str, float]:
    """Kish's weighting effect n·Σw²/(Σw)² of each group's weights."""
    sums = np.bincount(groups.codes, weights=weights)
    squares = np.bincount(groups.codes, weights=weights * weights)
    sizes = np.bincount(groups.codes)
    return {
        name: float(size * square / (total * total)) if total > 0 else 1.0
        for name, size, square, total in zip(groups.names, sizes, squares, sums, strict=True)
    }


class _Coding:
    """A variable's groups as codes 0… in order of first appearance, and their names."""

    def __init__(self, codes: np.ndarray, names: list[str]) -> None:
        self.codes = codes
        self.names = names

    @classmethod
    def of(cls, coded: Sequence[str]) -> _Coding:
        index: dict[str, int] = {}
        codes = [index.setdefault(group, len(index)) for group in coded]
        return cls(np.array(codes, dtype=np.int64), list(index))


def _answer_codes(answers: Sequence[str | None], names: Sequence[str]) -> np.ndarray:
    """Each answer's option index (−1: no answer); an answer not among ``names`` is an error."""
    index = {name: code for code, name in enumerate(names)}
    return np.array([-1 if a is None else index[a] for a in answers], dtype=np.int64)


def _weighted_shares(
    weights: np.ndarray,
    groups: _Coding,
    answer_codes: np.ndarray,
    names: Sequence[str],
    *,
    shown: Collection[str] | None = None,
) -> dict[str, dict[str, float]]:
    """Weighted share of each option within each (shown) group that answered.

    Point estimates only, for crosstab cells: a weighted count over a
    weighted total (what ``Design.proportions`` gives as ``value`` for the
    group's respondents), one pass for the whole table.
    """
    counted = answer_codes >= 0
    if shown is not None:
        counted &= np.array([name in shown for name in groups.names])[groups.codes]
    totals = np.bincount(
        groups.codes[counted] * len(names) + answer_codes[counted],
        weights=weights[counted],
        minlength=len(groups.names) * len(names),
    ).reshape(len(groups.names), len(names))
    answered = np.bincount(groups.codes[counted], minlength=len(groups.names)) > 0
    return {
        group: {name: weight / sum(row) for name, weight in zip(names, row, strict=True)}
        for group, row, has_answers in zip(groups.names, totals.tolist(), answered, strict=True)
        if has_answers
    }


def _counts(
    groups: _Coding, answer_codes: np.ndarray, names: Sequence[str]
) -> dict[str, dict[str, int]]:
    """Per group, the count of each answer (every group present, also without answers)."""
    answered = answer_codes >= 0
    cells = np.bincount(
        groups.codes[answered] * len(names) + answer_codes[answered],
        minlength=len(groups.names) * len(names),
    ).reshape(len(groups.names), len(names))
    return {
        group: dict(zip(names, row, strict=True))
        for group, row in zip(groups.names, cells.tolist(), strict=True)
    }


def _shown_across(
    counts: Mapping[str, dict[str, dict[str, int]]],
    hidden: Mapping[str, set[str]],
    atoms: Atoms,
    *,
    k: int,
) -> dict[str, set[str]]:
    """The groups each of one question's tables may show, all tables together.

    Per table: the variable's hidden groups, groups where fewer than k
    answered or whose answers are disclosive, then secondary suppression
    (:func:`_shown_in_table`). Across tables: while a hidden group is a sum
    or difference of the groups shown in all tables and the whole panel
    (``nesting.recoverable``), one more group is hidden: the smallest shown
    group whose hiding ends that, else the smallest shown group.
    """
    also_hide = {
        variable: set(hidden[variable])
        | {
            group
            for group, row in rows.items()
            if sum(row.values()) < k or distribution_is_disclosive(row)
        }
        for variable, rows in counts.items()
    }

    def table(variable: str) -> set[str]:
        rows = counts[variable]
        sizes = {group: sum(row.values()) for group, row in rows.items()}
        return _shown_in_table(rows, sizes, k=k, also_hide=also_hide[variable])

    shown = {variable: table(variable) for variable in counts}
    everyone = np.ones(atoms.count)

    def matrix(shown: Mapping[str, set[str]]) -> np.ndarray:
        rows = [everyone] + [
            atoms.indicator(variable, group)
            for variable, groups in shown.items()
            for group in sorted(groups)
        ]
        return np.array(rows)

    def leaks(shown: Mapping[str, set[str]]) -> list[tuple[str, str]]:
        if not any(set(counts[v]) - groups for v, groups in shown.items()):
            return []  # nothing hidden anywhere
        figures = matrix(shown)
        return [
            (variable, group)
            for variable, groups in shown.items()
            for group in sorted(set(counts[variable]) - groups)
            if atoms.indicator(variable, group).min() == 0  # the whole panel is shown anyway
            and recoverable(figures, atoms.indicator(variable, group))
        ]

    open_ = leaks(shown)
    atom_sizes = np.bincount(atoms.of, minlength=atoms.count)
    while open_:
        variable, group = open_[0]
        target = atoms.indicator(variable, group)
        candidates = sorted(
            (int(atoms.indicator(v, g) @ atom_sizes), v, g)
            for v, groups in shown.items()
            for g in groups
        )
        chosen = candidates[0] if candidates else None
        for candidate in candidates:
            _size, v, g = candidate
            also_hide[v].add(g)
            trial = {**shown, v: table(v)}
            also_hide[v].discard(g)
            if not recoverable(matrix(trial), target):
                chosen = candidate
                break
        if chosen is None:  # pragma: no cover - with nothing shown nothing leaks
            break
        _size, v, g = chosen
        also_hide[v].add(g)
        shown[v] = table(v)
        open_ = leaks(shown)
    return shown


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
        and (table["test"]["min_expected"] or 0) >= MIN_EXPECTED
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
    results = [design.rao_scott_coded(rows, columns) for rows, columns in crosstab.pairs(tables)]
    return crosstab.finish(tables, results)
