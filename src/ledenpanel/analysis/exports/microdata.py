"""Which background variables a row-level export may carry (docs/anonymity.md, "Exports").

The closing coded the background bands so that every combination holds at
least ``k`` member respondents. That stops *identification* by the roster
(no row is the only one of its kind), not *homogeneity*: when every member of
a combination (or all but one or two) gave the same answer to a question,
someone who knows that a member belongs to the combination — from the
roster — reads that member's answer off the export, without finding the row.
The report hides such groups (:func:`ledenpanel.analysis.disclosure.
distribution_is_disclosive`: one answer takes all, or all but fewer than 3);
the export must not show them either.

The rule, for the member rows:

1. **Whole variables, never per row.** The export carries a subset of the
   coded background variables, for every row alike. Blanking a variable in
   only the disclosive rows would flag exactly those rows, and the report's
   table for that variable minus the export's rows that keep it would give
   the blanked rows' answers back.
2. **Every group the export shows is safe.** For the chosen subset, every
   combination of its values has, for every closed item, an answer
   distribution the report's rule would show. Items: a single choice, each
   option of a multiple choice (chosen or not), each option's place in a
   ranking, each part of a points question, a number's exact value (the
   report shows only a number's mean, but a row shows the value). Open
   answers are not items: free text, seldom alike, and in the export only
   when the board includes them.
3. **Nothing the report hides becomes derivable.** The report shows every
   background variable's groups (those it does not hide) and the whole
   panel. A group of any variable that is disclosive for an item (which the
   report hides) must not be a sum or difference of the figures the export
   groups and the report's shown groups give together
   (:func:`ledenpanel.analysis.nesting.recoverable`, exact linear algebra over
   the closing's combinations), unless the report's figures alone give it
   (then the export adds nothing). The report's hidden groups are modelled
   as the report hides them: disclosive ones plus secondary suppression
   (:func:`ledenpanel.analysis.disclosure.suppress_siblings`). And an export
   group minus a group the report shows nested inside it (or the reverse: a
   region in the export, one of its branches in the report) must not be
   disclosive, unless the report alone gives that difference.
4. **No participation count the report hides.** Counting the export's rows
   per category gives that category's number of respondents; where the
   report's participation table hides it (nearly all, or nearly none, of a
   category's members took part), the variable is left out whole
   (``withheld``).
5. Among the subsets that pass, the export takes one with the most
   variables, then the most groups, then the earliest variables. The empty
   subset always passes: it shows the whole panel only, which the report
   shows too (docs/methodology.md says what the whole-panel figure reveals).

Union keeps safety: if each of some disjoint groups has at least 3 answers
off its own mode, their union has at least 3 off *its* mode. So every
group a reader forms by joining export groups is safe too, and rule 2 needs
to look only at the finest groups.

Open-link rows (non-members, no bands) are one more group: they are kept
only when there are at least ``k`` of them and their distributions are safe
too; otherwise they are left out and the codebook says so.

Pure Python and numpy: no Django.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np

from ledenpanel.analysis.data import (
    POINTS,
    RANK,
    SELECT_MULTIPLE,
    SELECT_ONE,
    Form,
    Responses,
)
from ledenpanel.analysis.disclosure import DEFAULT_MIN_GROUP, DEFAULT_MIN_OTHERS, suppress_siblings
from ledenpanel.analysis.nesting import recoverable

_MISSING = -1


@dataclass(frozen=True)
class Protection:
    """What the export may show: the background variables kept and whether open-link rows are."""

    background: tuple[str, ...]  # kept, in the responses' order
    left_out: tuple[str, ...]  # coded variables the export leaves out
    open_rows: bool  # open-link rows in the export
    open_rows_left_out: int  # how many open-link rows were left out


def _codes(values: Sequence[Any]) -> np.ndarray:
    """Integer codes of hashable values; ``None`` becomes -1 (no answer)."""
    seen: dict[Any, int] = {}
    out = np.empty(len(values), dtype=np.int64)
    for index, value in enumerate(values):
        out[index] = _MISSING if value is None else seen.setdefault(value, len(seen))
    return out


def closed_items(form: Form, responses: Responses, rows: Sequence[int]) -> list[np.ndarray]:
    """Every closed item's answer codes for ``rows`` (see the module docstring)."""
    items: list[np.ndarray] = []
    for question in form.questions:
        values = responses.answers.get(question.name)
        if values is None:
            continue
        column = [values[i] for i in rows]
        if question.type == SELECT_ONE or question.is_numeric:
            items.append(_codes(column))
        elif question.type == SELECT_MULTIPLE:
            for choice in question.choices:
                items.append(_codes([None if v is None else choice.name in v for v in column]))
        elif question.type == RANK:
            # Each option's place (1 = first), 0 when the member left it unranked.
            for choice in question.choices:
                items.append(
                    _codes(
                        [
                            None
                            if v is None
                            else (v.index(choice.name) + 1 if choice.name in v else 0)
                            for v in column
                        ]
                    )
                )
        elif question.type == POINTS:
            for choice in question.choices:
                items.append(_codes([None if v is None else v.get(choice.name) for v in column]))
    return items


def disclosive_groups(
    groups: np.ndarray, items: Sequence[np.ndarray], *, min_others: int = DEFAULT_MIN_OTHERS
) -> list[np.ndarray]:
    """Per item, a boolean per group id: is that group's distribution disclosive?

    ``groups`` gives each row's group id (0 … g-1). A group's distribution of
    an item counts the rows that answered; it is disclosive when one answer
    takes all, or all but fewer than ``min_others``
    (:func:`ledenpanel.analysis.disclosure.distribution_is_disclosive`).
    """
    size = int(groups.max()) + 1 if groups.size else 0
    result = []
    for codes in items:
        answered = codes != _MISSING
        if not answered.any():
            result.append(np.zeros(size, dtype=bool))
            continue
        g, c = groups[answered], codes[answered]
        width = int(c.max()) + 1
        counts = np.bincount(g * width + c, minlength=size * width).reshape(size, width)
        totals = counts.sum(axis=1)
        result.append((totals > 0) & (totals - counts.max(axis=1) < min_others))
    return result


def _group_ids(columns: Sequence[Sequence[str | None]], n: int) -> np.ndarray:
    if not columns:
        return np.zeros(n, dtype=np.int64)
    keys = list(zip(*columns, strict=True))
    return _codes(keys)


@dataclass(frozen=True)
class _Report:
    """What the report does with one item: hidden groups, shown groups, per variable."""

    hidden: list[np.ndarray]  # atom indicators of the groups it hides
    shown: np.ndarray  # atom indicators of the whole panel and the groups it shows
    suppressed: dict[str, np.ndarray]  # variable → per group: hidden?


class _Check:
    """The checks of rules 2 and 3 for the member rows of one export."""

    def __init__(
        self,
        background: Mapping[str, Sequence[str | None]],
        items: Sequence[np.ndarray],
        *,
        k: int,
        min_others: int,
    ) -> None:
        self.background = background
        self.k = k
        self._reports: dict[int, _Report] = {}
        self._alone: dict[tuple[int, int], bool] = {}
        self.items = items
        self.min_others = min_others
        self.n = len(next(iter(background.values()))) if background else 0
        # The closing's combinations ("atoms"): every figure is a sum over them.
        self.atoms = _group_ids(list(background.values()), self.n)
        self.atom_count = int(self.atoms.max()) + 1 if self.n else 0
        # Each variable's groups as atom indicators, and which are disclosive per item.
        self.single: dict[str, tuple[np.ndarray, list[np.ndarray]]] = {}
        for name, values in background.items():
            # Wrapped: an unknown band (None) is a group of its own, not "no answer".
            ids = _codes([(value,) for value in values])
            self.single[name] = (ids, disclosive_groups(ids, items, min_others=min_others))

    def _indicators(self, ids: np.ndarray) -> np.ndarray:
        """One 0/1 row per group over the atoms."""
        matrix = np.zeros((int(ids.max()) + 1, self.atom_count))
        matrix[ids, self.atoms] = 1.0
        return matrix

    def passes(self, kept: Sequence[str]) -> bool:
        export_ids = _group_ids([self.background[name] for name in kept], self.n)
        # Rule 2: every export group safe for every item.
        bad_groups = disclosive_groups(export_ids, self.items, min_others=self.min_others)
        if any(bad.any() for bad in bad_groups):
            return False
        export_rows = self._indicators(export_ids)
        if self._subtraction_discloses(export_ids, kept):
            return False
        # Rule 3, item by item: a group the report hides for this item (it is
        # disclosive, or hidden along by secondary suppression) must not follow
        # from the export's groups together with the whole panel and the
        # groups the report shows, unless it follows from the report alone
        # (then the export adds nothing). A kept variable's groups are unions
        # of export groups, safe by rule 2.
        for index in range(len(self.items)):
            report = self._report(index)
            if not report.hidden:
                continue
            with_export = np.vstack([report.shown, export_rows])
            for number, target in enumerate(report.hidden):
                if recoverable(with_export, target) and not self._from_report(index, number):
                    return False
        return True

    def _from_report(self, index: int, number: int) -> bool:
        """Whether the report's own figures give hidden group ``number`` of item ``index``."""
        key = (index, number)
        if key not in self._alone:
            report = self._report(index)
            self._alone[key] = recoverable(report.shown, report.hidden[number])
        return self._alone[key]

    def _report(self, index: int) -> _Report:
        """For one item: what the report hides (disclosive groups, secondary suppression), shows."""
        cached = self._reports.get(index)
        if cached is not None:
            return cached
        hidden: list[np.ndarray] = []
        shown = [np.ones((1, self.atom_count))]
        suppressed_by_variable: dict[str, np.ndarray] = {}
        for name, (ids, bad_per_item) in self.single.items():
            indicators = self._indicators(ids)
            sizes = np.bincount(ids)
            bad = bad_per_item[index]
            verdict = suppress_siblings(
                {str(group): int(size) for group, size in enumerate(sizes)},
                k=self.k,
                also_hide={str(group) for group in np.flatnonzero(bad)},
            )
            suppressed = np.array([verdict[str(g)].suppressed for g in range(len(sizes))])
            suppressed_by_variable[name] = suppressed
            hidden.extend(indicators[suppressed])
            shown.append(indicators[~suppressed])
        result = _Report(hidden, np.vstack(shown), suppressed_by_variable)
        self._reports[index] = result
        return result

    def _subtraction_discloses(self, export_ids: np.ndarray, kept: Sequence[str]) -> bool:
        """Does an export group minus a shown report group nested in it (or the reverse)
        give a disclosive group that the report alone does not give?"""
        for name, (ids, _bad) in self.single.items():
            if name in kept:
                continue
            for group in range(int(ids.max()) + 1):
                members = ids == group
                for export_group in np.unique(export_ids[members]):
                    outer = export_ids == export_group
                    if members.all() or outer.all():
                        continue  # the whole panel minus a group: the report gives that alone
                    report_inside = not (members & ~outer).any()
                    export_inside = not (outer & ~members).any()
                    if report_inside and not export_inside:
                        rest = outer & ~members
                    elif export_inside and not report_inside:
                        rest = members & ~outer
                    else:
                        continue
                    if self._rest_discloses(rest, name, group):
                        return True
        return False

    def _rest_discloses(self, rest: np.ndarray, name: str, group: int) -> bool:
        ids = np.zeros(int(rest.sum()), dtype=np.int64)
        bad = disclosive_groups(ids, [c[rest] for c in self.items], min_others=self.min_others)
        target = np.zeros(self.atom_count)
        target[self.atoms[rest]] = 1.0
        for index, item_bad in enumerate(bad):
            if not item_bad.any():
                continue
            report = self._report(index)
            if report.suppressed[name][group]:
                continue  # the report does not show that group: nothing to subtract
            if not recoverable(report.shown, target):
                return True
        return False


def protect(
    form: Form,
    responses: Responses,
    *,
    k: int = DEFAULT_MIN_GROUP,
    min_others: int = DEFAULT_MIN_OTHERS,
    withheld: Collection[str] = (),
) -> Protection:
    """The background variables and rows a row-level export of ``responses`` may show.

    ``withheld``: variables the export may not carry at all (rule 4).
    """
    is_open = responses.is_open or [False] * len(responses)
    members = [i for i, open_ in enumerate(is_open) if not open_]
    open_rows = [i for i, open_ in enumerate(is_open) if open_]
    variables = [
        name
        for name, values in responses.background.items()
        if name not in withheld and any(values[i] is not None for i in members)
    ]
    background = {name: [responses.background[name][i] for i in members] for name in variables}
    check = _Check(background, closed_items(form, responses, members), k=k, min_others=min_others)
    candidates = [
        subset for size in range(len(variables), 0, -1) for subset in combinations(variables, size)
    ]

    def fineness(subset: tuple[str, ...]) -> int:
        ids = _group_ids([background[name] for name in subset], len(members))
        return int(ids.max()) + 1 if ids.size else 0

    # Most variables first, then the most groups; ``sorted`` is stable, so
    # ties keep the variables' order.
    candidates.sort(key=lambda subset: (-len(subset), -fineness(subset)))
    kept: tuple[str, ...] = next(
        (subset for subset in candidates if members and check.passes(subset)), ()
    )
    keep_open = bool(open_rows) and len(open_rows) >= k
    if keep_open:
        items = closed_items(form, responses, open_rows)
        ids = np.zeros(len(open_rows), dtype=np.int64)
        keep_open = not any(
            bad.any() for bad in disclosive_groups(ids, items, min_others=min_others)
        )
    return Protection(
        background=tuple(name for name in responses.background if name in kept),
        left_out=tuple(name for name in responses.background if name not in kept),
        open_rows=keep_open,
        open_rows_left_out=0 if keep_open else len(open_rows),
    )
