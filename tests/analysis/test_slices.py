"""Slices per branch and region, reconciled with the coded bands (``analysis.slices``)."""

from __future__ import annotations

from ledenpanel.analysis.bands import Coding, choose_coding
from ledenpanel.analysis.slices import reconciled_slices

VALUES = ["ja", "nee", "weet"]
REGIONS = {"A1": "G1", "A2": "G1", "B1": "G2", "C1": "G3"}


def _people(sizes: dict[str, int], *, same: frozenset[str] = frozenset()) -> list:
    """``sizes[branch]`` respondents; in the ``same`` branches all answer "ja"."""
    people = []
    for branch, n in sizes.items():
        for i in range(n):
            background = {"branch": branch, "region": REGIONS[branch], "age": "45-54"}
            answer = "ja" if branch in same else VALUES[i % 3]
            people.append((background, {"q": answer}))
    return people


def _slices(people: list, coding: Coding | None = None, **options) -> dict:
    coding = coding or choose_coding([bg for bg, _a in people], region_of=REGIONS, k=10)
    return reconciled_slices(people, {"q": VALUES}, coding=coding, region_of=REGIONS, **options)


def test_it_shows_large_branches_and_regions_with_counts_and_distributions():
    result = _slices(_people({"A1": 30, "A2": 15, "B1": 20, "C1": 12}))

    assert result["branch"]["A1"] == {"respondents": 30, "suppressed": False}
    assert result["region"]["G1"] == {"respondents": 45, "suppressed": False}
    assert result["items"]["q"]["branch"]["A1"] == {"ja": 10, "nee": 10, "weet": 10}
    assert set(result["items"]["q"]["region"]) == {"G1", "G2", "G3"}


def test_a_coded_overig_minus_a_shown_region_never_gives_the_small_one_away():
    # G3 (4) is pooled with G2 into the coded region "overig"; G2 (20) on its
    # own would make "overig − G2" = G3.
    people = _people({"A1": 30, "A2": 15, "B1": 20, "C1": 4})
    coding = Coding(k=10, variables={"region": {"G1": "G1", "G2": "overig", "G3": "overig"}})

    result = _slices(people, coding)

    assert result["region"]["G3"]["suppressed"]
    assert result["region"]["G2"]["suppressed"]
    assert result["branch"]["B1"]["suppressed"]  # B1 is all of G2
    assert not result["region"]["G1"]["suppressed"]


def test_a_region_minus_its_shown_branch_is_never_a_unanimous_group():
    # Everyone in A2 answered "ja": shown, A1 would give that away from G1.
    result = _slices(_people({"A1": 30, "A2": 15, "B1": 20, "C1": 12}, same=frozenset({"A2"})))

    q = result["items"]["q"]
    assert q["branch"]["A2"] is None
    assert q["branch"]["A1"] is None
    assert q["region"]["G1"] is not None
    assert result["branch"]["A1"]["respondents"] == 30  # the count alone gives nothing away


def test_it_hides_what_the_participation_table_hides_and_what_follows_from_it():
    result = _slices(_people({"A1": 30, "A2": 15, "B1": 20, "C1": 12}), hide_branches={"A2"})

    assert result["branch"]["A2"]["suppressed"]
    assert result["branch"]["A1"]["suppressed"]  # else G1 − A1 = A2
    assert result["items"]["q"]["branch"]["A2"] is None


def test_no_respondents_give_empty_tables():
    coding = Coding(k=10, variables={})

    result = reconciled_slices([], {"q": VALUES}, coding=coding, region_of=REGIONS)

    assert result == {"branch": {}, "region": {}, "items": {"q": {"branch": {}, "region": {}}}}
