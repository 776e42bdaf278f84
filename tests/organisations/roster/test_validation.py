"""Validating member rows: every error and warning, with line and column (no database)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledenpanel.organisations.models import Member, Unit
from ledenpanel.organisations.roster import members as member_rules
from ledenpanel.organisations.roster import units as unit_rules
from ledenpanel.organisations.roster.directory import UnitDirectory, UnitRef
from ledenpanel.organisations.roster.headers import normalise_header
from ledenpanel.organisations.roster.members import MemberValidation, validate_members
from ledenpanel.organisations.roster.reading import read_table
from ledenpanel.organisations.roster.report import Issue
from tests.support.rosters import TODAY, member, members_csv

UNITS = UnitDirectory(
    [
        UnitRef(1, "NL", "Landelijk", "landelijk"),
        UnitRef(2, "G1", "Gewest Noord", "gewest"),
        UnitRef(3, "A1", "Afdeling Aa", "afdeling"),
        UnitRef(4, "A2", "Afdeling Ab", "afdeling"),
        UnitRef(5, "A3", "Afdeling Ab", "afdeling"),
        UnitRef(6, "N1", "Netwerk Zorg", "netwerk"),
        UnitRef(7, "W1", "Werkgroep Wonen", "werkgroep"),
    ]
)


def check(*rows: dict[str, str], **kwargs: object) -> MemberValidation:
    table = read_table(members_csv(list(rows), **kwargs), "leden.csv")  # type: ignore[arg-type]
    return validate_members(table, units=UNITS, today=TODAY)


def only_error(result: MemberValidation) -> Issue:
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


def test_it_accepts_a_valid_row_and_types_its_values() -> None:
    result = check(member(Netwerken="N1|W1", **{"Geen contact": "ja", "Postcode": "1234ab"}))
    assert result.errors == []
    row = result.rows[0]
    assert row.member_number == "0012345"
    assert (row.first_name, row.infix, row.last_name) == ("Anna", "de", "Vries")
    assert row.birth_date.isoformat() == "1970-03-15"
    assert row.branch_id == 3
    assert row.postcode == "1234 AB"
    assert row.do_not_contact is True
    assert row.group_ids == frozenset({6, 7})


def test_it_reads_english_headers_in_any_case_and_with_accents() -> None:
    row = {
        "MEMBER NUMBER": "9",
        "first_name": "Zoë",
        "Surname": "Brontë",
        "E-mail": "z@example.org",
        "Date of birth": "1990-12-31",
        "Gender": "F",
        "Postal code": "9999 zz",
        "Branch": "Afdeling Aa",
        "Networks": "N1, W1",
        "Do not contact": "yes",
        "Status": "deceased",
        "Géslácht-extra": "?",
    }
    result = check(row)
    assert result.errors == []
    parsed = result.rows[0]
    assert (parsed.gender, parsed.status, parsed.do_not_contact) == ("V", "deceased", True)
    assert parsed.branch_id == 3
    assert result.warnings == [Issue(1, "Géslácht-extra", "onbekende kolom; deze wordt genegeerd")]


def test_it_normalises_headers() -> None:
    assert normalise_header(" E-mail_Adrés ") == "e mail adres"


def test_it_reports_a_bad_postcode_with_line_and_column() -> None:
    error = only_error(check(member(), member(Lidnummer="2", Postcode="12345")))
    assert (error.line, error.column) == (3, "Postcode")
    assert "12345" in error.message


@pytest.mark.parametrize(
    ("column", "value", "text"),
    [
        ("E-mailadres", "anna@@example", "ongeldig e-mailadres"),
        ("E-mailadres", "anna@example", "ongeldig e-mailadres"),
        ("Geboortedatum", "31-02-2020", "onmogelijke datum"),
        ("Geboortedatum", "1970/3", "ongeldige datum"),
        ("Geboortedatum", "01-01-2027", "toekomst"),
        ("Geboortedatum", "01-01-1850", "1900"),
        ("Lid sinds", "2099-01-01", "toekomst"),
        ("Geslacht", "Q", "onbekend geslacht"),
        ("Status", "geschorst", "onbekende status"),
        ("Geen contact", "misschien", "onbekende waarde"),
        ("Afdeling", "ZZ", "onbekende afdeling"),
        ("Afdeling", "G1", "is een gewest, geen afdeling"),
        ("Afdeling", "Afdeling Ab", "niet eenduidig"),
        ("Netwerken", "N1|A1", "is een afdeling"),
        ("Netwerken", "XX", "onbekende werkgroep"),
        ("Achternaam", "", "verplicht"),
        ("Lidnummer", " ", "verplicht"),
        ("Afdeling", "", "verplicht"),
        ("Tussenvoegsel", "x" * 41, "te lang"),
    ],
)
def test_it_reports_each_bad_value_on_its_line_and_column(
    column: str, value: str, text: str
) -> None:
    error = only_error(check(member(Lidnummer="1"), member(**{"Lidnummer": "2", column: value})))
    assert (error.line, error.column) == (3, column)
    assert text in error.message
    assert [row.line for row in check(member(Lidnummer="1")).rows] == [2]


@pytest.mark.parametrize(
    "value",
    ["1-2-2000", "01-02-2000", "1/2/2000", "01.02.2000", "2000-02-01", "2000-02-01 00:00:00"],
)
def test_it_accepts_dutch_and_iso_dates(value: str) -> None:
    row = check(member(Geboortedatum=value)).rows[0]
    assert row.birth_date.isoformat() == "2000-02-01"


def test_it_reports_a_duplicate_member_number_on_the_later_line() -> None:
    result = check(member(), member(), member(Lidnummer="9"))
    error = only_error(result)
    assert (error.line, error.column) == (3, "Lidnummer")
    assert "regel 2" in error.message


def test_it_reports_missing_required_headers_on_line_1() -> None:
    row = member()
    del row["Achternaam"]
    del row["Afdeling"]
    result = check(row)
    assert [(issue.line, issue.column) for issue in result.errors] == [(1, None), (1, None)]
    assert "Achternaam" in result.errors[0].message
    assert "Afdeling" in result.errors[1].message


def test_it_reports_two_columns_meaning_the_same_field() -> None:
    row = {**member(), "E-mail": "x@example.org"}
    error = only_error(check(row))
    assert (error.line, error.column) == (1, "E-mail")


def test_it_warns_about_a_shared_e_mail_address_naming_the_lines() -> None:
    result = check(
        member(Lidnummer="1"),
        member(Lidnummer="2"),
        member(Lidnummer="3", **{"E-mailadres": "other@example.nl"}),
        member(Lidnummer="4", **{"E-mailadres": "ANNA@example.nl"}),
    )
    assert result.errors == []
    (warning,) = result.warnings
    assert (warning.line, warning.column) == (2, "E-mailadres")
    assert "2, 3, 5" in warning.message


def test_it_warns_about_a_member_who_cannot_be_invited() -> None:
    result = check(member(**{"E-mailadres": "", "Straat": ""}))
    (warning,) = result.warnings
    assert (warning.line, warning.column) == (2, None)
    assert "niet worden uitgenodigd" in warning.message


def test_it_warns_about_a_member_under_16() -> None:
    result = check(
        member(Geboortedatum="02-06-2010"),
        member(Lidnummer="2", Geboortedatum="01-06-2010", **{"E-mailadres": "b@example.nl"}),
    )
    assert [(w.line, w.column) for w in result.warnings] == [(2, "Geboortedatum")]
    assert "jonger dan 16" in result.warnings[0].message


def test_it_reports_every_error_of_a_row() -> None:
    result = check(member(Postcode="x", Geslacht="?", **{"E-mailadres": "@"}))
    assert [issue.column for issue in result.errors] == ["E-mailadres", "Geslacht", "Postcode"]
    assert result.rows == []


def test_it_only_updates_columns_that_are_present() -> None:
    row = {"Lidnummer": "1", "Achternaam": "Jansen", "Afdeling": "A1"}
    result = check(row)
    assert result.fields == ("last_name", "branch_id")  # no Status column: status kept
    assert result.has_groups is False
    assert result.rows[0].group_ids is None


def test_its_length_limits_match_the_models() -> None:
    for name, limit in member_rules.MAX_LENGTHS.items():
        assert Member._meta.get_field(name).max_length == limit, name
    assert Unit._meta.get_field("code").max_length == unit_rules.CODE_MAX_LENGTH
    assert Unit._meta.get_field("name").max_length == unit_rules.NAME_MAX_LENGTH


names = st.text(
    alphabet=st.sampled_from(list("abcxyzéèëöüçğıİşñøåßÆ -'")),
    min_size=1,
    max_size=40,
).filter(lambda text: text.strip())


@given(first=names, last=names)
def test_any_accented_name_round_trips(first: str, last: str) -> None:
    result = check(member(Voornaam=first, Achternaam=last), encoding="utf-8")
    assert result.errors == []
    assert (result.rows[0].first_name, result.rows[0].last_name) == (first.strip(), last.strip())


def test_it_reads_an_empty_status_cell_as_keep_the_stored_status() -> None:
    result = check(member(Status=""), member(Lidnummer="2", Status="Overleden"))
    assert result.errors == []
    assert [row.status for row in result.rows] == [None, "deceased"]


def test_it_shares_one_message_for_too_long_members_and_units() -> None:
    long_code = "x" * (unit_rules.CODE_MAX_LENGTH + 1)
    member_result = check(member(Lidnummer="1" * (member_rules.MAX_LENGTHS["member_number"] + 1)))
    unit_table = read_table(
        f"code,name,kind\r\n{long_code},Landelijk,landelijk\r\n".encode(), "e.csv"
    )
    unit_result = unit_rules.validate_units(unit_table, existing=[], existing_parents={})
    assert only_error(member_result).message == "te lang: maximaal 40 tekens"
    assert [issue.message for issue in unit_result.errors] == ["te lang: maximaal 40 tekens"]
