"""The demo party: its generator (shapes and distributions) and its loader."""

from __future__ import annotations

import csv
import io
import re
import statistics
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from ledenpanel.accounts.models import User
from ledenpanel.demo import (
    DEMO_LOGINS,
    DEMO_URL,
    MEMBER_HEADERS,
    NATIONAL_CODE,
    DemoDatabaseInUse,
    DemoParty,
    banner,
    ensure_demo_party,
    generate_party,
    party_problems,
    write_members_csv,
    write_units_csv,
)
from ledenpanel.demo.generator import REFERENCE_DATE
from ledenpanel.organisations.models import Member, Role, RoleKind, Unit, UnitKind
from tests.factories import UnitFactory

POSTCODE = re.compile(r"^[1-9][0-9]{3} [A-Z]{2}$")
DUTCH_DATE = re.compile(r"^[0-9]{2}-[0-9]{2}-[0-9]{4}$")
RESERVED_DOMAINS = ("example.com", "example.net", "example.org", ".example")


def parse(value: str) -> date:
    day, month, year = value.split("-")
    return date(int(year), int(month), int(day))


def years_between(earlier: date, later: date) -> float:
    return (later - earlier).days / 365.25


# --- the generator -------------------------------------------------------------


def test_it_gives_the_same_rows_for_the_same_seed() -> None:
    first = generate_party(members=800, seed=7)
    second = generate_party(members=800, seed=7)
    other = generate_party(members=800, seed=8)

    assert first.units == second.units
    assert first.members == second.members
    assert first.members != other.members


def test_it_builds_twelve_regions_and_sixty_branches(demo_party: DemoParty) -> None:
    kinds = Counter(unit["kind"] for unit in demo_party.units)
    by_code = {unit["code"]: unit for unit in demo_party.units}

    assert kinds["landelijk"] == 1
    assert by_code[NATIONAL_CODE]["kind"] == "landelijk"
    assert kinds["gewest"] == 12
    assert 55 <= kinds["afdeling"] <= 65
    assert kinds["netwerk"] >= 2
    assert kinds["werkgroep"] >= 1
    assert 1 <= kinds["fractie"] <= 2
    for unit in demo_party.units:
        parent_kind = by_code[unit["parent"]]["kind"] if unit["parent"] else ""
        expected = {"landelijk": "", "gewest": "landelijk", "afdeling": "gewest"}
        if unit["kind"] in expected:
            assert parent_kind == expected[unit["kind"]], unit
        else:
            assert parent_kind, unit  # every group belongs to a unit


def test_it_scales_the_members_but_not_the_units() -> None:
    small = generate_party(members=300, seed=1)
    large = generate_party(members=3_000, seed=1)

    assert len(small.members) == 300
    assert len(large.members) == 3_000
    assert small.units == large.units
    branches = [unit["code"] for unit in large.units if unit["kind"] == "afdeling"]
    assert {row["Afdeling"] for row in large.members} == set(branches)
    assert generate_party(members=0).members == []


def test_it_leaves_about_35_percent_without_email(demo_party: DemoParty) -> None:
    without = sum(1 for row in demo_party.members if not row["E-mailadres"])

    assert 0.32 <= without / len(demo_party.members) <= 0.38


def test_it_skews_branch_sizes_towards_the_cities(demo_party: DemoParty) -> None:
    sizes = Counter(row["Afdeling"] for row in demo_party.members)
    largest = sizes.most_common(1)[0]

    assert largest[0] in {"AFD-AMSTERDAM", "AFD-ROTTERDAM", "AFD-DEN-HAAG", "AFD-UTRECHT"}
    assert largest[1] >= 4 * statistics.median(sizes.values())
    assert min(sizes.values()) >= 1


def test_it_has_a_plausible_age_and_gender_distribution(demo_party: DemoParty) -> None:
    ages = [
        years_between(parse(row["Geboortedatum"]), REFERENCE_DATE) for row in demo_party.members
    ]
    genders = Counter(row["Geslacht"] for row in demo_party.members)
    n = len(demo_party.members)

    assert 50 <= statistics.median(ages) <= 65
    assert 0.03 <= sum(16 <= age < 26 for age in ages) / n <= 0.15
    assert sum(age < 16 for age in ages) / n < 0.01
    assert max(ages) < 100
    assert 0.40 <= genders["V"] / n <= 0.65
    assert 0.35 <= genders["M"] / n <= 0.60
    others = genders["X"] + genders["O"] + genders[""]
    assert genders["X"] > 0
    assert 0 < others / n < 0.05


def test_it_has_a_plausible_membership_length(demo_party: DemoParty) -> None:
    since = [parse(row["Lid sinds"]) for row in demo_party.members]
    lengths = [years_between(day, REFERENCE_DATE) for day in since]
    wave = sum(2017 <= day.year <= 2023 for day in since) / len(since)

    assert min(since).year >= 1975
    assert max(since) <= REFERENCE_DATE
    assert 0.35 <= wave <= 0.65  # many joined in the waves of 2017-2023
    assert 3 <= statistics.median(lengths) <= 12
    assert sum(length > 30 for length in lengths) > 0
    for row, joined in zip(demo_party.members, since, strict=True):
        assert years_between(parse(row["Geboortedatum"]), joined) >= 13.9


def test_it_puts_about_ten_percent_in_networks_and_working_groups(demo_party: DemoParty) -> None:
    kinds = {unit["code"]: unit["kind"] for unit in demo_party.units}
    in_groups = [row for row in demo_party.members if row["Netwerken"]]
    memberships = Counter(code for row in in_groups for code in row["Netwerken"].split("|"))

    assert 0.07 <= len(in_groups) / len(demo_party.members) <= 0.14
    assert any("|" in row["Netwerken"] for row in in_groups)
    assert {kinds[code] for code in memberships} == {"netwerk", "werkgroep", "fractie"}
    groups = {code for code, kind in kinds.items() if kind in ("netwerk", "werkgroep", "fractie")}
    assert set(memberships) == groups  # every group has members


def test_it_looks_like_a_dutch_roster(demo_party: DemoParty) -> None:
    rows = demo_party.members
    emails = Counter(row["E-mailadres"] for row in rows if row["E-mailadres"])
    names = " ".join(row["Voornaam"] + row["Achternaam"] for row in rows)
    at_home = sum(
        row["Gemeente"] in demo_party.branch_municipalities[row["Afdeling"]] for row in rows
    ) / len(rows)
    multi_municipality = [
        code for code, names in demo_party.branch_municipalities.items() if len(names) >= 2
    ]

    assert any(count > 1 for count in emails.values())  # shared household addresses
    assert all(email.endswith(RESERVED_DOMAINS) for email in emails)
    assert all(ch in names for ch in "éöçğı")
    assert any(row["Tussenvoegsel"] for row in rows)
    assert 0.95 <= at_home < 1  # a few chose a branch elsewhere in their region
    assert len(multi_municipality) >= 10
    assert any(row["Lidnummer"].startswith("0") for row in rows)
    assert 0 < sum(row["Status"] == "overleden" for row in rows) < 0.02 * len(rows)
    assert 0 < sum(row["Geen contact"] == "ja" for row in rows) < 0.05 * len(rows)


def test_it_writes_every_member_row_per_the_header_contract(demo_party: DemoParty) -> None:
    kinds = {unit["code"]: unit["kind"] for unit in demo_party.units}
    numbers = [row["Lidnummer"] for row in demo_party.members]

    assert len(set(numbers)) == len(numbers)
    for row in demo_party.members:
        assert tuple(row) == MEMBER_HEADERS
        assert re.fullmatch(r"[0-9]{7}", row["Lidnummer"])
        assert row["Achternaam"]
        assert row["Voornaam"]
        assert DUTCH_DATE.match(row["Geboortedatum"])
        assert DUTCH_DATE.match(row["Lid sinds"])
        parse(row["Geboortedatum"])
        assert row["Geslacht"] in {"M", "V", "X", "O", ""}
        assert POSTCODE.match(row["Postcode"])
        assert row["Straat"]
        assert re.match(r"^[1-9][0-9]*", row["Huisnummer"])
        assert row["Woonplaats"]
        assert row["Gemeente"]
        assert kinds[row["Afdeling"]] == "afdeling"
        for code in filter(None, row["Netwerken"].split("|")):
            assert kinds[code] in {"netwerk", "werkgroep", "fractie"}
        assert row["Status"] in {"actief", "overleden"}
        assert row["Geen contact"] in {"ja", ""}
        if row["E-mailadres"]:
            assert re.fullmatch(r"[a-z0-9._]+@[a-z.]+", row["E-mailadres"])
    assert party_problems(demo_party) == []


def test_it_writes_files_like_a_dutch_excel_export(tmp_path: Path) -> None:
    party = generate_party(members=200, seed=3)
    units_path, members_path = tmp_path / "eenheden.csv", tmp_path / "leden.csv"

    write_units_csv(party, units_path)
    write_members_csv(party, members_path)
    write_members_csv(party, tmp_path / "comma.csv", delimiter=",")

    units_bytes = units_path.read_bytes()
    assert units_bytes.startswith(b"code,name,kind,parent\r\n")
    assert list(csv.DictReader(io.StringIO(units_bytes.decode("utf-8")))) == party.units
    members_bytes = members_path.read_bytes()
    assert members_bytes.startswith(b"\xef\xbb\xbfLidnummer;Voornaam;Tussenvoegsel;")
    text = members_bytes.decode("utf-8-sig")
    assert list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";")) == party.members
    comma = (tmp_path / "comma.csv").read_bytes().decode("utf-8-sig")
    assert comma.startswith("Lidnummer,Voornaam,")


# --- the loader ----------------------------------------------------------------


@pytest.mark.django_db
def test_it_loads_the_demo_party_once_and_reuses_it() -> None:
    out = io.StringIO()

    logins = ensure_demo_party(members=1_500, out=out, panels=False)

    assert logins == DEMO_LOGINS
    assert "1,500 members" in out.getvalue()
    assert Unit.objects.count() == len(generate_party(members=0).units)
    assert Unit.objects.filter(kind=UnitKind.AFDELING, parent__kind=UnitKind.GEWEST).count() == 60
    assert Member.objects.count() == 1_500
    assert Member.objects.exclude(email="").count() == pytest.approx(0.65 * 1_500, abs=5)
    assert Member.groups.through.objects.exists()
    assert User.objects.filter(is_demo=True).count() == len(DEMO_LOGINS)
    counts = (
        Unit.objects.count(),
        Member.objects.count(),
        User.objects.count(),
        Role.objects.count(),
    )

    again = io.StringIO()
    assert ensure_demo_party(members=1_500, out=again, panels=False) == DEMO_LOGINS

    assert "Reusing the existing demo party" in again.getvalue()
    assert (
        Unit.objects.count(),
        Member.objects.count(),
        User.objects.count(),
        Role.objects.count(),
    ) == counts


@pytest.mark.django_db
def test_it_gives_demo_logins_that_authenticate_with_their_roles() -> None:
    ensure_demo_party(members=300, out=io.StringIO(), panels=False)
    roles = {
        login.email: {
            (role.unit.code, role.unit.kind, role.kind)
            for role in Role.objects.filter(user__email=login.email).select_related("unit")
        }
        for login in DEMO_LOGINS
    }

    for login in DEMO_LOGINS:
        request = RequestFactory().post("/")
        user = authenticate(request=request, email=login.email, password=login.password)
        assert user is not None, login
        assert user.is_demo
        assert len(login.password) >= 12
        assert (
            login.unit_name in {unit.name for unit in Unit.objects.all()} or "," in login.unit_name
        )
        assert roles[login.email], login
    wrong = authenticate(
        request=RequestFactory().post("/"), email=DEMO_LOGINS[0].email, password="x"
    )
    assert wrong is None

    coordinator, national_board, region_board, big_board, small_board, coach = DEMO_LOGINS
    assert roles[coordinator.email] == {(NATIONAL_CODE, UnitKind.LANDELIJK, RoleKind.COORDINATOR)}
    assert roles[national_board.email] == {(NATIONAL_CODE, UnitKind.LANDELIJK, RoleKind.BOARD)}
    assert {kind for _c, kind, _r in roles[region_board.email]} == {UnitKind.GEWEST}
    [(big_code, _k, _r)] = roles[big_board.email]
    [(small_code, _k, _r)] = roles[small_board.email]
    big, small = Unit.objects.get(code=big_code), Unit.objects.get(code=small_code)
    assert big.kind == small.kind == UnitKind.AFDELING
    assert big.parent_id != small.parent_id
    assert big.members.count() > 3 * small.members.count()
    assert {role for _c, _k, role in roles[coach.email]} == {RoleKind.COACH}
    assert 1 <= len(roles[coach.email]) <= 2


@pytest.mark.django_db
def test_it_refuses_to_mix_into_another_party() -> None:
    UnitFactory(code="PV", name="Partij van de Echte Leden", kind=UnitKind.LANDELIJK)

    with pytest.raises(DemoDatabaseInUse):
        ensure_demo_party(members=100, out=io.StringIO(), panels=False)

    assert Unit.objects.count() == 1
    assert not Member.objects.exists()
    assert not User.objects.exists()


def test_it_prints_a_banner_with_the_address_and_logins() -> None:
    text = banner(DEMO_LOGINS)

    assert DEMO_URL == "http://127.0.0.1:8000"
    assert DEMO_URL in text
    for login in DEMO_LOGINS:
        assert login.role in text
        assert login.email in text
        assert login.password in text
        assert login.unit_name in text
    assert "Two-factor authentication is skipped for these demo logins only" in text
    assert "ledenpanel demo" in text
