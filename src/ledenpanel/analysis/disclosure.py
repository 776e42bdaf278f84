"""Disclosure control: which figures about small groups may be shown.

The rules (docs/anonymity.md, "Small groups"), used by every view, report
and export that shows a figure for part of a panel:

- **Primary suppression.** A group with fewer than ``k`` respondents is not
  shown (``k`` defaults to 10).
- **Secondary suppression.** When the total of a set of sibling groups is
  shown (the whole panel, or a region above its branches), the hidden groups
  together must not be recoverable as "total minus the shown ones". So more
  groups are hidden, smallest first, until the hidden ones together hold at
  least ``k`` respondents (or none at all). A lone hidden group is therefore
  never left on its own.
- **Distributions.** Within a shown group, a distribution where one answer
  takes all, or all but fewer than ``min_others`` (3), is hidden: it would
  tell each member of the group what the others answered.

Across background variables (an area and its neighbourhoods), these rules
per table are not enough: :mod:`ledenpanel.analysis.nesting` codes the
crosstab variables together and keeps hidden groups hidden across tables.

Figures for the whole panel are never suppressed (docs/methodology.md,
section 6, says what that reveals); a panel with fewer than ``k``
respondents gets no results at all (``panel_has_results``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

DEFAULT_MIN_GROUP = 10
DEFAULT_MIN_OTHERS = 3


@dataclass(frozen=True)
class Shown:
    """A figure as it may be shown: ``count`` is None when suppressed."""

    count: int | None
    suppressed: bool


def panel_has_results(respondents: int, *, k: int = DEFAULT_MIN_GROUP) -> bool:
    return respondents >= k


def suppress_siblings(
    counts: Mapping[str, int],
    *,
    k: int = DEFAULT_MIN_GROUP,
    total_shown: bool = True,
    also_hide: Collection[str] = (),
) -> dict[str, Shown]:
    """Primary and secondary suppression of sibling groups.

    ``counts`` are the respondents per group of one breakdown whose groups
    add up to a known total (set ``total_shown=False`` when that total is
    itself hidden and no other table gives it away). Groups are ranked by
    size, then by name, so the result is deterministic. ``also_hide`` names
    groups hidden for another reason (a disclosive distribution, a hidden
    parent): they count as primary suppressions.
    """
    hidden = {name for name, count in counts.items() if count < k or name in also_hide}
    if total_shown and hidden:
        shown_by_size = sorted(
            (name for name in counts if name not in hidden), key=lambda name: (counts[name], name)
        )
        hidden_sum = sum(counts[name] for name in hidden)
        # The remainder "total − shown" must be a group of at least k (or of
        # nobody), and never a single group.
        while shown_by_size and (len(hidden) == 1 or 0 < hidden_sum < k):
            name = shown_by_size.pop(0)
            hidden.add(name)
            hidden_sum += counts[name]
    return {
        name: Shown(count=None, suppressed=True) if name in hidden else Shown(count, False)
        for name, count in counts.items()
    }


def distribution_is_disclosive(
    counts: Mapping[str, int], *, min_others: int = DEFAULT_MIN_OTHERS
) -> bool:
    """True when one answer takes all, or all but fewer than ``min_others``."""
    total = sum(counts.values())
    if total == 0:
        return False
    return total - max(counts.values()) < min_others


def participation_is_disclosive(responded: int, invited: int) -> bool:
    """(Nearly) everyone invited in a group took part, or nearly no one: shown,
    the count tells on each member of the group."""
    return distribution_is_disclosive({"yes": responded, "no": invited - responded})
