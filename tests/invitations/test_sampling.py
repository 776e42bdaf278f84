"""Bands and reproducible, proportional samples."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from ledenpanel.invitations.sampling import (
    Candidate,
    age_band,
    band_counts,
    is_under,
    proportional_allocation,
    simple_random_sample,
    stratified_sample,
    tenure_band,
)

ON = date(2026, 11, 26)


def test_it_bands_ages_and_membership_length():
    assert age_band(date(2000, 11, 27), on=ON) == "25-34"  # 26 tomorrow
    assert age_band(date(2010, 11, 26), on=ON) == "16-24"
    assert age_band(date(1940, 1, 1), on=ON) == "75+"
    assert age_band(None, on=ON) == "onbekend"
    assert tenure_band(date(2026, 1, 1), on=ON) == "0-1"
    assert tenure_band(date(2001, 1, 1), on=ON) == "20+"


def test_it_knows_who_is_under_sixteen():
    assert is_under(date(2011, 11, 27), 16, on=ON)
    assert not is_under(date(2010, 11, 26), 16, on=ON)
    assert not is_under(None, 16, on=ON)


def test_the_same_seed_draws_the_same_sample():
    people = [Candidate(n) for n in range(1000)]
    first = simple_random_sample(people, 100, seed=42)
    assert first == simple_random_sample(list(reversed(people)), 100, seed=42)
    assert first != simple_random_sample(people, 100, seed=43)
    assert len(set(first)) == 100


def test_a_sample_larger_than_the_population_invites_everyone():
    assert simple_random_sample([Candidate(3), Candidate(1)], 10, seed=1) == [1, 3]


def test_allocation_is_proportional_with_largest_remainders():
    allocation = proportional_allocation({("a",): 500, ("b",): 300, ("c",): 200}, 101)
    assert allocation == {("a",): 51, ("b",): 30, ("c",): 20}


@given(
    st.dictionaries(st.tuples(st.text(min_size=1, max_size=3)), st.integers(0, 500), max_size=8),
    st.integers(0, 2000),
)
def test_allocation_adds_up_and_stays_within_each_stratum(sizes, total):
    allocation = proportional_allocation(sizes, total)
    assert sum(allocation.values()) == min(total, sum(sizes.values()))
    population = sum(sizes.values()) or 1
    for stratum, size in sizes.items():
        assert 0 <= allocation[stratum] <= size
        assert abs(allocation[stratum] - min(total, population) * size / population) < 1 + 1e-9


def test_a_stratified_sample_follows_the_strata():
    people = [Candidate(n, ("noord" if n % 4 else "zuid",)) for n in range(4000)]
    sample = stratified_sample(people, 400, seed=7)
    south = sum(1 for n in sample if n % 4 == 0)
    assert len(sample) == 400
    assert south == 100
    assert sample == stratified_sample(people, 400, seed=7)


def test_band_counts_are_keyed_for_storage():
    assert band_counts([("16-24", "V"), ("16-24", "V"), ("75+", "M")]) == {
        "16-24|V": 2,
        "75+|M": 1,
    }
