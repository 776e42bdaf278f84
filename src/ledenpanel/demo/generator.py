"""Generate a fictional party: units and a member roster as the roster import reads them.

Pure Python (no Django), deterministic for a seed, so tests and benchmarks can
build the same party anywhere. The shapes follow the domain brief: twelve
regions, sixty branches whose sizes are skewed towards the cities, a
membership that is older than the population (median age about 58), about
35 % without an e-mail address, and about 10 % in a network or working group.
"""

from __future__ import annotations

import csv
import io
import math
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

from ledenpanel.demo.data import (
    EMAIL_DOMAINS,
    FEMALE_NAMES,
    GROUPS,
    HOUSE_NUMBER_SUFFIXES,
    MALE_NAMES,
    NEUTRAL_NAMES,
    REGIONS,
    STREETS,
    SURNAMES,
    BranchSpec,
    Municipality,
)
from ledenpanel.organisations.roster.headers import DUTCH_MEMBER_HEADERS

NATIONAL_CODE = "NL"
NATIONAL_NAME = "Demopartij landelijk"
# Ages and membership lengths are computed against a fixed day, not today, so
# a seed gives the same rows on every machine and every day.
REFERENCE_DATE = date(2026, 10, 31)
FIRST_MEMBER_YEAR = 1975
SHARE_WITHOUT_EMAIL = 0.35

UNIT_HEADERS: tuple[str, ...] = ("code", "name", "kind", "parent")
MEMBER_HEADERS = DUTCH_MEMBER_HEADERS
GROUP_KIND_NAMES = ("werkgroep", "netwerk", "fractie")

# Postcode letters: the letters F, I, O, Q, U and Y are not used, nor the
# combinations SA, SD and SS.
_POSTCODE_LETTERS = "ABCEGHJKLMNPRSTVWXZ"
_POSTCODE_PAIRS = tuple(
    a + b for a in _POSTCODE_LETTERS for b in _POSTCODE_LETTERS if a + b not in {"SA", "SD", "SS"}
)
POSTCODE_RE = re.compile(r"^[1-9][0-9]{3} [A-Z]{2}$")
DATE_RE = re.compile(r"^(0[1-9]|[12][0-9]|3[01])-(0[1-9]|1[0-2])-[0-9]{4}$")

# Membership waves: the years after 2017 brought many new members.
_YEAR_BOOST = {2017: 1.9, 2018: 1.5, 2019: 1.4, 2020: 1.6, 2021: 2.3, 2022: 1.7, 2023: 2.4}


@dataclass
class DemoParty:
    """A generated party: rows ready for the roster's units and members files."""

    units: list[dict[str, str]]  # keys: code, name, kind, parent (parent code or "")
    members: list[dict[str, str]]  # keys: MEMBER_HEADERS
    branch_municipalities: dict[str, list[str]] = field(default_factory=dict, repr=False)


def slug(text: str) -> str:
    """ASCII upper-case code part: "Súdwest-Fryslân" → "SUDWEST-FRYSLAN"."""
    ascii_text = ascii_fold(text).upper()
    return re.sub(r"[^A-Z0-9]+", "-", ascii_text).strip("-")


def ascii_fold(text: str) -> str:
    text = text.replace("\u0131", "i").replace("ß", "ss")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def branch_code(spec: BranchSpec) -> str:
    return f"AFD-{slug(spec.name)}"


def region_code(region_code_short: str) -> str:
    return f"GW-{region_code_short}"


def _dutch_date(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def build_units() -> list[dict[str, str]]:
    """The units tree, parents before children."""
    units = [{"code": NATIONAL_CODE, "name": NATIONAL_NAME, "kind": "landelijk", "parent": ""}]
    for region in REGIONS:
        units.append(
            {
                "code": region_code(region.code),
                "name": f"Gewest {region.province}",
                "kind": "gewest",
                "parent": NATIONAL_CODE,
            }
        )
    for region in REGIONS:
        for spec in region.branches:
            units.append(
                {
                    "code": branch_code(spec),
                    "name": f"Afdeling {spec.name}",
                    "kind": "afdeling",
                    "parent": region_code(region.code),
                }
            )
    for code, name, kind, parent, _share in GROUPS:
        units.append({"code": code, "name": name, "kind": kind, "parent": parent})
    return units


@dataclass
class _Person:
    branch: str
    region: str
    age: int
    birth_date: date
    gender: str
    first_name: str
    infix: str
    last_name: str
    municipality: Municipality
    town: str
    street: str
    house_number: str
    postcode: str
    member_since: date
    household: int  # members sharing an address share this number (0: alone)
    email: str = ""
    groups: list[str] = field(default_factory=list)
    deceased: bool = False
    no_contact: bool = False


class _Generator:
    def __init__(self, *, members: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.total = members
        self.surname_weights = list(accumulate(1 / (i + 1) ** 0.55 for i in range(len(SURNAMES))))
        self.year_pairs = [
            (year, math.exp((year - REFERENCE_DATE.year) / 14) * _YEAR_BOOST.get(year, 1.0))
            for year in range(FIRST_MEMBER_YEAR, REFERENCE_DATE.year)
        ]
        # The current year is not over yet.
        so_far = (REFERENCE_DATE - date(REFERENCE_DATE.year, 1, 1)).days / 365
        self.year_pairs.append((REFERENCE_DATE.year, so_far))
        self.households = 0
        self.used_emails: set[str] = set()

    # -- branches ----------------------------------------------------------

    def branch_sizes(self) -> list[tuple[str, str, BranchSpec, int]]:
        specs = [(region, spec) for region in REGIONS for spec in region.branches]
        # Cities have proportionally more members than villages: population
        # to the power 1.1, with some noise per branch.
        weights = [
            sum(m.population for m in spec.municipalities) ** 1.1 * math.exp(self.rng.gauss(0, 0.2))
            for _region, spec in specs
        ]
        total_weight = sum(weights)
        floor = 1 if self.total >= len(specs) else 0
        spare = self.total - floor * len(specs)
        exact = [spare * w / total_weight for w in weights]
        sizes = [floor + int(x) for x in exact]
        # Largest remainders get the members left over after rounding down.
        order = sorted(range(len(specs)), key=lambda i: int(exact[i]) - exact[i])
        for i in order[: self.total - sum(sizes)]:
            sizes[i] += 1
        return [
            (branch_code(spec), region_code(region.code), spec, size)
            for (region, spec), size in zip(specs, sizes, strict=True)
        ]

    # -- people ------------------------------------------------------------

    def age(self, *, student_town: bool) -> int:
        rng = self.rng
        roll = rng.random()
        if roll < 0.002:
            return rng.randint(14, 15)
        if roll < (0.15 if student_town else 0.09):
            return min(30, max(16, round(rng.triangular(16, 31, 22))))
        while True:
            age = round(rng.gauss(60, 14))
            if 31 <= age <= 98:
                return age

    def birth_date(self, age: int) -> date:
        last_birthday = REFERENCE_DATE.replace(year=REFERENCE_DATE.year - age)
        return last_birthday - timedelta(days=self.rng.randrange(365))

    def gender(self, age: int) -> str:
        roll = self.rng.random()
        other = 0.04 if age < 31 else 0.015
        if roll < other * 0.45:
            return "X"
        if roll < other * 0.75:
            return "O"
        if roll < other:
            return ""
        return "V" if self.rng.random() < 0.53 else "M"

    def first_name(self, gender: str, birth_year: int) -> str:
        generation = 0 if birth_year < 1960 else 1 if birth_year < 1985 else 2
        rng = self.rng
        if gender == "M" or (gender != "V" and rng.random() < 0.3):
            return rng.choice(MALE_NAMES[generation])
        if gender == "V" or rng.random() < 0.4:
            return rng.choice(FEMALE_NAMES[generation])
        return rng.choice(NEUTRAL_NAMES)

    def surname(self) -> tuple[str, str]:
        return self.rng.choices(SURNAMES, cum_weights=self.surname_weights)[0]

    def member_since(self, birth_date: date) -> date:
        rng = self.rng
        earliest = birth_date + timedelta(days=14 * 365 + 4)  # the 14th birthday
        allowed = [(y, w) for y, w in self.year_pairs if y >= earliest.year]
        allowed = allowed or [(REFERENCE_DATE.year, 1.0)]
        year = rng.choices([y for y, _ in allowed], weights=[w for _, w in allowed])[0]
        start = max(date(year, 1, 1), earliest)
        end = min(date(year, 12, 31), REFERENCE_DATE)
        if end < start:
            return REFERENCE_DATE
        return start + timedelta(days=rng.randrange((end - start).days + 1))

    def address(self, municipality: Municipality) -> tuple[str, str, str, str]:
        rng = self.rng
        towns = municipality.towns
        town = towns[0] if len(towns) == 1 or rng.random() < 0.7 else rng.choice(towns[1:])
        number = str(min(350, max(1, round(math.exp(rng.gauss(3.0, 1.0))))))
        if rng.random() < 0.08:
            number += rng.choice(HOUSE_NUMBER_SUFFIXES)
        pc4 = rng.randint(municipality.postcode_from, municipality.postcode_to)
        postcode = f"{pc4} {rng.choice(_POSTCODE_PAIRS)}"
        return town, rng.choice(STREETS), number, postcode

    def municipality(
        self, spec: BranchSpec, region_municipalities: list[Municipality]
    ) -> Municipality:
        rng = self.rng
        # A few members live outside their branch's area (they chose another
        # branch in their region, e.g. the one they used to live in).
        if rng.random() < 0.02 and region_municipalities:
            return rng.choice(region_municipalities)
        ms = spec.municipalities
        if len(ms) == 1:
            return ms[0]
        return rng.choices(ms, weights=[m.population for m in ms])[0]

    def person(
        self, code: str, region: str, spec: BranchSpec, elsewhere: list[Municipality]
    ) -> _Person:
        age = self.age(student_town=spec.student_town)
        birth = self.birth_date(age)
        gender = self.gender(age)
        infix, last = self.surname()
        municipality = self.municipality(spec, elsewhere)
        town, street, number, postcode = self.address(municipality)
        return _Person(
            branch=code,
            region=region,
            age=age,
            birth_date=birth,
            gender=gender,
            first_name=self.first_name(gender, birth.year),
            infix=infix,
            last_name=last,
            municipality=municipality,
            town=town,
            street=street,
            house_number=number,
            postcode=postcode,
            member_since=self.member_since(birth),
            household=0,
        )

    def partner(self, first: _Person) -> _Person:
        """A second member at the same address (a couple, both members)."""
        rng = self.rng
        age = min(98, max(18, first.age + round(rng.gauss(0, 4))))
        birth = self.birth_date(age)
        if first.gender in ("M", "V") and rng.random() < 0.9:
            gender = "V" if first.gender == "M" else "M"
        else:
            gender = self.gender(age)
        infix, last = (first.infix, first.last_name) if rng.random() < 0.5 else self.surname()
        if not first.household:
            self.households += 1
            first.household = self.households
        return _Person(
            branch=first.branch,
            region=first.region,
            age=age,
            birth_date=birth,
            gender=gender,
            first_name=self.first_name(gender, birth.year),
            infix=infix,
            last_name=last,
            municipality=first.municipality,
            town=first.town,
            street=first.street,
            house_number=first.house_number,
            postcode=first.postcode,
            member_since=self.member_since(birth),
            household=first.household,
        )

    # -- the roster --------------------------------------------------------

    def people(self) -> list[_Person]:
        by_region: dict[str, list[Municipality]] = {}
        for region in REGIONS:
            by_region[region_code(region.code)] = [
                m for spec in region.branches for m in spec.municipalities
            ]
        people: list[_Person] = []
        for code, region, spec, size in self.branch_sizes():
            elsewhere = [m for m in by_region[region] if m not in spec.municipalities]
            made = 0
            while made < size:
                person = self.person(code, region, spec, elsewhere)
                people.append(person)
                made += 1
                if made < size and person.age >= 20 and self.rng.random() < 0.07:
                    people.append(self.partner(person))
                    made += 1
        return people

    def assign_emails(self, people: list[_Person]) -> None:
        rng = self.rng
        # Older members have an e-mail address less often.
        scores = [p.age + rng.gauss(0, 18) for p in people]
        ranked = sorted(range(len(people)), key=lambda i: scores[i], reverse=True)
        without = set(ranked[: round(SHARE_WITHOUT_EMAIL * len(people))])
        shared: dict[int, str] = {}
        domains = [d for d, _ in EMAIL_DOMAINS]
        domain_weights = [w for _, w in EMAIL_DOMAINS]
        for i, person in enumerate(people):
            if i in without:
                continue
            domain = rng.choices(domains, weights=domain_weights)[0]
            if person.household in shared and rng.random() < 0.5:
                person.email = shared[person.household]  # a household address
                continue
            person.email = self.unique_email(person, domain)
            if person.household:
                shared[person.household] = person.email

    def unique_email(self, person: _Person, domain: str) -> str:
        rng = self.rng
        first = re.sub(r"[^a-z]", "", ascii_fold(person.first_name).lower())
        last = re.sub(r"[^a-z]", "", ascii_fold(person.infix + person.last_name).lower())
        pattern = rng.randrange(5)
        local = (
            f"{first}.{last}",
            f"{first[:1]}{last}",
            f"{first}{last}{person.birth_date.year % 100:02d}",
            f"{first}_{last}",
            f"{last}.{first[:1]}",
        )[pattern]
        email = f"{local}@{domain}"
        counter = 1
        while email in self.used_emails:
            counter += 1
            email = f"{local}{counter}@{domain}"
        self.used_emails.add(email)
        return email

    def assign_groups(self, people: list[_Person]) -> None:
        rng = self.rng
        general = [(code, share) for code, _n, _k, _p, share in GROUPS if share > 0]
        for person in people:
            young = person.age < 31
            if rng.random() >= (0.2 if young else 0.09):
                continue
            options = list(general)
            if young:
                options.append(("NW-JONG", 1.2))
            if person.region == "GW-ZH":
                options.append(("WG-WONEN-ZH", 0.3))
            count = 2 if rng.random() < 0.25 else 1
            while len(person.groups) < count:
                code = rng.choices([c for c, _ in options], weights=[w for _, w in options])[0]
                if code not in person.groups:
                    person.groups.append(code)
        self.fill_faction(people, "FR-AMSTERDAM", lambda p: p.branch == "AFD-AMSTERDAM", 9)
        self.fill_faction(people, "FR-PS-UTRECHT", lambda p: p.region == "GW-UT", 6)

    def fill_faction(
        self, people: list[_Person], code: str, where: Callable[[_Person], bool], seats: int
    ) -> None:
        candidates = [p for p in people if where(p) and 23 <= p.age <= 75]
        for person in self.rng.sample(candidates, min(seats, len(candidates))):
            person.groups.append(code)

    def assign_status(self, people: list[_Person]) -> None:
        rng = self.rng
        for person in people:
            person.deceased = rng.random() < (0.012 if person.age >= 75 else 0.0008)
            person.no_contact = rng.random() < 0.015


def generate_party(*, members: int = 20_000, seed: int = 2026) -> DemoParty:
    """A fictional party with ``members`` members; the same seed gives the same rows."""
    if members < 0:
        raise ValueError("members must not be negative")
    gen = _Generator(members=members, seed=seed)
    people = gen.people()
    gen.assign_emails(people)
    gen.assign_groups(people)
    gen.assign_status(people)

    # Membership numbers follow the order of joining, with gaps for members
    # who have left since.
    order = sorted(range(len(people)), key=lambda i: (people[i].member_since, i))
    max_gap = max(2, min(40, 9_000_000 // max(1, len(people))))
    number = gen.rng.randint(800, 1500)
    rows: list[dict[str, str]] = []
    for i in order:
        p = people[i]
        number += gen.rng.randint(1, max_gap)
        rows.append(
            {
                "Lidnummer": f"{number:07d}",
                "Voornaam": p.first_name,
                "Tussenvoegsel": p.infix,
                "Achternaam": p.last_name,
                "E-mailadres": p.email,
                "Geboortedatum": _dutch_date(p.birth_date),
                "Geslacht": p.gender,
                "Straat": p.street,
                "Huisnummer": p.house_number,
                "Postcode": p.postcode,
                "Woonplaats": p.town,
                "Gemeente": p.municipality.name,
                "Afdeling": p.branch,
                "Lid sinds": _dutch_date(p.member_since),
                "Netwerken": "|".join(p.groups),
                "Status": "overleden" if p.deceased else "actief",
                "Geen contact": "ja" if p.no_contact else "",
            }
        )
    branch_municipalities = {
        branch_code(spec): [m.name for m in spec.municipalities]
        for region in REGIONS
        for spec in region.branches
    }
    return DemoParty(units=build_units(), members=rows, branch_municipalities=branch_municipalities)


# -- files ---------------------------------------------------------------------


def units_csv_bytes(party: DemoParty) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=UNIT_HEADERS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(party.units)
    return buffer.getvalue().encode("utf-8")


def members_csv_bytes(party: DemoParty, *, delimiter: str = ";") -> bytes:
    """The roster as a Dutch Excel export: UTF-8 with a byte order mark."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(
        buffer, fieldnames=MEMBER_HEADERS, delimiter=delimiter, lineterminator="\r\n"
    )
    writer.writeheader()
    writer.writerows(party.members)
    return buffer.getvalue().encode("utf-8-sig")


def write_units_csv(party: DemoParty, path: Path) -> None:
    """The units tree as a comma-separated file: code,name,kind,parent."""
    Path(path).write_bytes(units_csv_bytes(party))


def write_members_csv(party: DemoParty, path: Path, *, delimiter: str = ";") -> None:
    Path(path).write_bytes(members_csv_bytes(party, delimiter=delimiter))


# -- checks --------------------------------------------------------------------


def party_problems(party: DemoParty) -> list[str]:
    """What would make the roster import refuse this party (empty when valid)."""
    problems: list[str] = []
    kinds = {u["code"]: u["kind"] for u in party.units}
    if len(kinds) != len(party.units):
        problems.append("unit codes are not unique")
    for unit in party.units:
        parent_kind = kinds.get(unit["parent"], "")
        kind = unit["kind"]
        if kind == "landelijk" and unit["parent"]:
            problems.append(f"{unit['code']}: the national unit has no parent")
        elif kind == "gewest" and parent_kind != "landelijk":
            problems.append(f"{unit['code']}: a region belongs to the national unit")
        elif kind == "afdeling" and parent_kind != "gewest":
            problems.append(f"{unit['code']}: a branch belongs to a region")
        elif kind in GROUP_KIND_NAMES and not parent_kind:
            problems.append(f"{unit['code']}: a group needs a parent unit")
    numbers: set[str] = set()
    for row in party.members:
        number = row["Lidnummer"]
        where = f"member {number}"
        if number in numbers or not re.fullmatch(r"[0-9]{7}", number):
            problems.append(f"{where}: membership number missing, malformed or repeated")
        numbers.add(number)
        if kinds.get(row["Afdeling"]) != "afdeling":
            problems.append(f"{where}: {row['Afdeling']!r} is not a branch")
        for code in filter(None, row["Netwerken"].split("|")):
            if kinds.get(code) not in GROUP_KIND_NAMES:
                problems.append(f"{where}: {code!r} is not a network or working group")
        for header in ("Geboortedatum", "Lid sinds"):
            if not DATE_RE.match(row[header]):
                problems.append(f"{where}: {header} {row[header]!r} is not dd-mm-jjjj")
        if not POSTCODE_RE.match(row["Postcode"]):
            problems.append(f"{where}: postcode {row['Postcode']!r}")
        if not row["Achternaam"]:
            problems.append(f"{where}: no surname")
    return problems
