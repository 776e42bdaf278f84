"""Which header spellings mean which field (Dutch and English, forgiving)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ledenpanel.organisations.roster.report import Issue

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise_header(text: str) -> str:
    """Casefold, strip accents and collapse spaces, hyphens and underscores.

    ``"E-mailadres"`` → ``"e mailadres"``, ``" Geboorte_datum "`` → ``"geboorte datum"``.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_ALNUM.sub(" ", without_accents).strip()


def _compact(text: str) -> str:
    return normalise_header(text).replace(" ", "")


# Canonical field → accepted spellings. Matching ignores case, accents, spaces,
# hyphens and underscores, so "E-mail", "email" and "E mail" are one spelling.
MEMBER_HEADERS: dict[str, tuple[str, ...]] = {
    "member_number": (
        "Lidnummer",
        "Lidnr",
        "Member number",
        "Membership number",
        "Member no",
        "Member id",
    ),
    "first_name": ("Voornaam", "First name", "Given name"),
    "infix": ("Tussenvoegsel", "Tussenvoegsels", "Voorvoegsel", "Infix"),
    "last_name": ("Achternaam", "Last name", "Surname", "Family name"),
    "email": ("E-mailadres", "E-mail", "Email address", "E-mail address", "Mail"),
    "birth_date": ("Geboortedatum", "Date of birth", "Birth date", "Birthdate", "DOB"),
    "gender": ("Geslacht", "Gender", "Sex"),
    "street": ("Straat", "Straatnaam", "Street"),
    "house_number": ("Huisnummer", "Huisnr", "House number"),
    "postcode": ("Postcode", "Postal code", "Zip code", "Zip"),
    "city": ("Woonplaats", "Plaats", "City", "Town"),
    "municipality": ("Gemeente", "Municipality"),
    "branch": ("Afdeling", "Branch", "Local branch"),
    "member_since": (
        "Lid sinds",
        "Member since",
        "Ingangsdatum",
        "Ingangsdatum lidmaatschap",
    ),
    "groups": ("Netwerken", "Networks", "Groepen", "Groups", "Netwerken en werkgroepen"),
    "status": ("Status", "Lidmaatschapsstatus", "Membership status"),
    "do_not_contact": ("Geen contact", "Do not contact", "Niet benaderen", "No contact"),
}
MEMBER_REQUIRED = ("member_number", "last_name", "branch")
# The headers as a Dutch member administration writes them (the first spelling).
DUTCH_MEMBER_HEADERS: tuple[str, ...] = tuple(names[0] for names in MEMBER_HEADERS.values())

UNIT_HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("code", "Eenheidcode", "Unit code"),
    "name": ("name", "Naam"),
    "kind": ("kind", "Soort", "Type"),
    "parent": ("parent", "Bovenliggende eenheid", "Bovenliggende", "Valt onder", "Parent code"),
}
UNIT_REQUIRED = ("code", "name", "kind")


def _lookup(spellings: dict[str, tuple[str, ...]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for name, aliases in spellings.items():
        for alias in aliases:
            table[_compact(alias)] = name
    return table


_MEMBER_LOOKUP = _lookup(MEMBER_HEADERS)
_UNIT_LOOKUP = _lookup(UNIT_HEADERS)


@dataclass
class HeaderMatch:
    """How a file's header row maps onto fields."""

    columns: dict[str, int] = field(default_factory=dict)  # field → column index
    written: dict[str, str] = field(default_factory=dict)  # field → header as written
    unknown: list[str] = field(default_factory=list)  # headers matching no field
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (field, header)

    def missing(self, required: tuple[str, ...]) -> list[str]:
        return [name for name in required if name not in self.columns]


def _match(headers: list[str], lookup: dict[str, str]) -> HeaderMatch:
    match = HeaderMatch()
    for index, header in enumerate(headers):
        key = _compact(header)
        if not key:
            continue
        name = lookup.get(key)
        if name is None:
            match.unknown.append(header)
        elif name in match.columns:
            match.duplicates.append((name, header))
        else:
            match.columns[name] = index
            match.written[name] = header
    return match


def match_member_headers(headers: list[str]) -> HeaderMatch:
    return _match(headers, _MEMBER_LOOKUP)


def match_unit_headers(headers: list[str]) -> HeaderMatch:
    return _match(headers, _UNIT_LOOKUP)


def header_issues(
    match: HeaderMatch,
    spellings: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    header_line: int,
) -> tuple[list[Issue], list[Issue]]:
    """The warnings and errors about a header row: ``(warnings, errors)``.

    Unknown columns are warnings; two columns meaning one field and missing
    required columns are errors (reported on the header line).
    """
    warnings = [
        Issue(header_line, header, _("onbekende kolom; deze wordt genegeerd"))
        for header in match.unknown
    ]
    errors = [
        Issue(
            header_line,
            header,
            _("deze kolom betekent hetzelfde als kolom '%(other)s'")
            % {"other": match.written[name]},
        )
        for name, header in match.duplicates
    ]
    errors.extend(
        Issue(
            header_line,
            None,
            _("verplichte kolom '%(header)s' ontbreekt") % {"header": spellings[name][0]},
        )
        for name in match.missing(required)
    )
    return warnings, errors
