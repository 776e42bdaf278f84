"""Background variables that overlap: one joint coding, and no recovery by subtraction.

Two background variables can nest (an area and its neighbourhoods) or
overlap (an area and an age band with few old people in one area). Each
crosstab is suppressed on its own, but a reader holds all of them: area A
minus its shown neighbourhoods gives the hidden one. Two rules close this
(docs/methodology.md, section 6):

1. **Joint coding** (:func:`code_jointly`), as the closing does for the app
   (:mod:`ledenpanel.analysis.bands`): the crosstab variables are coded
   together so that every combination of their coded values that occurs
   holds at least ``k`` respondents. Every figure a crosstab shows is a sum
   over such combinations, and so is anything a reader can derive from the
   figures by adding and subtracting: a derived group is a union of whole
   combinations, so it never holds fewer than ``k``. A small category goes
   to "overig" (ordered bands such as "25-34" merge with a neighbour
   instead); while some combination is too small, the move that frees the
   most respondents from too-small combinations per bit of information lost
   is taken, as in ``bands.py``; a variable coarsened to one value is
   dropped. For the app's data (coded at close) this changes nothing.
2. **Hidden stays hidden** (:func:`recoverable`): a group that one table hides
   (its answers are (nearly) unanimous, or fewer than ``k`` answered) must not
   be the sum and difference of figures shown in the question's other
   tables. The test is exact linear algebra over the joint combinations.

Pure Python and numpy: no Django.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

UNKNOWN = "_onbekend"  # the code of a missing value (groups.UNKNOWN)
OTHER = "overig"

# "16-24", "25-34", "75+", "<2", "2-5", "20+": bands with an order.
_BAND = re.compile(r"^\s*(<|≤)?\s*(\d+(?:[.,]\d+)?)\s*(?:([-–])\s*(\d+(?:[.,]\d+)?))?\s*(\+)?\s*$")


def _band(value: str) -> tuple[float, str, str, str] | None:
    """(sort key, low part, high part, prefix) of a band label, None if not a band."""
    match = _BAND.match(value)
    if match is None:
        return None
    below, low, _dash, high, plus = match.groups()
    number = float(low.replace(",", "."))
    if below:
        return (number - 0.5, "", low, below)
    if plus:
        return (number, low, "+", "")
    return (number, low, high or low, "")


def _range_label(values: Sequence[str]) -> str:
    if len(values) == 1:
        return values[0]
    first, last = _band(values[0]), _band(values[-1])
    assert first is not None
    assert last is not None
    if first[3]:  # "<2" + "2-5" → "<5"; "<2" … "20+" cannot happen (would be the whole)
        return f"{first[3]}{last[2]}" if last[2] != "+" else OTHER
    return f"{first[1]}+" if last[2] == "+" else f"{first[1]}-{last[2]}"


@dataclass(frozen=True)
class VariableCoding:
    """One variable: groups of its values (codes), in order, and their coded names.

    ``ordered``: bands with an order, whose groups are runs of neighbours;
    otherwise the groups are single values plus one pooled ``OTHER``.
    """

    values: tuple[str, ...]  # every value present, in order (UNKNOWN last)
    ordered: bool
    groups: tuple[tuple[str, ...], ...]
    other: frozenset[str] = frozenset()  # nominal: the values pooled as "overig"
    sizes: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def fine(cls, sizes: Mapping[str, int]) -> VariableCoding:
        known = [value for value in sizes if value != UNKNOWN]
        bands = {value: _band(value) for value in known}
        # Bands need an order and at least one range ("25-34", "75+", "<2"):
        # plain numbers are more often codes (regions, choices) than amounts.
        ordered = (
            len(known) >= 3
            and all(band is not None for band in bands.values())
            and any(mark in value for value in known for mark in "-–+<≤")
        )
        if ordered:
            known.sort(key=lambda value: bands[value][0])  # type: ignore[index]
        else:
            known.sort()
        values = (*known, UNKNOWN) if UNKNOWN in sizes else tuple(known)
        groups = tuple((value,) for value in values)
        return cls(values, ordered, groups, sizes=dict(sizes))

    @property
    def dropped(self) -> bool:
        return len(self.groups) + (1 if self.other else 0) <= 1

    def name(self, group: tuple[str, ...]) -> str:
        if len(group) == 1:
            return group[0]
        known = [value for value in group if value != UNKNOWN]
        return _range_label(known) if self.ordered and len(known) == len(group) else OTHER

    def mapping(self) -> dict[str, str]:
        """Value → coded name (empty: the variable is dropped)."""
        if self.dropped:
            return {}
        coded = {value: self.name(group) for group in self.groups for value in group}
        coded.update(dict.fromkeys(self.other, OTHER))
        return coded

    def _size(self, group: Sequence[str]) -> int:
        return sum(self.sizes.get(value, 0) for value in group)

    def pool(self, value: str) -> VariableCoding:
        """Nominal: send one value to "overig"."""
        groups = tuple(group for group in self.groups if group != (value,))
        return VariableCoding(self.values, False, groups, self.other | {value}, self.sizes)

    def merge(self, index: int) -> VariableCoding:
        """Ordered: merge group ``index`` with the next one."""
        groups = list(self.groups)
        groups[index : index + 2] = [groups[index] + groups[index + 1]]
        return VariableCoding(self.values, True, tuple(groups), self.other, self.sizes)

    def drop(self) -> VariableCoding:
        return VariableCoding(self.values, self.ordered, (self.values,), frozenset(), self.sizes)

    def moves(self) -> list[VariableCoding]:
        if self.dropped:
            return []
        if self.ordered:
            moves = [self.merge(index) for index in range(len(self.groups) - 1)]
        else:
            smallest = min(self.groups, key=lambda group: (self._size(group), group))
            moves = [self.pool(smallest[0])]
        return [*moves, self.drop()]

    def forced(self, k: int) -> VariableCoding:
        """The moves every coding needs: no value group under k on its own."""
        coding = self
        while not coding.dropped:
            sizes = [coding._size(group) for group in coding.groups]
            small = [i for i, size in enumerate(sizes) if size < k]
            other = coding._size(sorted(coding.other))
            if coding.ordered:
                if not small:
                    return coding
                i = min(small, key=lambda j: (sizes[j], j))
                # Merge with the smaller neighbour (the last group has only one).
                if i == len(sizes) - 1 or (i > 0 and sizes[i - 1] <= sizes[i + 1]):
                    i -= 1
                coding = coding.merge(i)
            elif small:
                coding = coding.pool(coding.groups[min(small, key=lambda j: (sizes[j], j))][0])
            elif 0 < other < k:
                coding = coding.pool(coding.groups[sizes.index(min(sizes))][0])
            else:
                return coding
        return coding


@dataclass(frozen=True)
class JointCoding:
    """The crosstab variables' coding: per variable, value → coded name."""

    k: int
    variables: dict[str, dict[str, str]]  # empty mapping: the variable is dropped
    merged: dict[str, int]  # per variable: how many values lost their own group
    combinations: int
    smallest: int

    def apply(self, variable: str, values: Sequence[str | None]) -> list[str]:
        mapping = self.variables[variable]
        return [mapping.get(UNKNOWN if value is None else value, OTHER) for value in values]

    @property
    def dropped(self) -> list[str]:
        return [name for name, mapping in self.variables.items() if not mapping]


def _encode(
    background: Mapping[str, Sequence[str | None]], variables: Sequence[str]
) -> tuple[np.ndarray, np.ndarray, list[list[str]]]:
    """The distinct combinations (as value indices) with their counts."""
    columns, labels = [], []
    for variable in variables:
        values = [UNKNOWN if value is None else str(value) for value in background[variable]]
        names = sorted(set(values))
        index = {name: position for position, name in enumerate(names)}
        columns.append(np.array([index[value] for value in values], dtype=np.int64))
        labels.append(names)
    if not columns:
        return np.zeros((1, 0), dtype=np.int64), np.zeros(1, dtype=np.int64), labels
    combos, counts = np.unique(np.stack(columns, axis=1), axis=0, return_counts=True)
    return combos, counts, labels


def _coded_counts(combos: np.ndarray, counts: np.ndarray, maps: Sequence[np.ndarray]) -> np.ndarray:
    """Respondents per coded combination (``maps``: value index → coded index)."""
    key = np.zeros(len(combos), dtype=np.int64)
    for column, mapping in enumerate(maps):
        key = key * (int(mapping.max(initial=0)) + 1) + mapping[combos[:, column]]
    _keys, inverse = np.unique(key, return_inverse=True)
    return np.bincount(inverse.ravel(), weights=counts).astype(np.int64)


def _index_map(coding: VariableCoding, names: Sequence[str]) -> np.ndarray:
    mapping = coding.mapping()
    coded = sorted(set(mapping.values()))
    position = {name: i for i, name in enumerate(coded)}
    return np.array([position[mapping[name]] if mapping else 0 for name in names], dtype=np.int64)


def _entropy(counts: np.ndarray) -> float:
    shares = counts[counts > 0] / counts.sum()
    return float(-(shares * np.log2(shares)).sum())


def code_jointly(
    background: Mapping[str, Sequence[str | None]], variables: Sequence[str], *, k: int
) -> JointCoding:
    """The coding of ``variables`` that keeps the most detail with ≥ k per combination."""
    combos, counts, labels = _encode(background, variables)
    state: list[VariableCoding] = []
    for column, names in enumerate(labels):
        sizes = np.bincount(combos[:, column], weights=counts, minlength=len(names))
        fine = VariableCoding.fine({name: int(s) for name, s in zip(names, sizes, strict=True)})
        state.append(fine.forced(k))
    maps = [_index_map(coding, names) for coding, names in zip(state, labels, strict=True)]
    coded = _coded_counts(combos, counts, maps)
    while int(coded[coded < k].sum()) > 0 and not all(coding.dropped for coding in state):
        before, entropy = int(coded[coded < k].sum()), _entropy(coded)
        best: tuple[tuple[int, float], int, VariableCoding, np.ndarray, np.ndarray] | None = None
        for column, coding in enumerate(state):
            for move in coding.moves():
                trial = list(maps)
                trial[column] = _index_map(move, labels[column])
                candidate = _coded_counts(combos, counts, trial)
                gain = before - int(candidate[candidate < k].sum())
                loss = max(entropy - _entropy(candidate), 1e-9)
                score = (1, gain / loss) if gain > 0 else (0, -loss)
                if best is None or score > best[0]:
                    best = (score, column, move, trial[column], candidate)
        assert best is not None, "a coding that is not fully dropped always has a move"
        _score, column, move, mapped, coded = best
        state[column], maps[column] = move, mapped
    return JointCoding(
        k=k,
        variables={
            variable: coding.mapping() for variable, coding in zip(variables, state, strict=True)
        },
        merged={
            variable: sum(1 for value in coding.values if coding.mapping().get(value) != value)
            for variable, coding in zip(variables, state, strict=True)
        },
        combinations=len(coded),
        smallest=int(coded.min()) if len(coded) else 0,
    )


def nested_in(
    background: Mapping[str, Sequence[str | None]], variables: Sequence[str]
) -> dict[str, str]:
    """``{B: A}`` when every value of B falls within one value of A (B nests in A).

    For the notes: joint coding protects nested variables like any others.
    """
    nested: dict[str, str] = {}
    for inner in variables:
        for outer in variables:
            if inner == outer:
                continue
            parent: dict[object, object] = {}
            ok = True
            for a, b in zip(background[outer], background[inner], strict=True):
                if parent.setdefault(b, a) != a:
                    ok = False
                    break
            if ok and len(set(background[inner])) > len(set(background[outer])) > 1:
                nested[inner] = outer
                break
    return nested


# -- hidden stays hidden ------------------------------------------------------


class Atoms:
    """The joint combinations of the coded crosstab variables, per respondent."""

    def __init__(self, coded: Mapping[str, Sequence[str]]) -> None:
        keys = list(zip(*coded.values(), strict=True)) if coded else []
        index: dict[tuple[str, ...], int] = {}
        self.of = np.array([index.setdefault(key, len(index)) for key in keys], dtype=np.int64)
        self.count = len(index)
        self.variables = list(coded)
        self._coded = coded
        self._sets: dict[tuple[str, str], np.ndarray] = {}

    def indicator(self, variable: str, group: str) -> np.ndarray:
        """Which combinations make up one group of one variable (0/1 per combination)."""
        key = (variable, group)
        if key not in self._sets:
            members = np.array([value == group for value in self._coded[variable]])
            vector = np.zeros(self.count)
            vector[self.of[members]] = 1.0
            self._sets[key] = vector
        return self._sets[key]


def recoverable(shown: np.ndarray, target: np.ndarray, *, tolerance: float = 1e-8) -> bool:
    """True when some combination of ``shown`` rows equals a vector supported on ``target``.

    ``shown``: one 0/1 row per shown figure (a group, or the whole panel) over
    the combinations; ``target``: the 0/1 vector of a hidden group. Anything
    a reader derives from the shown figures is a linear combination of the
    rows; it tells about the hidden group alone when it is zero outside it
    and not zero inside. So: is there a λ with λ·shown zero outside the
    target and non-zero inside?
    """
    inside = target > 0
    if not inside.any() or shown.size == 0:
        return False
    outside = shown[:, ~inside]
    if outside.shape[1]:
        # λ in the left null space of the outside columns.
        _u, singular, vt = np.linalg.svd(outside.T, full_matrices=True)
        rank = int((singular > tolerance * max(1.0, singular.max(initial=0.0))).sum())
        null = vt[rank:].T
    else:
        null = np.eye(shown.shape[0])
    if null.shape[1] == 0:
        return False
    return bool(np.abs(shown[:, inside].T @ null).max() > 1e-6)
