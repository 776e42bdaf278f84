"""The per-member invitation cap and its priority rule.

Default: at most 3 panels per member per 12 months (the coordinator sets it).
When the cap bites, a member keeps the panels closest to them: their own
branch before their region before the national party (groups count with the
unit they hang under), and between panels of the same level the one planned
first (earliest opening date, then earliest created). So a national panel
cannot crowd out a member's own branch, and a later plan cannot crowd out an
earlier one.

The invitation step asks, for the panel being opened: which of its members
are over the cap once the panels of higher priority in the same window are
counted? Those members are skipped, and the step reports how many.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PlannedPanel:
    key: str
    level: int  # 0 branch, 1 region, 2 national: smaller is closer to the member
    opens_on: date
    created_order: int  # tie-breaker: creation sequence


def priority(panel: PlannedPanel) -> tuple[int, date, int]:
    return (panel.level, panel.opens_on, panel.created_order)


def members_over_cap(
    *,
    opening: PlannedPanel,
    members: Iterable[int],
    invited_in_window: Mapping[int, int],
    competing: Mapping[int, Iterable[PlannedPanel]],
    cap: int,
) -> set[int]:
    """Members of ``opening`` who must be skipped because of the cap.

    ``invited_in_window``: per member, invitations already sent in the window.
    ``competing``: per member, other planned panels (not yet sent) in the
    window that will also include them. Only those with higher priority than
    ``opening`` reserve a place.
    """
    own = priority(opening)
    skipped: set[int] = set()
    for member in members:
        reserved = sum(1 for other in competing.get(member, ()) if priority(other) < own)
        if invited_in_window.get(member, 0) + reserved >= cap:
            skipped.add(member)
    return skipped
