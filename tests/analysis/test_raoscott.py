"""The vectorised Rao–Scott test gives svy's figures, to 1e-9, on randomised designs.

svy is the reference (``Design.rao_scott_svy``); ``Design.rao_scott`` takes
the fast path of ``analysis.raoscott`` wherever that covers the design. Each
design is drawn at random: raked panels with a finite population correction
(with trimming and unknown categories, as ``weighting.rake`` makes them),
stratified designs, stratified cluster designs raked with svy, and equal
weights with and without a population size. Each table is drawn at random
too: 2–7 rows and columns, missing values on either side, and domains that
leave out whole strata and PSUs.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
import svy

from ledenpanel.analysis.design import Design, WeightingReport, unweighted
from ledenpanel.analysis.weighting import _raked_sample, rake

TOLERANCE = 1e-9
TABLES_PER_DESIGN = 6


def _panel(rng: np.random.Generator) -> Design:
    """A raked panel as the engine makes one: FPC, trimming, some unknown values."""
    n = int(rng.integers(300, 900))
    ages, regions = ["jong", "midden", "oud"], ["noord", "oost", "zuid", "west"]
    age = [str(a) if rng.random() > 0.03 else None for a in rng.choice(ages, n, p=[0.2, 0.3, 0.5])]
    region = [str(r) for r in rng.choice(regions, n)]
    population = int(n * rng.uniform(2, 20))
    return rake(
        {"age": age, "region": region},
        {
            "age": dict(zip(ages, rng.dirichlet([4, 4, 4]) * population, strict=True)),
            "region": dict(zip(regions, rng.dirichlet([4, 4, 4, 4]) * population, strict=True)),
        },
        population_size=population,
        trim=(0.5, 1.6),
    )


def _survey(rng: np.random.Generator, *, clusters: bool, raked: bool) -> Design:
    """A stratified design (with PSUs if ``clusters``), unequal weights, FPC per stratum."""
    n = int(rng.integers(300, 900))
    strata = rng.choice(["s1", "s2", "s3", "s4"], n)
    sizes = {"s1": 400.0, "s2": 900.0, "s3": 250.0, "s4": 600.0}
    columns: dict[str, list] = {
        "stratum": strata.tolist(),
        "base": rng.uniform(0.5, 4.0, n).tolist(),
        "cell": rng.choice(["a", "b", "c"], n).tolist(),
    }
    if clusters:
        columns["psu"] = [f"c{c}" for c in rng.integers(0, 15, n)]
        sizes = {stratum: 60.0 for stratum in sizes}  # PSUs in the population
    columns["population"] = [sizes[s] * (1 if clusters else n / 500) for s in strata]
    design = svy.Design(
        stratum="stratum",
        psu="psu" if clusters else None,
        wgt="base",
        pop_size="population",
    )
    frame = pl.DataFrame(columns)
    if raked:
        total = float(frame["base"].sum())
        shares = rng.dirichlet([3, 3, 3])
        controls = {"cell": dict(zip(["a", "b", "c"], shares * total, strict=True))}
        sample = _raked_sample(frame, design, controls, bounds=None)
    else:
        sample = svy.Sample(frame, design)
    return Design(sample, population_size=None, ci_method="test", weighting=WeightingReport())


def _designs() -> list[tuple[str, Design]]:
    rng = np.random.default_rng(2026)
    designs = [(f"raked panel {i}", _panel(rng)) for i in range(3)]
    designs += [
        ("stratified", _survey(rng, clusters=False, raked=False)),
        ("stratified, raked", _survey(rng, clusters=False, raked=True)),
        ("stratified clusters", _survey(rng, clusters=True, raked=False)),
        ("stratified clusters, raked", _survey(rng, clusters=True, raked=True)),
        ("equal weights with FPC", unweighted(500, population_size=3000)),
        ("equal weights", unweighted(400, population_size=None)),
    ]
    return designs


def _table(rng: np.random.Generator, n: int, *, leave_out: np.ndarray) -> tuple[list, list]:
    """Two random variables; respondents in ``leave_out`` have no row value."""
    n_rows, n_columns = (int(v) for v in rng.integers(2, 8, 2))
    skew = rng.dirichlet(np.ones(n_columns) * 2)
    rows = [f"g{v}" for v in rng.integers(0, n_rows, n)]
    columns = [f"o{v}" for v in rng.choice(n_columns, n, p=skew)]
    rows = [
        None if out or rng.random() < 0.08 else v for v, out in zip(rows, leave_out, strict=True)
    ]
    columns = [None if rng.random() < 0.08 else v for v in columns]
    return rows, columns


@pytest.mark.parametrize(("name", "design"), _designs(), ids=lambda value: str(value)[:30])
def test_the_fast_test_gives_svys_figures(name: str, design: Design) -> None:
    assert design.has_fast_tests, name
    rng = np.random.default_rng(len(name))
    for table in range(TABLES_PER_DESIGN):
        # Every other table leaves a random fifth of the respondents out of the domain.
        leave_out = (rng.random(design.n) < 0.2) if table % 2 else np.zeros(design.n, bool)
        rows, columns = _table(rng, design.n, leave_out=leave_out)
        fast = design.rao_scott(rows, columns)
        reference = design.rao_scott_svy(rows, columns)
        assert fast["n"] == reference["n"]
        for key in ("F", "ndf", "ddf"):
            assert fast[key] == pytest.approx(reference[key], rel=TOLERANCE), (name, table, key)
        assert fast["p"] == pytest.approx(reference["p"], abs=TOLERANCE), (name, table)


def test_a_domain_without_whole_strata_and_psus_keeps_svys_degrees_of_freedom() -> None:
    rng = np.random.default_rng(7)
    design = _survey(rng, clusters=True, raked=True)
    frame = design._frame
    strata = frame.get_column("stratum").to_list()
    psus = frame.get_column("psu").to_list()
    leave_out = np.array(
        [s == "s2" or p in ("c1", "c2") for s, p in zip(strata, psus, strict=True)]
    )
    rows, columns = _table(rng, design.n, leave_out=leave_out)
    fast, reference = design.rao_scott(rows, columns), design.rao_scott_svy(rows, columns)
    assert fast["ddf"] == pytest.approx(reference["ddf"], rel=TOLERANCE)
    assert fast["p"] == pytest.approx(reference["p"], abs=TOLERANCE)


def test_the_crosstabs_of_a_panel_give_svys_figures() -> None:
    """The engine's coded tables (hidden groups, merged options) through both paths."""
    rng = np.random.default_rng(11)
    design = _panel(rng)
    rows = np.where(rng.random(design.n) < 0.15, -1, rng.integers(0, 4, design.n))
    columns = np.where(rng.random(design.n) < 0.1, -1, rng.integers(0, 3, design.n))
    fast = design.rao_scott_coded(rows, columns)
    labels = [[None if c < 0 else f"v{c}" for c in codes.tolist()] for codes in (rows, columns)]
    reference = design.rao_scott_svy(*labels)
    for key in ("F", "ndf", "ddf"):
        assert fast[key] == pytest.approx(reference[key], rel=TOLERANCE)
    assert fast["p"] == pytest.approx(reference["p"], abs=TOLERANCE)


def test_a_design_the_fast_path_does_not_cover_is_left_to_svy() -> None:
    """A stratum with one PSU needs svy's singleton rules: svy answers."""
    rng = np.random.default_rng(3)
    n = 200
    frame = pl.DataFrame(
        {
            "stratum": ["s1"] * 100 + ["s2"] * 100,
            "psu": [f"c{i % 5}" for i in range(100)] + ["only"] * 100,
            "base": rng.uniform(1, 2, n).tolist(),
        }
    )
    sample = svy.Sample(
        frame, svy.Design(stratum="stratum", psu="psu", wgt="base", singleton="center")
    )
    design = Design(sample, population_size=None, ci_method="test", weighting=WeightingReport())
    assert not design.has_fast_tests
    rows = [f"g{v}" for v in rng.integers(0, 2, n)]
    columns = [f"o{v}" for v in rng.integers(0, 3, n)]
    assert design.rao_scott(rows, columns) == design.rao_scott_svy(rows, columns)
