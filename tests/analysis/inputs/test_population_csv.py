"""Reading the population's background variables, per member or aggregated."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledenpanel.analysis.inputs import InputError, read_population

FIXTURES = Path(__file__).parent / "fixtures"


def _problems(path) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_population(path)
    return [str(problem) for problem in caught.value.problems]


def test_per_member_rows_and_counted_rows_give_the_same_population():
    members = read_population(FIXTURES / "population_members.csv")
    counted = read_population(FIXTURES / "population_counts.csv")

    assert members == counted
    assert members.size == 7
    assert members.margin("regio") == {"Noord": 3, "Zuid": 3}  # the unknown one left out
    assert members.margin("leeftijd") == {"35-49": 3, "65+": 4}


def test_rows_are_one_per_combination_with_its_count():
    population = read_population(FIXTURES / "population_members.csv")

    combinations = list(
        zip(
            population.columns["leeftijd"],
            population.columns["regio"],
            population.count,
            strict=True,
        )
    )
    assert combinations == [
        ("35-49", "Noord", 2), ("35-49", None, 1), ("65+", "Noord", 1), ("65+", "Zuid", 3),
    ]  # fmt: skip


def test_repeated_combinations_in_a_counted_file_add_up(tmp_path):
    path = tmp_path / "pop.csv"
    path.write_text("\ufeffregio;Count\nNoord;5\nNoord;7\nZuid;0\n", encoding="utf-8")

    population = read_population(path)

    assert population.columns == {"regio": ["Noord"]}
    assert population.count == [12]


def test_a_count_that_is_not_a_whole_number_is_refused(tmp_path):
    path = tmp_path / "pop.csv"
    path.write_text("regio,count\nNoord,5\nZuid,-1\nOost,2.5\nWest,\n")

    assert _problems(path) == [
        f'{path}, line 3, column "count" (2): count "-1" is not a whole number ≥ 0',
        f'{path}, line 4, column "count" (2): count "2.5" is not a whole number ≥ 0',
        f'{path}, line 5, column "count" (2): count "" is not a whole number ≥ 0',
    ]


def test_a_row_of_the_wrong_width_and_an_empty_file_are_refused(tmp_path):
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("regio;leeftijd\nNoord;35-49\nZuid\n")
    empty = tmp_path / "empty.csv"
    empty.write_text("")

    assert _problems(ragged) == [
        f"{ragged}, line 3: 1 fields where the header has 2 (is a semicolon or quote out of place?)"
    ]
    assert _problems(empty) == [f"{empty}: is empty"]


def test_a_column_that_identifies_members_is_warned_about(tmp_path):
    path = tmp_path / "pop.csv"
    path.write_text("lidnummer,regio\n" + "".join(f"{n},Noord\n" for n in range(60)))
    warnings = []

    read_population(path, warnings=warnings)

    assert [(w.column, "identifier" in w.message) for w in warnings] == [("lidnummer", True)]
