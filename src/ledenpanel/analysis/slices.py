"""Slices per branch and region that cannot be subtracted from anything else shown.

A *slice* is one branch's or one region's share of a panel: its respondents
and, per closed item, its answer distribution. Slices come from the fine
branch of each member respondent, which exists only while the close holds
the opened envelopes; the app otherwise shows the whole panel and crosstabs
on the *coded* bands (``analysis.bands``: a coded "overig" may pool several
branches or regions). A reader holds all of it at once, so a slice that is
safe on its own can give a small group away by subtraction: coded region
"overig" minus the shown slice G2 is G3; a region minus its shown branch is
the other branch; the whole minus every shown slice is the rest.

**Rule.** Whatever a reader can derive by adding and subtracting the shown
figures, and could not derive without the slices, is empty or holds at
least ``k`` respondents (per item: ``k`` answers) with a distribution that
is not disclosive (``disclosure.distribution_is_disclosive``). A slice the
participation table hides (``hide_branches``/``hide_regions``) must not
become derivable at all.

**What a reader can derive.** Respondents are grouped in *cells* (alike in
fine branch and coded bands); every figure is a sum over cells.

- The place figures (the whole, the coded regions, the coded branches and
  joint places when the exports show them, the shown slices) form a laminar
  family: any two are nested or disjoint (``bands.Place`` keeps a branch by
  name only inside a region kept by name). Their *blocks* (cells in exactly
  the same place figures) partition the respondents, and every combination
  of place figures is constant on each block. So what they give is exactly
  the unions of blocks.
- A crosstab by another coded variable (age, gender, tenure, or their
  combination) adds one figure per value ``j``. A combination of block and
  value figures is ``f(block) + d(value)`` on each cell; where it is 0 or 1
  its level sets show that it is a disjoint union of blocks and of
  *remainders* ``R(J)`` = the blocks that a set of values ``J`` touches,
  minus ``J``. ("Age 16-24 minus branch A1, which has no one older" is
  ``R({25+})``.)

So the rule holds when every block and every ``R(J)`` that the slices
change is empty or safe: a union of disjoint safe groups is safe (a
distribution that is not disclosive stays so when others are added: its
non-modal answers only grow). ``R(J)`` is tried for every set of values of
each variable, and of the variables' combination (all of them up to
``MAX_EXACT_VALUES`` values; beyond that the single values and all-but-one).

The exports may or may not show the coded branches, so the check runs in
both *worlds* (report figures only; report and export figures): a group
the coded branches give is not "already shown" when they are withheld.

**Algorithm** (:func:`reconciled_slices`), once for the respondent counts,
then once per item starting from what the counts hide:

1. primary suppression: a slice with fewer than ``k`` respondents (per item:
   answers) or a disclosive distribution is hidden, and so is any slice the
   caller hides already;
2. list the derivable groups above for the slices still shown; for each one
   that breaks the rule, hide the smallest shown slice that was subtracted
   to get it (else the smallest that holds part of it), ties by kind and
   code; the same for a protected slice that became a union of blocks;
3. repeat until nothing breaks the rule. Hiding only adds, so this ends
   after at most one round per slice.

``tests/analysis/test_slices_property.py`` checks the rule with exact
linear algebra over random nested populations, trying every set of cells.

Pure Python and numpy: no Django.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ledenpanel.analysis.bands import Coding
from ledenpanel.analysis.disclosure import DEFAULT_MIN_GROUP, DEFAULT_MIN_OTHERS

BRANCH, REGION = "branch", "region"
PLACE_VARIABLES = (REGION, BRANCH)
# Up to this many coded values of a variable, every union of them is tried.
MAX_EXACT_VALUES = 12


OPEN = None  # the branch of an open-link respondent: in the whole panel, in no slice


@dataclass(frozen=True)
class _Layout:
    """Respondents grouped in *cells* (alike in fine branch and coded bands).

    Every figure the app shows is a sum over cells, so the rule needs only
    these sets of cells and the counts per cell.
    """

    kinds: list[str]  # per slice: BRANCH or REGION
    codes: list[str]  # per slice: the unit code
    slices: np.ndarray  # bool, slice × cell
    # Per other coded variable (age, gender, tenure): every union of its values
    # (bool, union × cell), each the sum of figures of a crosstab by it.
    unions: list[np.ndarray]
    worlds: list[_World]
    # Per set of shown slices: the groups they make derivable (see ``_derivable``).
    derivable: dict[bytes, tuple[np.ndarray, np.ndarray]]
    member: np.ndarray  # bool per cell: not an open-link respondent
    combination: np.ndarray  # per cell: its combination of all coded bands (an export row's)


@dataclass(frozen=True)
class _World:
    """One assumption about which place figures the app shows besides the slices.

    The report certainly shows the whole and the coded regions; the exports
    may show the coded branches too, or may withhold them. A slice must be
    safe in both worlds: a group the coded branches would give is not
    "already shown" when they are withheld.
    """

    block: np.ndarray  # per cell: its block of this world's place figures alone
    remainders: list[np.ndarray]  # per entry of ``unions``: the remainders without slices


def _refine(ids: np.ndarray, masks: np.ndarray) -> np.ndarray:
    """Cells with the same id and the same membership of every mask get one id."""
    for mask in masks:
        ids = ids * 2 + mask
        _unique, ids = np.unique(ids, return_inverse=True)
    return ids.reshape(-1)


def _unique_masks(masks: Sequence[np.ndarray], width: int) -> np.ndarray:
    unique: dict[bytes, np.ndarray] = {}
    for mask in masks:
        if mask.any():
            unique.setdefault(np.packbits(mask).tobytes(), mask)
    return np.array(list(unique.values()), dtype=bool).reshape(len(unique), width)


def _layout(
    branches: Sequence[str | None],
    coded: Sequence[tuple[str, ...]],
    variables: Sequence[str],
    region_of: Mapping[str, str],
) -> tuple[_Layout, np.ndarray]:
    """The layout, and each respondent's cell."""
    index: dict[tuple[str | None, tuple[str, ...]], int] = {}
    of = np.array(
        [index.setdefault(key, len(index)) for key in zip(branches, coded, strict=True)],
        dtype=np.int64,
    )
    keys = list(index)
    width = len(keys)
    member = np.array([branch is not OPEN for branch, _c in keys], dtype=bool)
    branch = np.array(["" if b is OPEN else b for b, _c in keys], dtype=object)
    region = np.array(["" if b is OPEN else region_of.get(b, "") for b, _c in keys], dtype=object)
    kinds: list[str] = []
    codes: list[str] = []
    masks: list[np.ndarray] = []
    for kind, column in ((BRANCH, branch), (REGION, region)):
        for code in sorted({str(v) for v in column[member]}):
            kinds.append(kind)
            codes.append(code)
            masks.append(member & (column == code))
    columns = {
        variable: np.array([c[p] for _b, c in keys], dtype=object)
        for p, variable in enumerate(variables)
    }
    sure = [np.ones(width, dtype=bool), member]
    exports: list[np.ndarray] = []
    unions = []
    for variable, values in columns.items():
        present = sorted({str(v) for v in values[member]})
        if variable == REGION:
            sure += [member & (values == v) for v in present]
        elif variable == BRANCH:
            exports += [member & (values == v) for v in present]
        else:
            unions.append(_unions(values, present, member))
    others = [values for name, values in columns.items() if name not in PLACE_VARIABLES]
    if len(others) > 1:
        # Crosstabs by two variables can be combined too: their joint values
        # span everything the single ones do.
        combined = np.array(["\x1f".join(map(str, row)) for row in zip(*others, strict=True)])
        unions.append(_unions(combined, sorted(set(combined[member])), member))
    if REGION in columns and BRANCH in columns:
        joint = columns[REGION] + "\x1f" + columns[BRANCH]
        exports += [member & (joint == v) for v in sorted({str(v) for v in joint[member]})]
    worlds = []
    for place in (sure, sure + exports) if exports else (sure,):
        block = _refine(np.zeros(width, dtype=np.int64), _unique_masks(place, width))
        worlds.append(_World(block, [_remainders(u, block, member)[0] for u in unions]))
    layout = _Layout(
        kinds=kinds,
        codes=codes,
        slices=np.array(masks, dtype=bool).reshape(len(masks), width),
        unions=unions,
        worlds=worlds,
        derivable={},
        member=member,
        combination=np.unique(
            np.array([f"{b is OPEN}\x1f" + "\x1f".join(c) for b, c in keys]), return_inverse=True
        )[1].reshape(-1),
    )
    return layout, of


def _breaks(counts: np.ndarray, *, k: int, distribution: bool) -> np.ndarray:
    """Per row of counts (per value): a group under k, or a disclosive distribution?"""
    total = counts.sum(axis=1)
    small = (total > 0) & (total < k)
    if not distribution:
        return small
    top = counts.max(axis=1, initial=0)
    return small | ((total > 0) & (total - top < DEFAULT_MIN_OTHERS))


def _unions(values: np.ndarray, present: Sequence[str], member: np.ndarray) -> np.ndarray:
    """Every non-empty union of a variable's values, as cell masks (at most 2^12 of them)."""
    if len(present) > MAX_EXACT_VALUES:
        # Too many to try every union: single values and all-but-one value.
        choices = [[v] for v in present] + [[w for w in present if w != v] for v in present]
    else:
        choices = [
            list(chosen)
            for size in range(1, len(present) + 1)
            for chosen in itertools.combinations(present, size)
        ]
    return np.array([member & np.isin(values, chosen) for chosen in choices], dtype=bool).reshape(
        len(choices), len(member)
    )


def _remainders(
    unions: np.ndarray, block: np.ndarray, member: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per union J of a variable's values: the blocks J touches, minus J (cell masks).

    With figures for the blocks and for each value, these (and the blocks)
    are what addition and subtraction can isolate: every derivable group is
    a disjoint union of such remainders and blocks (module docstring).
    Returns the remainders and the blocks each one used.
    """
    onehot = np.zeros((len(block), int(block.max()) + 1), dtype=float)
    onehot[np.arange(len(block)), block] = 1.0
    touched = ((unions.astype(float) @ onehot) > 0)[:, block]
    return touched & ~unions & member, touched


def _derivable(layout: _Layout, shown: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The groups the shown slices make derivable, as cell masks, with the cells each used.

    They depend only on which slices are shown, not on the item, so
    :func:`_suppress` keeps them per set of shown slices.
    """
    groups: list[np.ndarray] = []
    used: list[np.ndarray] = []
    for world in layout.worlds:
        block = _refine(world.block.copy(), layout.slices[shown])
        # A block is new when the slices split its block of the place figures
        # alone; a block they do not split is given without slices anyway.
        pairs = np.unique(np.stack([world.block, block]), axis=1)
        splits = np.bincount(pairs[0], minlength=int(world.block.max()) + 1)
        new_blocks = [block == b for b in np.unique(block[splits[world.block] > 1])]
        groups += new_blocks
        used += new_blocks
        for new_block in new_blocks:
            # The export's rows that share a coded combination with the block,
            # minus the block: "these combinations minus branch A1".
            touched = np.isin(layout.combination, np.unique(layout.combination[new_block]))
            groups.append(touched & ~new_block & layout.member)
            used.append(touched)
        for unions, old in zip(layout.unions, world.remainders, strict=True):
            new, touched = _remainders(unions, block, layout.member)
            changed = np.flatnonzero((new != old).any(axis=1))
            groups += list(new[changed])
            used += list(touched[changed])
    width = len(layout.member)
    return (
        np.array(groups, dtype=bool).reshape(len(groups), width),
        np.array(used, dtype=bool).reshape(len(used), width),
    )


def _exposed(layout: _Layout, shown: np.ndarray, protect: Collection[int]) -> list[int]:
    """The protected (hidden) slices that the shown ones make a sum of blocks.

    The participation table hides a unit's respondents when (nearly) all or
    none of its invited members took part; its count must not follow from
    the slices either, even when it is large.
    """
    exposed = []
    for world in layout.worlds:
        block = _refine(world.block.copy(), layout.slices[shown])
        for i in protect:
            piece = layout.slices[i]
            inside = np.unique(block[piece])
            old_inside = np.unique(world.block[piece])
            given = not np.isin(block[~piece], inside).any()
            given_before = not np.isin(world.block[~piece], old_inside).any()
            if given and not given_before:
                exposed.append(int(i))
    return exposed


def _to_hide(
    layout: _Layout,
    group: np.ndarray,
    used: np.ndarray,
    shown: np.ndarray,
    rank: Mapping[int, int],
) -> int:
    """The slice to hide for a derivable group that breaks the rule.

    The smallest shown slice that was subtracted to get it (it splits a
    block of the place sets the derivation used, outside the group); else
    the smallest that holds part of the group; else the smallest shown.
    Each round hides at least one slice, so the loop ends.
    """
    sure = layout.worlds[0].block
    area = np.isin(sure, np.unique(sure[used | group]))
    candidates = [int(i) for i in np.flatnonzero(shown)]
    subtracted = [
        i
        for i in candidates
        if (layout.slices[i] & area).any() and not (layout.slices[i] & group).any()
    ]
    holding = [i for i in candidates if (layout.slices[i] & group).any()]
    return min(subtracted or holding or candidates, key=lambda i: rank[i])


def _suppress(
    layout: _Layout,
    per_cell: np.ndarray,
    *,
    k: int,
    distribution: bool,
    hidden: set[int],
    protect: Collection[int] = (),
) -> set[int]:
    """Primary suppression, then secondary until no derivable group breaks the rule.

    ``per_cell``: counts per cell and value (one column for respondent
    counts); ``protect``: hidden slices that must not become derivable at all.
    """
    slice_counts = layout.slices.astype(float) @ per_cell
    totals = slice_counts.sum(axis=1)
    primary = _breaks(slice_counts, k=k, distribution=distribution) | (totals == 0)
    hidden = set(hidden) | {int(i) for i in np.flatnonzero(primary)}
    cache = layout.derivable
    order = sorted(
        range(len(layout.kinds)), key=lambda i: (totals[i], layout.kinds[i], layout.codes[i])
    )
    rank = {i: position for position, i in enumerate(order)}
    while True:
        shown = np.array([i not in hidden for i in range(len(layout.kinds))], dtype=bool)
        if not shown.any():
            return hidden
        key = np.packbits(shown).tobytes()
        if key not in cache:
            cache[key] = _derivable(layout, shown)
        groups, used = cache[key]
        broken = np.flatnonzero(
            _breaks(groups.astype(float) @ per_cell, k=k, distribution=distribution)
        )
        exposed = _exposed(layout, shown, protect)
        if not len(broken) and not exposed:
            return hidden
        hidden |= {_to_hide(layout, groups[i], used[i], shown, rank) for i in broken}
        hidden |= {_to_hide(layout, s, s, shown, rank) for s in layout.slices[exposed]}


def reconciled_slices(
    respondents: Sequence[tuple[Mapping[str, str], Mapping[str, str]]],
    items: Mapping[str, Sequence[str]],
    *,
    coding: Coding,
    region_of: Mapping[str, str],
    k: int = DEFAULT_MIN_GROUP,
    open_answers: Sequence[Mapping[str, str]] = (),
    hide_branches: Collection[str] = (),
    hide_regions: Collection[str] = (),
) -> dict:
    """Per branch and region the respondents and item distributions, safe together.

    ``respondents``: per member respondent, the fine background (``branch``
    and the bands ``coding`` codes) and ``{item: value}``; ``open_answers``:
    the ``{item: value}`` of each open-link respondent (in the whole panel's
    figures, in no slice). ``items``: item → its values in order.
    ``hide_branches`` / ``hide_regions``: hidden from the start (the
    participation table hides them). Returns the shape of
    :func:`ledenpanel.analysis.participation.subunit_results`:
    ``{"branch": {code: {"respondents", "suppressed"}}, "region": {…},
    "items": {item: {"branch": {code: counts | None}, "region": {…}}}}``.
    """
    result: dict[str, dict] = {BRANCH: {}, REGION: {}, "items": {}}
    if not respondents:
        result["items"] = {item: {BRANCH: {}, REGION: {}} for item in items}
        return result
    variables = list(coding.variables)
    branches: list[str | None] = [str(bg.get(BRANCH, "")) for bg, _a in respondents]
    coded = [tuple(coding.apply(bg).get(v, "") for v in variables) for bg, _a in respondents]
    branches += [OPEN] * len(open_answers)
    coded += [tuple("" for _ in variables)] * len(open_answers)
    answers = [a for _bg, a in respondents] + list(open_answers)
    layout, of = _layout(branches, coded, variables, region_of)
    n_cells = len(layout.member)
    sizes = np.bincount(of, minlength=n_cells).astype(float).reshape(-1, 1)
    preset = {
        i
        for i, (kind, code) in enumerate(zip(layout.kinds, layout.codes, strict=True))
        if code in (hide_branches if kind == BRANCH else hide_regions)
    }
    hidden = _suppress(layout, sizes, k=k, distribution=False, hidden=preset, protect=preset)
    slice_sizes = layout.slices.astype(float) @ sizes
    for i, (kind, code) in enumerate(zip(layout.kinds, layout.codes, strict=True)):
        result[kind][code] = {
            "respondents": None if i in hidden else int(slice_sizes[i, 0]),
            "suppressed": i in hidden,
        }
    for item, values in items.items():
        column = {str(value): position for position, value in enumerate(values)}
        per_cell = np.zeros((n_cells, len(values)))
        for cell, row in zip(of, answers, strict=True):
            value = row.get(item)
            if value is not None and str(value) in column:
                per_cell[cell, column[str(value)]] += 1
        item_hidden = _suppress(layout, per_cell, k=k, distribution=True, hidden=hidden)
        counts = layout.slices.astype(float) @ per_cell
        table: dict[str, dict] = {BRANCH: {}, REGION: {}}
        for i, (kind, code) in enumerate(zip(layout.kinds, layout.codes, strict=True)):
            table[kind][code] = (
                None
                if i in item_hidden
                else {str(v): int(c) for v, c in zip(values, counts[i], strict=True)}
            )
        result["items"][item] = table
    return result
