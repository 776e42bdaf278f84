"""What a cell in a member roster may hold: one parser per column.

Plain functions over cell text; nothing here touches the database (units
come in as a ``UnitDirectory``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable

from django.utils.translation import gettext as _

from ledenpanel.organisations.roster.directory import AFDELING, GROUP_KINDS, UnitDirectory
from ledenpanel.organisations.roster.headers import normalise_header
from ledenpanel.organisations.roster.report import too_long

# Must match the model's max_length (a test checks it).
MAX_LENGTHS = {
    "member_number": 40,
    "first_name": 100,
    "infix": 40,
    "last_name": 150,
    "email": 254,
    "street": 200,
    "house_number": 20,
    "city": 100,
    "municipality": 100,
}
OLDEST_DATE = dt.date(1900, 1, 1)

_EMAIL = re.compile(
    r"^[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*"
    r"@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,63}$"
)
_POSTCODE = re.compile(r"^([1-9][0-9]{3}) ?([A-Za-z]{2})$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_GROUP_SEPARATOR = re.compile(r"[,|]")

_GENDERS = {
    "m": "M",
    "man": "M",
    "male": "M",
    "v": "V",
    "f": "V",
    "vrouw": "V",
    "female": "V",
    "x": "X",
    "anders": "X",
    "other": "X",
    "o": "O",
    "onbekend": "O",
    "unknown": "O",
    "": "",
}
_STATUSES = {
    "actief": "active",
    "active": "active",
    "overleden": "deceased",
    "deceased": "deceased",
    "opgezegd": "ended",
    "beeindigd": "ended",
    "ended": "ended",
    "": None,  # an empty cell: keep the stored status (new members: active)
}
_FLAGS = {
    "ja": True,
    "j": True,
    "yes": True,
    "y": True,
    "1": True,
    "x": True,
    "true": True,
    "waar": True,
    "nee": False,
    "n": False,
    "no": False,
    "0": False,
    "false": False,
    "onwaar": False,
    "": False,
}


class Invalid:
    """A cell that cannot be stored: one message per thing wrong with it.

    A parser returns this instead of raising, so that a row reports every bad
    cell and a file reports every bad row in one go.
    """

    __slots__ = ("messages",)

    def __init__(self, *messages: str) -> None:
        self.messages = messages


# Cell text → the value for the ``MemberRow`` attribute, or ``Invalid``.
CellParser = Callable[[str], object]


def cell_parsers(units: UnitDirectory, today: dt.date) -> dict[str, CellParser]:
    """A parser for every member column but the member number, keyed by canonical header.

    The order is the order in which a row reports its issues (after the
    member number); keep it when adding a column. Built once per file, so
    messages are translated in the language active for that import.
    """
    return {
        "last_name": _text_parser(MAX_LENGTHS["last_name"], required=True),
        "first_name": _text_parser(MAX_LENGTHS["first_name"]),
        "infix": _text_parser(MAX_LENGTHS["infix"]),
        "street": _text_parser(MAX_LENGTHS["street"]),
        "house_number": _text_parser(MAX_LENGTHS["house_number"]),
        "city": _text_parser(MAX_LENGTHS["city"]),
        "municipality": _text_parser(MAX_LENGTHS["municipality"]),
        "branch": _branch_parser(units),
        "email": _parse_email,
        "birth_date": _past_date_parser(
            today,
            in_future=_("de geboortedatum ligt in de toekomst"),
            too_early=_("de geboortedatum ligt vóór 1900"),
        ),
        "member_since": _past_date_parser(
            today,
            in_future=_("de datum ligt in de toekomst"),
            too_early=_("de datum ligt vóór 1900"),
        ),
        "gender": _parse_gender,
        "postcode": _parse_postcode,
        "status": _parse_status,
        "do_not_contact": _parse_do_not_contact,
        "groups": _groups_parser(units),
    }


def clean_text(value: str) -> str:
    """Strip surrounding white space; compose accents (NFC), keeping every one."""
    value = value.strip()
    if value.isascii():
        return value
    return unicodedata.normalize("NFC", value)


def parse_date(value: str) -> dt.date | str | None:
    """A date from ``dd-mm-jjjj``, ``d-m-jjjj`` (also / or .) or ISO.

    Returns the date, ``None`` for an empty cell, or an error message.
    """
    if not value:
        return None
    match = _DMY.match(value)
    if match:
        day, month, year = match.groups()
    else:
        match = _ISO.match(value)
        if not match:
            return _("ongeldige datum '%(value)s' (gebruik dd-mm-jjjj)") % {"value": value}
        year, month, day = match.groups()
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return _("onmogelijke datum '%(value)s'") % {"value": value}


def normalise_postcode(value: str) -> str | None:
    """``"1234ab"`` → ``"1234 AB"``; ``None`` when it is no Dutch postcode."""
    match = _POSTCODE.match(value.replace("\u00a0", " ").strip())
    if not match:
        return None
    return f"{match.group(1)} {match.group(2).upper()}"


def is_valid_email(value: str) -> bool:
    return len(value) <= MAX_LENGTHS["email"] and _EMAIL.match(value) is not None


def _text_parser(limit: int, *, required: bool = False) -> CellParser:
    def parse(cell: str) -> str | Invalid:
        value = clean_text(cell)
        if required and not value:
            return Invalid(_("verplicht veld is leeg"))
        if len(value) > limit:
            return Invalid(too_long(limit))
        return value

    return parse


def _branch_parser(units: UnitDirectory) -> CellParser:
    kinds = frozenset({AFDELING})
    # Translated once per file: the directory needs it for every lookup.
    what = _("afdeling")

    def parse(cell: str) -> int | Invalid:
        text = cell.strip()
        if not text:
            return Invalid(_("verplicht veld is leeg"))
        unit, message = units.resolve(text, kinds, what)
        if unit is None:
            return Invalid(message or "")
        return unit.id

    return parse


def _groups_parser(units: UnitDirectory) -> CellParser:
    what = _("werkgroep, netwerk of fractie")

    def parse(cell: str) -> frozenset[int] | Invalid:
        ids: set[int] = set()
        problems: list[str] = []
        for part in _GROUP_SEPARATOR.split(cell):
            code = part.strip()
            if not code:
                continue
            unit, message = units.resolve(code, GROUP_KINDS, what)
            if unit is None:
                problems.append(message or "")
            else:
                ids.add(unit.id)
        if problems:
            return Invalid(*problems)
        return frozenset(ids)

    return parse


def _past_date_parser(today: dt.date, *, in_future: str, too_early: str) -> CellParser:
    def parse(cell: str) -> dt.date | Invalid | None:
        parsed = parse_date(cell.strip())
        if isinstance(parsed, str):
            return Invalid(parsed)
        if parsed is None:
            return None
        if parsed > today:
            return Invalid(in_future)
        if parsed < OLDEST_DATE:
            return Invalid(too_early)
        return parsed

    return parse


def _parse_email(cell: str) -> str | Invalid:
    email = cell.strip()
    if email and not is_valid_email(email):
        return Invalid(_("ongeldig e-mailadres '%(value)s'") % {"value": email})
    return email


def _parse_gender(cell: str) -> str | Invalid:
    raw = cell.strip()
    gender = _GENDERS.get(raw.casefold())
    if gender is None:
        return Invalid(_("onbekend geslacht '%(value)s' (gebruik M, V, X of O)") % {"value": raw})
    return gender


def _parse_postcode(cell: str) -> str | Invalid:
    raw = cell.strip()
    if not raw:
        return ""
    postcode = normalise_postcode(raw)
    if postcode is None:
        return Invalid(_("ongeldige postcode '%(value)s' (verwacht 1234 AB)") % {"value": raw})
    return postcode


def _parse_status(cell: str) -> str | Invalid | None:
    raw = cell.strip()
    key = normalise_header(raw)
    if key not in _STATUSES:
        return Invalid(
            _("onbekende status '%(value)s' (gebruik actief, overleden of opgezegd)")
            % {"value": raw}
        )
    return _STATUSES[key]


def _parse_do_not_contact(cell: str) -> bool | Invalid:
    raw = cell.strip()
    flag = _FLAGS.get(raw.casefold())
    if flag is None:
        return Invalid(_("onbekende waarde '%(value)s' (gebruik ja of nee)") % {"value": raw})
    return flag
