"""The Rao–Scott test of a crosstab, vectorised: svy's figures in about two milliseconds.

svy's ``categorical.tabulate`` computes R ``svychisq``'s second-order
Rao–Scott F test, but pays tens of milliseconds per table at n = 10,000,
most of it sweeping the raking out of every cell's influence values one
respondent at a time; a national panel has over a hundred tables. This
module computes the same test with the same steps, in matrix form:

1. the cell shares ``p`` of the domain (respondents with both values; the
   others stay in the design with weight 0) and each respondent's influence
   values ``z = w_D (y − p) / Σw_D``, one per cell;
2. the raking credit: R's (and svy's) ten rounds of sweeping each raking
   margin, each subtracting, per raking cell, the *unweighted* cell mean of
   ``z / w`` times ``w``. A sweep moves ``z / w`` by a constant per raking
   cell, so the sweeps run on cell sums (small matrices) and end in one
   constant ``b`` per *group*: the respondents of one stratum who share
   every raking cell;
3. the Taylor covariance of the shares: PSU totals of ``z``, centred per
   stratum, times ``(1 − n_h/N_h) n_h/(n_h − 1)``. Where every respondent is
   a PSU (a panel), ``Σ z z'`` is expanded into per-group and per-cell sums,
   so no respondent × cell matrix is ever formed;
4. Rao–Scott: ``Δ = (C' D⁻¹ C)⁻¹ C' D⁻¹ V D⁻¹ C`` with ``C`` the interaction
   contrasts orthogonal to the main effects, ``F = X² / tr Δ`` on
   ``tr(Δ)² / tr(Δ²)`` and ``(PSUs − strata in the domain) ×`` that many
   degrees of freedom (R scales X² and Δ by the same n, which cancels).

svy stays the reference: ``tests/analysis/test_raoscott.py`` holds this
against svy on randomised raked, stratified and clustered designs with a
finite population correction, to 1e-9. A design this module does not cover
(another calibration, replicate weights, two-stage population sizes, a
stratum with one PSU, a weight of 0) gets ``None`` from
:meth:`FastRaoScott.of`, and the caller asks svy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
import svy
from scipy.special import fdtrc

# R's raking sweep runs a fixed number of rounds, not to convergence; svy
# copies it and so must we, or the standard errors drift apart.
RAKE_SWEEPS = 10
# Below this trace of Δ svy reports F = 0 on 0 degrees of freedom (p = 1).
MIN_TRACE = 1e-9


@dataclass(frozen=True)
class _Groups:
    """Respondents grouped by stratum and raking cells: they share ``b`` and a stratum."""

    group_of: np.ndarray  # each respondent's group
    stratum: np.ndarray  # each group's stratum
    size: np.ndarray  # respondents per group
    weight: np.ndarray  # Σw per group
    weight_squared: np.ndarray  # Σw² per group
    raking_cells: tuple[np.ndarray, ...]  # per raking margin: each group's cell


@dataclass(frozen=True)
class _Raking:
    """The raking margins as svy's sweep sees them, on groups instead of respondents."""

    cells: tuple[np.ndarray, ...]  # per margin: each group's cell
    members: tuple[np.ndarray, ...]  # per margin: cells × groups, 1 where the group is in it
    sizes: tuple[np.ndarray, ...]  # per margin: respondents per cell
    cross: tuple[tuple[np.ndarray, ...], ...]  # [l][m]: respondents in cell a of l and b of m

    @classmethod
    def of(cls, groups: _Groups) -> _Raking:
        cells = groups.raking_cells
        counts = [int(cell.max()) + 1 for cell in cells]
        cross = tuple(
            tuple(
                np.bincount(a * cb + b, weights=groups.size, minlength=ca * cb).reshape(ca, cb)
                for b, cb in zip(cells, counts, strict=True)
            )
            for a, ca in zip(cells, counts, strict=True)
        )
        sizes = tuple(
            np.bincount(cell, weights=groups.size, minlength=count)
            for cell, count in zip(cells, counts, strict=True)
        )
        members = tuple(
            (np.arange(count)[:, None] == cell[None, :]).astype(np.float64)
            for cell, count in zip(cells, counts, strict=True)
        )
        return cls(cells, members, sizes, cross)

    def sweep(self, sums: list[np.ndarray]) -> list[np.ndarray]:
        """Per margin, what each raking cell's ``z / w`` loses over all the sweeps.

        ``sums[m]``: the sum of ``z / w`` per cell of margin m (rows) and
        crosstab cell (columns); kept current as the sweeps go.
        """
        taken = [np.zeros_like(total) for total in sums]
        for _round in range(RAKE_SWEEPS):
            for m, size in enumerate(self.sizes):
                # svy skips a raking cell without respondents (0 / 0).
                mean = np.divide(
                    sums[m], size[:, None], out=np.zeros_like(sums[m]), where=size[:, None] != 0
                )
                taken[m] += mean
                for total, cross in zip(sums, self.cross, strict=True):
                    total -= cross[m] @ mean
        return taken


@dataclass(frozen=True)
class _Strata:
    """PSUs per stratum and the variance factor ``(1 − n_h/N_h) n_h/(n_h − 1)``."""

    psus: np.ndarray  # per stratum
    factor: np.ndarray  # per stratum
    psu: np.ndarray | None  # each respondent's PSU (None: each respondent is one)
    psu_stratum: np.ndarray | None  # each PSU's stratum


@dataclass(frozen=True)
class _Domain:
    """One crosstab's domain: its respondents, their cells and the cell shares."""

    inside: np.ndarray  # the respondents with both values
    cell: np.ndarray  # their cell, row-major
    n_rows: int
    n_columns: int
    total: float  # Σw over the domain
    shares: np.ndarray

    @property
    def cells(self) -> int:
        return self.n_rows * self.n_columns


class FastRaoScott:
    """The Rao–Scott test on one design; build with :meth:`of` (None: not covered)."""

    def __init__(
        self, weights: np.ndarray, groups: _Groups, raking: _Raking | None, strata: _Strata
    ) -> None:
        self.weights = weights
        self.groups = groups
        self.raking = raking
        self.strata = strata

    @classmethod
    def of(
        cls, frame: pl.DataFrame, design: svy.Design, weights: np.ndarray
    ) -> FastRaoScott | None:
        """The fast path for ``design``, or None where only svy knows the answer."""
        if design.rep_wgts is not None or design.ssu is not None or not np.all(weights > 0):
            return None
        if design.pop_size is not None and not isinstance(design.pop_size, str):
            return None  # two-stage population sizes
        if not all(isinstance(name, str | None) for name in (design.stratum, design.psu)):
            return None  # strata or PSUs named by several columns
        raking_columns = _raking_columns(frame, design)
        if raking_columns is None:
            return None
        stratum = _column_codes(frame, design.stratum) if design.stratum else None
        strata = _strata(frame, design, stratum, weights.size)
        if strata is None:
            return None
        groups = _groups(weights, stratum, raking_columns)
        raking = _Raking.of(groups) if raking_columns else None
        return cls(weights, groups, raking, strata)

    def test(self, rows: np.ndarray, columns: np.ndarray) -> dict[str, float]:
        """``F``, ``ndf``, ``ddf`` and ``p`` of two coded variables (−1: missing).

        Both need two values among the respondents with both (the caller checks).
        """
        domain = self._domain(rows, columns)
        covariance = self._covariance(domain, self._sweep(domain))
        statistic, trace, trace_squared = _rao_scott(
            domain.shares, covariance, domain.n_rows, domain.n_columns
        )
        # svy's threshold is on Δ scaled by the respondents in the domain.
        if trace * domain.inside.size <= MIN_TRACE:
            return {"F": 0.0, "ndf": 0.0, "ddf": 0.0, "p": 1.0}
        f = statistic / trace
        ndf = trace * trace / trace_squared
        ddf = self._design_df(domain) * ndf
        return {"F": float(f), "ndf": float(ndf), "ddf": float(ddf), "p": float(fdtrc(ndf, ddf, f))}

    def _domain(self, rows: np.ndarray, columns: np.ndarray) -> _Domain:
        inside = np.flatnonzero((rows >= 0) & (columns >= 0))
        row_codes, n_rows = _dense(rows[inside])
        column_codes, n_columns = _dense(columns[inside])
        cell = row_codes * n_columns + column_codes
        weights = self.weights[inside]
        total = float(weights.sum())
        shares = np.bincount(cell, weights=weights, minlength=n_rows * n_columns) / total
        return _Domain(inside, cell, n_rows, n_columns, total, shares)

    def _sweep(self, domain: _Domain) -> np.ndarray:
        """Each group's constant ``b`` (groups × cells): ``z / w`` less ``b`` is swept.

        Before the sweeps ``z / w = (y − p) / Σw_D`` in the domain and 0
        outside; the sums per raking cell come from the counts per group.
        """
        groups = self.groups
        if self.raking is None:
            return np.zeros((groups.size.size, domain.cells))
        counts = _per_group(groups, domain, None)
        in_domain = counts.sum(axis=1)
        sums = [
            (members @ counts - np.outer(members @ in_domain, domain.shares)) / domain.total
            for members in self.raking.members
        ]
        taken = self.raking.sweep(sums)
        return sum(
            (lost[cell] for cell, lost in zip(self.raking.cells, taken, strict=True)),
            start=np.zeros((groups.size.size, domain.cells)),
        )

    def _covariance(self, domain: _Domain, swept: np.ndarray) -> np.ndarray:
        """Taylor covariance of the shares: per stratum, PSU totals centred, with the FPC."""
        totals = (
            self._stratum_sums_by_respondent(domain, swept)
            if self.strata.psu is None
            else self._stratum_sums_by_psu(domain, swept)
        )
        covariance = np.zeros((domain.cells, domain.cells))
        for factor, psus, (squares, total) in zip(
            self.strata.factor, self.strata.psus, totals, strict=True
        ):
            covariance += factor * (squares - np.outer(total, total) / psus)
        return covariance

    def _stratum_sums_by_respondent(
        self, domain: _Domain, swept: np.ndarray
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per stratum, ``Σ z z'`` and ``Σ z`` with every respondent a PSU.

        ``z = w (a − b)`` with ``a = (y − p) / Σw_D`` in the domain (0
        outside) and ``b`` the group's swept constant, so ``Σ z z'`` is
        ``Σw²aa' − Σw²(ab' + ba') + Σw²bb'``, each a sum over cells or groups.
        """
        groups, p, total = self.groups, domain.shares, domain.total
        squares_by_cell = _per_group(groups, domain, self.weights**2)  # groups × cells
        weight_by_cell = _per_group(groups, domain, self.weights)
        result = []
        for stratum in range(self.strata.psus.size):
            member = groups.stratum == stratum
            b = swept[member]
            q = squares_by_cell[member].sum(axis=0)
            aa = (
                np.diag(q) - np.outer(q, p) - np.outer(p, q) + q.sum() * np.outer(p, p)
            ) / total**2
            centred = squares_by_cell[member] - np.outer(squares_by_cell[member].sum(axis=1), p)
            ab = centred.T @ b / total
            bb = b.T @ (groups.weight_squared[member][:, None] * b)
            weighted = weight_by_cell[member]
            z = (weighted.sum(axis=0) - weighted.sum() * p) / total - groups.weight[member] @ b
            result.append((aa - ab - ab.T + bb, z))
        return result

    def _stratum_sums_by_psu(
        self, domain: _Domain, swept: np.ndarray
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per stratum, ``Σ t t'`` and ``Σ t`` over the PSU totals ``t`` of ``z``."""
        strata, weights = self.strata, self.weights
        assert strata.psu is not None
        assert strata.psu_stratum is not None
        scaled = -swept[self.groups.group_of]
        inside = domain.inside
        scaled[inside] -= domain.shares / domain.total
        scaled[inside, domain.cell] += 1.0 / domain.total
        influence = scaled * weights[:, None]
        totals = np.zeros((strata.psu_stratum.size, domain.cells))
        np.add.at(totals, strata.psu, influence)
        result = []
        for stratum in range(strata.psus.size):
            members = totals[strata.psu_stratum == stratum]
            result.append((members.T @ members, members.sum(axis=0)))
        return result

    def _design_df(self, domain: _Domain) -> int:
        """PSUs minus strata, counting those with a respondent in the domain (as svy)."""
        strata = self.strata
        inside = domain.inside
        strata_in = np.unique(self.groups.stratum[self.groups.group_of[inside]]).size
        if strata.psu is None:
            return int(inside.size - strata_in)
        return int(np.unique(strata.psu[inside]).size - strata_in)


def _dense(codes: np.ndarray) -> tuple[np.ndarray, int]:
    """Codes renumbered 0… over the values present: svy's levels are those of the domain."""
    present = np.flatnonzero(np.bincount(codes))
    renumber = np.full(int(codes.max()) + 1, -1, np.int64)
    renumber[present] = np.arange(present.size)
    return renumber[codes], int(present.size)


def _per_group(groups: _Groups, domain: _Domain, values: np.ndarray | None) -> np.ndarray:
    """Per group (rows) and cell (columns): the count, or sum of ``values``, in the domain."""
    inside = domain.inside
    index = groups.group_of[inside] * domain.cells + domain.cell
    sums = np.bincount(
        index,
        weights=None if values is None else values[inside],
        minlength=groups.size.size * domain.cells,
    )
    return sums.reshape(groups.size.size, domain.cells).astype(np.float64)


def _rao_scott(
    shares: np.ndarray, covariance: np.ndarray, n_rows: int, n_columns: int
) -> tuple[float, float, float]:
    """Pearson's X² of the shares, tr Δ and tr Δ² (X² and Δ both without R's factor n)."""
    main, interaction = _contrasts(n_rows, n_columns)
    q, _r = np.linalg.qr(main)
    contrasts = interaction - q @ (q.T @ interaction)
    inverse = np.divide(1.0, shares, out=np.zeros_like(shares), where=shares != 0)
    scaled = contrasts * inverse[:, None]
    denominator = contrasts.T @ scaled
    numerator = scaled.T @ covariance @ scaled
    delta = np.linalg.pinv(denominator) @ numerator
    table = shares.reshape(n_rows, n_columns)
    expected = np.outer(table.sum(axis=1), table.sum(axis=0))
    positive = expected > 0
    statistic = float(((table - expected)[positive] ** 2 / expected[positive]).sum())
    return statistic, float(np.trace(delta)), float(np.sum(delta * delta.T))


def _contrasts(n_rows: int, n_columns: int) -> tuple[np.ndarray, np.ndarray]:
    """R's ``~rows + cols`` and the interaction columns of ``~rows * cols`` (rows outer)."""
    row = np.repeat(np.arange(n_rows), n_columns)
    column = np.tile(np.arange(n_columns), n_rows)
    row_dummies = (row[:, None] == np.arange(1, n_rows)).astype(np.float64)
    column_dummies = (column[:, None] == np.arange(1, n_columns)).astype(np.float64)
    main = np.column_stack([np.ones(row.size), row_dummies, column_dummies])
    interaction = (row_dummies[:, :, None] * column_dummies[:, None, :]).reshape(row.size, -1)
    return main, interaction


def _raking_columns(frame: pl.DataFrame, design: svy.Design) -> list[np.ndarray] | None:
    """The raking record's cell codes ([] without a calibration; None: not covered)."""
    record = getattr(design, "wgt_adjustment", None)
    if record is None or not record.is_variance_consumed:
        return []
    if record.kind != "raking" or not record.cells or record.new_wgt != design.wgt:
        return None
    columns = [frame.get_column(name) for name in record.cells]
    if any(column.null_count() or column.min() < 0 for column in columns):
        return None  # respondents outside the raking
    return [column.to_numpy().astype(np.int64) for column in columns]


def _groups(weights: np.ndarray, stratum: np.ndarray | None, raking: list[np.ndarray]) -> _Groups:
    """Respondents grouped by stratum and raking cells (a panel: some hundreds of groups)."""
    n = weights.size
    keys = np.column_stack([stratum if stratum is not None else np.zeros(n, np.int64), *raking])
    unique, group_of = np.unique(keys, axis=0, return_inverse=True)
    group_of = group_of.reshape(-1)
    return _Groups(
        group_of=group_of,
        stratum=unique[:, 0],
        size=np.bincount(group_of).astype(np.float64),
        weight=np.bincount(group_of, weights=weights),
        weight_squared=np.bincount(group_of, weights=weights * weights),
        raking_cells=tuple(unique[:, 1 + m] for m in range(len(raking))),
    )


def _strata(
    frame: pl.DataFrame, design: svy.Design, stratum: np.ndarray | None, n: int
) -> _Strata | None:
    """PSUs per stratum and the FPC; None when a stratum has one PSU (svy's singleton rules)."""
    stratum = stratum if stratum is not None else np.zeros(n, np.int64)
    psu = psu_stratum = None
    if design.psu:
        # A PSU is known by its stratum and its own value, as in svy.
        names = [name for name in (design.stratum, design.psu) if name]
        psu = _column_codes(frame, *names)
        psu_stratum = np.zeros(int(psu.max()) + 1, np.int64)
        psu_stratum[psu] = stratum
        psus = np.bincount(psu_stratum)
    else:
        psus = np.bincount(stratum)
    if np.any(psus < 2):
        return None
    factor = psus / (psus - 1.0)
    if design.pop_size is not None:
        population = np.zeros(psus.size)
        population[stratum] = frame.get_column(design.pop_size).to_numpy()  # one N per stratum
        factor = factor * (population - psus) / population
    return _Strata(psus.astype(np.float64), factor, psu, psu_stratum)


def _column_codes(frame: pl.DataFrame, *names: str) -> np.ndarray:
    """One code per distinct combination of the columns' values."""
    keys = frame.select(pl.concat_str([pl.col(n).cast(pl.String) for n in names], separator="\0"))
    codes = keys.to_series().rank("dense").to_numpy()
    return codes.astype(np.int64) - 1


__all__ = ["FastRaoScott"]
