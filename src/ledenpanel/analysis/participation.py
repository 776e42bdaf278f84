"""Tables that need the fine background data, computed once at close.

The close procedure (``closing``) calls these while it holds the
opened envelopes; afterwards only the coded bands remain, so whatever needs
branch, region or fine bands is computed here and stored already suppressed
(docs/anonymity.md, step 5):

- **participation**: invited and responded per branch, region and band;
- **representativeness**: the R-indicator ``R = 1 − 2·S(ρ̂)`` (Schouten,
  Cobben & Bethlehem 2009) with response propensities from a logistic
  regression of *responded* on the register bands of everyone invited, and
  the unconditional partial R-indicators per variable and category (Schouten,
  Shlomo & Skinner 2011);
- **per-sub-unit results**: the answer distributions of each closed question
  per branch and per region.

Suppression (``analysis.disclosure``): a group's figures are hidden when it
has fewer than ``k`` respondents or its distribution is disclosive (everyone,
or all but a few, in one answer — for participation: nearly all invited took
part, or nearly none); secondary suppression across siblings, in the
hierarchy panel → region → branch, so no hidden figure is a total minus shown
ones. Invited counts come from the register and are always shown.

Pure Python with numpy and scikit-learn: no Django.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence

import numpy as np

from ledenpanel.analysis.disclosure import (
    DEFAULT_MIN_GROUP,
    distribution_is_disclosive,
    participation_is_disclosive,
    suppress_siblings,
)
from ledenpanel.analysis.representativeness import cell_propensities, r_indicator_from_cells

BAND_VARIABLES = ("age", "gender", "tenure")
# Register variables in the propensity model; branch is nested in region and
# would give small categories, so the model uses region.
MODEL_VARIABLES = ("age", "gender", "region", "tenure")


def _violates(hidden: Mapping[str, int], k: int) -> bool:
    total = sum(hidden.values())
    return len(hidden) == 1 or 0 < total < k


def suppress_places(
    branch_counts: Mapping[str, int],
    region_of: Mapping[str, str],
    *,
    k: int = DEFAULT_MIN_GROUP,
    hide_branches: Collection[str] = (),
    hide_regions: Collection[str] = (),
) -> tuple[set[str], set[str]]:
    """Hidden branches and regions for figures that add up the hierarchy.

    The panel total is shown; regions add up to it, and a region's branches
    add up to the region. Repeats the sibling rule at each level until no
    hidden group can be recovered by subtraction (a region whose hidden
    branches cannot be protected otherwise is hidden itself).
    """
    region_counts: Counter = Counter()
    for branch, count in branch_counts.items():
        region_counts[region_of.get(branch, "")] += count
    hidden_b, hidden_r = set(hide_branches), set(hide_regions)
    while True:
        before = (len(hidden_b), len(hidden_r))
        shown = suppress_siblings(region_counts, k=k, also_hide=hidden_r)
        hidden_r |= {name for name, s in shown.items() if s.suppressed}
        for region in region_counts:
            children = {b: c for b, c in branch_counts.items() if region_of.get(b, "") == region}
            total_shown = region not in hidden_r
            shown = suppress_siblings(
                children, k=k, total_shown=total_shown, also_hide=hidden_b & children.keys()
            )
            hidden_b |= {name for name, s in shown.items() if s.suppressed}
            hidden = {b: c for b, c in children.items() if b in hidden_b}
            if total_shown and hidden and _violates(hidden, k):
                hidden_r.add(region)
        shown = suppress_siblings(branch_counts, k=k, also_hide=hidden_b)
        hidden_b |= {name for name, s in shown.items() if s.suppressed}
        if (len(hidden_b), len(hidden_r)) == before:
            return hidden_b, hidden_r


def _rate(responded: int, invited: int) -> float | None:
    return round(responded / invited, 4) if invited else None


def _cells(
    invited: Counter, responded: Counter, hidden: Collection[str]
) -> dict[str, dict[str, object]]:
    return {
        name: {
            "invited": invited[name],
            "responded": None if name in hidden else responded[name],
            "rate": None if name in hidden else _rate(responded[name], invited[name]),
            "suppressed": name in hidden,
        }
        for name in sorted(invited)
    }


def participation(
    backgrounds: Sequence[Mapping[str, str]],
    responded: Sequence[bool],
    *,
    region_of: Mapping[str, str],
    k: int = DEFAULT_MIN_GROUP,
) -> dict:
    """Invited and responded per branch, region and band, suppressed.

    ``backgrounds`` are the fine bands of every invited member, ``responded``
    whether each took part. Returns ``{"invited", "responded", "rate", "by":
    {variable: {category: {"invited", "responded", "rate", "suppressed"}}}}``.
    """
    invited_by: dict[str, Counter] = defaultdict(Counter)
    responded_by: dict[str, Counter] = defaultdict(Counter)
    for background, took_part in zip(backgrounds, responded, strict=True):
        for variable in ("branch", "region", *BAND_VARIABLES):
            value = str(background.get(variable, ""))
            invited_by[variable][value] += 1
            responded_by[variable][value] += bool(took_part)
    by: dict[str, dict] = {}

    def disclosive(variable: str) -> set[str]:
        return {
            name
            for name in invited_by[variable]
            if participation_is_disclosive(responded_by[variable][name], invited_by[variable][name])
        }

    hidden_b, hidden_r = suppress_places(
        responded_by["branch"],
        region_of,
        k=k,
        hide_branches=disclosive("branch"),
        hide_regions=disclosive("region"),
    )
    by["branch"] = _cells(invited_by["branch"], responded_by["branch"], hidden_b)
    by["region"] = _cells(invited_by["region"], responded_by["region"], hidden_r)
    for variable in BAND_VARIABLES:
        shown = suppress_siblings(responded_by[variable], k=k, also_hide=disclosive(variable))
        hidden = {name for name, s in shown.items() if s.suppressed}
        by[variable] = _cells(invited_by[variable], responded_by[variable], hidden)
    total_responded = sum(bool(r) for r in responded)
    return {
        "invited": len(responded),
        "responded": total_responded,
        "rate": _rate(total_responded, len(responded)),
        "by": by,
    }


def participation_hide(
    table: Mapping[str, object], *, branches: Collection[str], regions: Collection[str]
) -> dict:
    """The participation table with these branches' and regions' respondents hidden too.

    Hiding more never makes a remainder smaller, so the table stays safe;
    the close hides what the slices (``analysis.slices``) hide, so the two
    tables show respondents for the same units.
    """
    by = dict(table["by"])  # type: ignore[call-overload]
    for variable, names in (("branch", branches), ("region", regions)):
        by[variable] = {
            name: (
                {**cell, "responded": None, "rate": None, "suppressed": True}
                if name in names
                else cell
            )
            for name, cell in by[variable].items()
        }
    return {**table, "by": by}


def propensities(
    backgrounds: Sequence[Mapping[str, str]],
    responded: Sequence[bool],
    variables: Sequence[str] = MODEL_VARIABLES,
) -> np.ndarray:
    """Each invited member's estimated response propensity (main-effects logistic model)."""
    keys = [tuple(str(b.get(v, "")) for v in variables) for b in backgrounds]
    by_cell = cell_propensities(_cells_of(keys, responded), variables)
    return np.array([by_cell[key] for key in keys], dtype=float)


def _cells_of(
    keys: Sequence[tuple[str, ...]], responded: Sequence[bool]
) -> dict[tuple[str, ...], tuple[float, float]]:
    counts: dict[tuple[str, ...], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for key, took_part in zip(keys, responded, strict=True):
        counts[key][0 if took_part else 1] += 1
    return {key: (yes, no) for key, (yes, no) in counts.items()}


def r_indicator(
    backgrounds: Sequence[Mapping[str, str]],
    responded: Sequence[bool],
    *,
    variables: Sequence[str] = MODEL_VARIABLES,
    hidden: Mapping[str, Collection[str]] | None = None,
) -> dict | None:
    """R-indicator and partial R-indicators of the invited members
    (:mod:`ledenpanel.analysis.representativeness`).

    All invited count alike (the sample is treated as the population: no
    design weights).
    """
    if len(backgrounds) < 2:
        return None
    keys = [tuple(str(b.get(v, "")) for v in variables) for b in backgrounds]
    return r_indicator_from_cells(_cells_of(keys, responded), variables, hidden=hidden)


def subunit_results(
    rows: Sequence[tuple[str, Mapping[str, str]]],
    items: Mapping[str, Sequence[str]],
    *,
    region_of: Mapping[str, str],
    k: int = DEFAULT_MIN_GROUP,
) -> dict:
    """Answer distributions of closed questions per branch and per region.

    ``rows``: per member respondent, the fine branch and ``{item: value}``
    (an item is a closed question, a grid statement or one option of a
    multiple-choice question); ``items``: item → its values in order. A
    group is shown only with ≥ k respondents; within a shown group an item
    is shown only with ≥ k answers and a non-disclosive distribution, and
    items hidden in one group are protected across its siblings.
    """
    branch_sizes: Counter = Counter(branch for branch, _answers in rows)
    hidden_b, hidden_r = suppress_places(branch_sizes, region_of, k=k)
    region_sizes: Counter = Counter()
    for branch, size in branch_sizes.items():
        region_sizes[region_of.get(branch, "")] += size
    result: dict[str, dict] = {
        "branch": {
            b: {"respondents": None if b in hidden_b else n, "suppressed": b in hidden_b}
            for b, n in sorted(branch_sizes.items())
        },
        "region": {
            r: {"respondents": None if r in hidden_r else n, "suppressed": r in hidden_r}
            for r, n in sorted(region_sizes.items())
        },
        "items": {},
    }
    for item, values in items.items():
        by_branch: dict[str, Counter] = defaultdict(Counter)
        for branch, answers in rows:
            value = answers.get(item)
            if value is not None:
                by_branch[branch][str(value)] += 1
        by_region: dict[str, Counter] = defaultdict(Counter)
        for branch, counts in by_branch.items():
            by_region[region_of.get(branch, "")].update(counts)
        answered_b = {b: sum(by_branch[b].values()) for b in branch_sizes}
        item_hidden_b, item_hidden_r = suppress_places(
            answered_b,
            region_of,
            k=k,
            hide_branches=hidden_b
            | {b for b, c in by_branch.items() if distribution_is_disclosive(c)},
            hide_regions=hidden_r
            | {r for r, c in by_region.items() if distribution_is_disclosive(c)},
        )
        result["items"][item] = {
            "branch": _distributions(by_branch, branch_sizes, values, item_hidden_b),
            "region": _distributions(by_region, region_sizes, values, item_hidden_r),
        }
    return result


def _distributions(
    counts: Mapping[str, Counter],
    groups: Collection[str],
    values: Sequence[str],
    hidden: Collection[str],
) -> dict[str, dict[str, int] | None]:
    return {
        group: None if group in hidden else {value: counts[group][value] for value in values}
        for group in sorted(groups)
    }
