"""The relevant/constraint subset: parsed, written, and everything else refused."""

from __future__ import annotations

import pytest

from ledenpanel.kernel.questionnaire.schema import Condition, Operator
from ledenpanel.kernel.xlsform.conditions import (
    format_bounds,
    format_relevant,
    parse_bounds,
    parse_relevant,
)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("${q} = 'ja'", [Condition("q", Operator.EQUALS, "ja")]),
        ('${q}="ja"', [Condition("q", Operator.EQUALS, "ja")]),
        ("${q} = 3", [Condition("q", Operator.EQUALS, "3")]),
        ("${q} != 'nee'", [Condition("q", Operator.NOT_EQUALS, "nee")]),
        ("selected(${q}, 'wonen')", [Condition("q", Operator.SELECTED, "wonen")]),
        ("selected( ${q} ,'a b')", [Condition("q", Operator.SELECTED, "a b")]),
        ("${q} > 5", [Condition("q", Operator.GREATER_THAN, "5")]),
        ("${q} < -2.5", [Condition("q", Operator.LESS_THAN, "-2.5")]),
        ("${q} != ''", [Condition("q", Operator.ANSWERED)]),
        (
            "${a} = 'x and y' and selected(${b}, 'c')  and ${c} > 1",
            [
                Condition("a", Operator.EQUALS, "x and y"),
                Condition("b", Operator.SELECTED, "c"),
                Condition("c", Operator.GREATER_THAN, "1"),
            ],
        ),
    ],
)
def test_it_reads_the_supported_subset(expression: str, expected: list[Condition]) -> None:
    assert parse_relevant(expression) == expected


@pytest.mark.parametrize(
    "expression",
    [
        "${a} = 'x' or ${b} = 'y'",
        "not(selected(${a}, 'x'))",
        "${a} >= 5",
        "${a} <= 5",
        "${a} > 'vijf'",
        "count-selected(${a}) > 1",
        "/data/a = 'x'",
        "${a} = 'x' and",
        "(${a} = 'x')",
        "${a} = ${b}",
        "",
    ],
)
def test_it_refuses_everything_else(expression: str) -> None:
    assert parse_relevant(expression) is None


def test_it_writes_what_it_reads() -> None:
    conditions = [
        Condition("a", Operator.EQUALS, "it's"),
        Condition("b", Operator.NOT_EQUALS, "7"),
        Condition("c", Operator.SELECTED, "x"),
        Condition("d", Operator.GREATER_THAN, "1.5"),
        Condition("e", Operator.LESS_THAN, "10"),
        Condition("f", Operator.ANSWERED),
    ]

    expression = format_relevant(conditions)

    assert expression == (
        "${a} = \"it's\" and ${b} != '7' and selected(${c}, 'x') and ${d} > 1.5 "
        "and ${e} < 10 and ${f} != ''"
    )
    assert parse_relevant(expression) == conditions


@pytest.mark.parametrize(
    ("constraint", "bounds"),
    [
        (". >= 0 and . <= 10", (0, 10)),
        (".>=16", (16, None)),
        (". <= 2.5", (None, 2.5)),
        (". <= 10 and . >= 1", (1, 10)),
        ("", (None, None)),
    ],
)
def test_it_reads_minimum_and_maximum(
    constraint: str, bounds: tuple[float | None, float | None]
) -> None:
    assert parse_bounds(constraint) == bounds


@pytest.mark.parametrize(
    "constraint", [". > 0", ". >= 0 or . <= 10", "regex(., '^[0-9]+$')", ". >= 1 and . >= 2"]
)
def test_it_refuses_other_constraints(constraint: str) -> None:
    assert parse_bounds(constraint) is None


def test_it_writes_bounds_without_exponents() -> None:
    assert format_bounds(0.0, 1e-7) == ". >= 0 and . <= 0.0000001"
    assert format_bounds(None, 1e20) == ". <= 100000000000000000000"
