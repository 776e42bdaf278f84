"""One panel-wide coding of the background bands kept with the responses.

At close every member response keeps coded background bands (age, gender,
region and branch, membership length) so the analysis can break results
down. Fine bands would make small groups: a 75+ woman with 20+ years of
membership in a small branch may be the only one. So the close procedure
chooses **one** coding for the whole panel, applied to every response alike,
such that every combination of coded bands present among the member
respondents holds at least ``k`` of them (docs/anonymity.md, step 5).

Coarsening follows a hierarchy per variable:

- age and membership length: adjacent bands merge ("25-34" + "35-44" →
  "25-44"; "onbekend" sorts last), until the variable is dropped;
- gender: the small categories become "anders", then the variable is dropped;
- place: a branch is folded into "overig" of its region, all branches at
  once, a region into "overig", then place is dropped.

The choice is greedy: first the moves no coding can avoid (a band, branch
or region with fewer than ``k`` respondents on its own), then, while some
combination is too small, the move that removes the most respondents from
too-small combinations per bit of information lost (the joint entropy of the
coded bands). Every move strictly coarsens one variable and a fully dropped
coding is one combination of all respondents, so it always terminates.
With fewer than ``k`` respondents nothing is kept.

Pure Python: no Django.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

UNKNOWN = "onbekend"
OTHER = "overig"
GENDER_OTHER = "anders"
AGE_ORDER = ("16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+")
TENURE_ORDER = ("0-1", "2-4", "5-9", "10-19", "20+")
MAIN_GENDERS = ("M", "V")
VARIABLES = ("age", "gender", "region", "branch", "tenure")


def _range_label(values: Sequence[str]) -> str:
    known = [value for value in values if value != UNKNOWN]
    if not known:
        return UNKNOWN
    first, last = known[0], known[-1]
    low = first.rstrip("+").split("-")[0]
    high = "+" if last.endswith("+") else "-" + last.split("-")[-1]
    label = f"{low}{high}" if len(known) > 1 else first
    return f"{label}/{UNKNOWN}" if len(known) < len(values) else label


@dataclass(frozen=True)
class Ordered:
    """Age or membership length: groups of adjacent bands, in order."""

    groups: tuple[tuple[str, ...], ...]

    @classmethod
    def fine(cls, present: Iterable[str], order: Sequence[str]) -> Ordered:
        values = set(present)
        ordered = [value for value in order if value in values]
        ordered += sorted(values - set(order) - {UNKNOWN})
        if UNKNOWN in values:
            ordered.append(UNKNOWN)
        return cls(tuple((value,) for value in ordered))

    @property
    def dropped(self) -> bool:
        return len(self.groups) <= 1

    def mapping(self) -> dict[str, str]:
        if self.dropped:
            return {}
        return {value: _range_label(group) for group in self.groups for value in group}

    def merge(self, index: int) -> Ordered:
        """Merge group ``index`` with the next one."""
        groups = list(self.groups)
        groups[index : index + 2] = [groups[index] + groups[index + 1]]
        return Ordered(tuple(groups))

    def moves(self) -> list[Ordered]:
        return [self.merge(index) for index in range(len(self.groups) - 1)]


@dataclass(frozen=True)
class Gender:
    """Gender: fine (level 0), "anders" for the small categories (1), dropped (2)."""

    present: frozenset[str]
    level: int = 0

    @property
    def dropped(self) -> bool:
        return self.level >= 2 or len(self.present) <= 1

    def mapping(self) -> dict[str, str]:
        if self.dropped:
            return {}
        if self.level == 0:
            return {value: value for value in self.present}
        mapped = {v: v if v in MAIN_GENDERS else GENDER_OTHER for v in self.present}
        return mapped if len(set(mapped.values())) > 1 else {}

    def moves(self) -> list[Gender]:
        if self.dropped:
            return []
        others = self.present - set(MAIN_GENDERS)
        if self.level == 0 and len(others) > 1:
            return [replace(self, level=1), replace(self, level=2)]
        return [replace(self, level=2)]


@dataclass(frozen=True)
class Place:
    """Region and branch: which regions and branches are kept by name.

    A response from a branch not kept says "overig" for branch (when any
    branch is kept); one from a region not kept says "overig" for region.
    """

    region_of: Mapping[str, str] = field(hash=False, compare=False)
    regions: frozenset[str]
    branches: frozenset[str]

    @property
    def dropped(self) -> bool:
        return not self.regions

    def code(self, branch: str) -> tuple[str | None, str | None]:
        region = self.region_of.get(branch, "")
        coded_region = (region if region in self.regions else OTHER) if self.regions else None
        coded_branch = (branch if branch in self.branches else OTHER) if self.branches else None
        return coded_region, coded_branch

    def without_branches(self, names: Iterable[str]) -> Place:
        return replace(self, branches=self.branches - set(names))

    def without_regions(self, names: Iterable[str]) -> Place:
        names = set(names)
        return replace(
            self,
            regions=self.regions - names,
            branches=frozenset(b for b in self.branches if self.region_of.get(b) not in names),
        )

    def moves(self, sizes: Mapping[str, int]) -> list[Place]:
        """``sizes``: respondents per branch, to pick the smallest ones first."""
        moves = []
        if self.branches:
            # The smallest kept branch of each region joins its region's "overig".
            by_region: dict[str, list[str]] = {}
            for branch in self.branches:
                by_region.setdefault(self.region_of.get(branch, ""), []).append(branch)
            for branches in by_region.values():
                smallest = min(branches, key=lambda b: (sizes.get(b, 0), b))
                moves.append(self.without_branches([smallest]))
            moves.append(replace(self, branches=frozenset()))
        if self.regions:
            per_region: Counter = Counter()
            for branch, count in sizes.items():
                per_region[self.region_of.get(branch, "")] += count
            smallest = min(self.regions, key=lambda r: (per_region[r], r))
            moves += [self.without_regions([smallest]), self.without_regions(self.regions)]
        return [move for move in moves if move != self]


@dataclass(frozen=True)
class Coding:
    """A panel-wide coding: per variable, fine band → coded band (absent: dropped)."""

    k: int
    variables: dict[str, dict[str, str]]
    respondents: int = 0
    combinations: int = 0
    smallest: int = 0

    def apply(self, background: Mapping[str, str]) -> dict[str, str]:
        """The coded bands of one response (only variables that are kept)."""
        return {
            name: mapping.get(str(background.get(name, "")), OTHER)
            for name, mapping in self.variables.items()
        }

    def to_dict(self) -> dict:
        return {
            "k": self.k,
            "variables": self.variables,
            "respondents": self.respondents,
            "combinations": self.combinations,
            "smallest": self.smallest,
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> Coding:
        return cls(
            k=int(data.get("k", 10)),
            variables={name: dict(m) for name, m in data.get("variables", {}).items()},
            respondents=int(data.get("respondents", 0)),
            combinations=int(data.get("combinations", 0)),
            smallest=int(data.get("smallest", 0)),
        )


@dataclass(frozen=True)
class _State:
    age: Ordered
    gender: Gender
    tenure: Ordered
    place: Place


def _coded_counts(state: _State, fine: Counter) -> Counter:
    # Mappings are built once per evaluation, not per combination.
    age, gender, tenure = state.age.mapping(), state.gender.mapping(), state.tenure.mapping()
    place = {branch: state.place.code(branch) for branch in state.place.region_of}
    coded: Counter = Counter()
    for (a, g, t, b), count in fine.items():
        coded[(age.get(a), gender.get(g), tenure.get(t), place.get(b))] += count
    return coded


def _too_small(coded: Counter, k: int) -> int:
    return sum(count for count in coded.values() if count < k)


def _entropy(coded: Counter) -> float:
    total = sum(coded.values())
    return -sum(c / total * math.log2(c / total) for c in coded.values() if c)


def _forced(state: _State, fine: Counter, k: int) -> _State:
    """Moves any coding needs: a band, branch or region under k on its own."""

    def marginal(index: int) -> Counter:
        counts: Counter = Counter()
        for combo, count in fine.items():
            counts[combo[index]] += count
        return counts

    def merge_small(var: Ordered, counts: Counter) -> Ordered:
        while not var.dropped:
            sizes = [sum(counts[v] for v in group) for group in var.groups]
            small = [i for i, size in enumerate(sizes) if size < k]
            if not small:
                return var
            i = min(small, key=lambda j: (sizes[j], j))
            # Merge with the smaller neighbour (the last group only has one).
            if i == len(sizes) - 1 or (i > 0 and sizes[i - 1] <= sizes[i + 1]):
                i -= 1
            var = var.merge(i)
        return var

    age = merge_small(state.age, marginal(0))
    tenure = merge_small(state.tenure, marginal(2))
    genders = marginal(1)
    gender = state.gender
    if any(genders[g] < k for g in gender.present):
        gender = replace(gender, level=1)
        others = sum(n for g, n in genders.items() if g not in MAIN_GENDERS)
        if any(genders[g] < k for g in MAIN_GENDERS if g in gender.present) or 0 < others < k:
            gender = replace(gender, level=2)
    branches = marginal(3)
    place = state.place.without_branches(b for b in state.place.branches if branches[b] < k)
    regions: Counter = Counter()
    for branch, count in branches.items():
        regions[place.region_of.get(branch, "")] += count
    place = place.without_regions(r for r in place.regions if regions[r] < k)
    return _State(age, gender, tenure, place)


def choose_coding(
    backgrounds: Sequence[Mapping[str, str]],
    *,
    region_of: Mapping[str, str] | None = None,
    k: int = 10,
) -> Coding:
    """The coding that keeps the most detail with ≥ k respondents per combination.

    ``backgrounds`` are the member respondents' fine bands
    (``{"age", "gender", "region", "branch", "tenure"}``); ``region_of``
    maps a branch code to its region code (taken from the backgrounds when
    not given).
    """
    n = len(backgrounds)
    if n < k:
        return Coding(k=k, variables={}, respondents=n, combinations=1 if n else 0, smallest=n)
    regions = dict(region_of or {})
    for background in backgrounds:
        regions.setdefault(str(background.get("branch", "")), str(background.get("region", "")))
    fine: Counter = Counter(
        (
            str(b.get("age", UNKNOWN)),
            str(b.get("gender", "")),
            str(b.get("tenure", UNKNOWN)),
            str(b.get("branch", "")),
        )
        for b in backgrounds
    )
    present = list(zip(*fine.keys(), strict=True))
    branch_sizes: Counter = Counter()
    for combo, count in fine.items():
        branch_sizes[combo[3]] += count
    state = _State(
        age=Ordered.fine(present[0], AGE_ORDER),
        gender=Gender(frozenset(present[1])),
        tenure=Ordered.fine(present[2], TENURE_ORDER),
        place=Place(regions, frozenset(regions[b] for b in present[3]), frozenset(present[3])),
    )
    state = _forced(state, fine, k)
    coded = _coded_counts(state, fine)
    while _too_small(coded, k):
        before, entropy = _too_small(coded, k), _entropy(coded)
        best: tuple[tuple[int, float], _State, Counter] | None = None
        for candidate in _candidates(state, branch_sizes):
            counts = _coded_counts(candidate, fine)
            gain, loss = before - _too_small(counts, k), max(entropy - _entropy(counts), 1e-9)
            score = (1, gain / loss) if gain > 0 else (0, -loss)
            if best is None or score > best[0]:
                best = (score, candidate, counts)
        assert best is not None, "a coding that is not fully dropped always has a move"
        _score, state, coded = best
    variables = {
        "age": state.age.mapping(),
        "gender": state.gender.mapping(),
        "tenure": state.tenure.mapping(),
    }
    if state.place.regions:
        variables["region"] = {
            r: r if r in state.place.regions else OTHER for r in sorted(set(regions.values()))
        }
    if state.place.branches:
        variables["branch"] = {
            b: b if b in state.place.branches else OTHER for b in sorted(regions)
        }
    kept = {name: mapping for name, mapping in variables.items() if mapping}
    return Coding(
        k=k,
        variables={name: kept[name] for name in VARIABLES if name in kept},
        respondents=n,
        combinations=len(coded),
        smallest=min(coded.values()),
    )


def _candidates(state: _State, branch_sizes: Mapping[str, int]) -> list[_State]:
    return [
        *(replace(state, age=move) for move in state.age.moves()),
        *(replace(state, gender=move) for move in state.gender.moves()),
        *(replace(state, tenure=move) for move in state.tenure.moves()),
        *(replace(state, place=move) for move in state.place.moves(branch_sizes)),
    ]


def combination_counts(bands: Iterable[Mapping[str, str]]) -> Counter:
    """Respondents per combination of coded bands (for checks and tests)."""
    return Counter(tuple(sorted(b.items())) for b in bands)
