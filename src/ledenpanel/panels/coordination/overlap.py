"""Which planned panels overlap in population and period."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PanelWindow:
    key: str
    unit_id: int  # the population's unit (the group for a group panel)
    opens_on: date | None
    closes_on: date | None


def _ancestors(unit_id: int, parents: Mapping[int, int | None]) -> set[int]:
    chain = {unit_id}
    current = parents.get(unit_id)
    while current is not None and current not in chain:
        chain.add(current)
        current = parents.get(current)
    return chain


def populations_overlap(a: int, b: int, parents: Mapping[int, int | None]) -> bool:
    """One unit lies within the other (or they are the same)."""
    return a in _ancestors(b, parents) or b in _ancestors(a, parents)


def periods_overlap(a: PanelWindow, b: PanelWindow) -> bool:
    if None in (a.opens_on, a.closes_on, b.opens_on, b.closes_on):
        return False
    return a.opens_on <= b.closes_on and b.opens_on <= a.closes_on  # type: ignore[operator]


def overlapping(
    panel: PanelWindow, others: list[PanelWindow], parents: Mapping[int, int | None]
) -> list[PanelWindow]:
    return [
        other
        for other in others
        if other.key != panel.key
        and periods_overlap(panel, other)
        and populations_overlap(panel.unit_id, other.unit_id, parents)
    ]
