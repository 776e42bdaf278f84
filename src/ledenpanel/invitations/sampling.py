"""Who is invited: background bands and reproducible samples (pure Python).

A panel's population is drawn at opening. The draw uses a recorded seed so
anyone can repeat and audit it: the same population (in member-number order)
and the same seed give the same sample. Stratified samples allocate the
sample size to strata in proportion to their size (largest remainders), then
draw at random within each stratum.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

AGE_BANDS = ((16, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 74), (75, None))
TENURE_BANDS = ((0, 1), (2, 4), (5, 9), (10, 19), (20, None))
UNKNOWN = "onbekend"


def _years_between(start: date, end: date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def _band(value: int, bands: tuple[tuple[int, int | None], ...]) -> str:
    for low, high in bands:
        if value >= low and (high is None or value <= high):
            return f"{low}+" if high is None else f"{low}-{high}"
    return UNKNOWN


def age_band(birth_date: date | None, *, on: date) -> str:
    return UNKNOWN if birth_date is None else _band(_years_between(birth_date, on), AGE_BANDS)


def tenure_band(member_since: date | None, *, on: date) -> str:
    if member_since is None:
        return UNKNOWN
    return _band(max(0, _years_between(member_since, on)), TENURE_BANDS)


def is_under(birth_date: date | None, years: int, *, on: date) -> bool:
    return birth_date is not None and _years_between(birth_date, on) < years


@dataclass(frozen=True)
class Candidate:
    member_id: int
    stratum: tuple[str, ...] = ()


def simple_random_sample(candidates: Sequence[Candidate], size: int, *, seed: int) -> list[int]:
    """``size`` members drawn without replacement (everyone if size ≥ population)."""
    ids = sorted(candidate.member_id for candidate in candidates)
    if size >= len(ids):
        return ids
    generator = np.random.default_rng(seed)
    chosen = generator.choice(len(ids), size=size, replace=False)
    return sorted(ids[index] for index in chosen)


def proportional_allocation(
    sizes: dict[tuple[str, ...], int], total: int
) -> dict[tuple[str, ...], int]:
    """Share ``total`` over strata in proportion to their sizes (Hamilton's method)."""
    population = sum(sizes.values())
    if population == 0:
        return {stratum: 0 for stratum in sizes}
    total = min(total, population)
    exact = {stratum: total * size / population for stratum, size in sizes.items()}
    allocation = {stratum: int(share) for stratum, share in exact.items()}
    leftover = total - sum(allocation.values())
    # Ties are broken by stratum name so the allocation is reproducible.
    by_remainder = sorted(exact, key=lambda s: (-(exact[s] - allocation[s]), s))
    for stratum in by_remainder[:leftover]:
        allocation[stratum] += 1
    return allocation


def stratified_sample(candidates: Sequence[Candidate], size: int, *, seed: int) -> list[int]:
    strata: dict[tuple[str, ...], list[int]] = {}
    for candidate in candidates:
        strata.setdefault(candidate.stratum, []).append(candidate.member_id)
    allocation = proportional_allocation({s: len(ids) for s, ids in strata.items()}, size)
    generator = np.random.default_rng(seed)
    chosen: list[int] = []
    for stratum in sorted(strata):
        ids = sorted(strata[stratum])
        take = allocation[stratum]
        picked = generator.choice(len(ids), size=take, replace=False) if take else []
        chosen.extend(ids[index] for index in picked)
    return sorted(chosen)


def band_counts(rows: Sequence[tuple[str, ...]]) -> dict[str, int]:
    """Counts per combination of bands, keyed "band|band|…" for JSON storage."""
    return dict(sorted(Counter("|".join(row) for row in rows).items()))
