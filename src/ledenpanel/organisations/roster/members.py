"""Validate member rows: plain Python over a read table, producing typed rows.

Nothing here touches the database: the caller passes the units (as a
``UnitDirectory``) and today's date.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ledenpanel.organisations.roster.directory import AFDELING, GROUP_KINDS, UnitDirectory
from ledenpanel.organisations.roster.headers import (
    MEMBER_HEADERS,
    MEMBER_REQUIRED,
    header_issues,
    match_member_headers,
    normalise_header,
)
from ledenpanel.organisations.roster.reading import Table
from ledenpanel.organisations.roster.report import Issue, too_long

Progress = Callable[[int, int], None]

# Member fields an import compares and writes, in this order. ``member_number``
# is the key and not among them.
MEMBER_FIELDS = (
    "first_name",
    "infix",
    "last_name",
    "email",
    "birth_date",
    "gender",
    "street",
    "house_number",
    "postcode",
    "city",
    "municipality",
    "branch_id",
    "member_since",
    "status",
    "do_not_contact",
)
# Column (canonical header name) → member field, where they differ.
_FIELD_OF_COLUMN = {"branch": "branch_id"}
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
ADULT_AGE = 16
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


@dataclass(slots=True)
class MemberRow:
    """One valid row, as the values to store."""

    line: int
    member_number: str
    first_name: str = ""
    infix: str = ""
    last_name: str = ""
    email: str = ""
    birth_date: dt.date | None = None
    gender: str = ""
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    city: str = ""
    municipality: str = ""
    branch_id: int = 0
    member_since: dt.date | None = None
    # None: the Status cell is empty; the import keeps the stored status
    # (a new member becomes active). Without a Status column the import never
    # writes the status at all, so this stays "active" for new members only.
    status: str | None = "active"
    do_not_contact: bool = False
    group_ids: frozenset[int] | None = None  # None: the file has no groups column


@dataclass
class MemberValidation:
    rows: list[MemberRow] = field(default_factory=list)
    # The member fields the file provides. Absent columns keep stored values;
    # in particular a file without a Status column never changes a status.
    fields: tuple[str, ...] = ()
    has_groups: bool = False
    warnings: list[Issue] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)


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


def _age_on(birth_date: dt.date, today: dt.date) -> int:
    return (
        today.year
        - birth_date.year
        - ((today.month, today.day) < (birth_date.month, birth_date.day))
    )


def validate_members(
    table: Table,
    *,
    units: UnitDirectory,
    today: dt.date,
    progress: Progress | None = None,
) -> MemberValidation:
    """Check every row and return the valid rows with all warnings and errors."""
    result = MemberValidation()
    match = match_member_headers(table.headers)
    result.warnings, result.errors = header_issues(
        match, MEMBER_HEADERS, MEMBER_REQUIRED, table.header_line
    )
    if result.errors:
        return result

    present = [name for name in MEMBER_HEADERS if name in match.columns]
    fields = {_FIELD_OF_COLUMN.get(name, name) for name in present}
    result.fields = tuple(name for name in MEMBER_FIELDS if name in fields)
    result.has_groups = "groups" in match.columns
    written = match.written
    errors = result.errors
    warnings = result.warnings

    # Column indexes (-1: absent).
    def col(name: str) -> int:
        return match.columns.get(name, -1)

    i_number, i_first, i_infix, i_last = (
        col("member_number"),
        col("first_name"),
        col("infix"),
        col("last_name"),
    )
    i_email, i_birth, i_gender, i_street = (
        col("email"),
        col("birth_date"),
        col("gender"),
        col("street"),
    )
    i_house, i_postcode, i_city, i_municipality = (
        col("house_number"),
        col("postcode"),
        col("city"),
        col("municipality"),
    )
    i_branch, i_since, i_groups, i_status, i_dnc = (
        col("branch"),
        col("member_since"),
        col("groups"),
        col("status"),
        col("do_not_contact"),
    )
    text_columns = [
        (name, index, written.get(name, ""), MAX_LENGTHS[name])
        for name, index in (
            ("first_name", i_first),
            ("infix", i_infix),
            ("street", i_street),
            ("house_number", i_house),
            ("city", i_city),
            ("municipality", i_municipality),
        )
        if index >= 0
    ]
    branch_kinds = frozenset({AFDELING})
    branch_what = _("afdeling")
    group_what = _("werkgroep, netwerk of fractie")
    empty_required = _("verplicht veld is leeg")
    seen_numbers: dict[str, int] = {}
    lines_by_email: dict[str, list[int]] = {}
    total = len(table.rows)
    step = max(total // 100, 500)

    for position, (line, cells) in enumerate(table.rows, start=1):
        if progress is not None and position % step == 0:
            progress(position, total)
        row_ok = True

        def error(column: str | None, message: str, line: int = line) -> None:
            nonlocal row_ok
            row_ok = False
            errors.append(Issue(line, column, message))

        number = cells[i_number].strip()
        row = MemberRow(line=line, member_number=number)
        if not number:
            error(written["member_number"], empty_required)
        elif len(number) > MAX_LENGTHS["member_number"]:
            error(written["member_number"], too_long(MAX_LENGTHS["member_number"]))
        elif number in seen_numbers:
            error(
                written["member_number"],
                _("lidnummer %(number)s staat ook op regel %(line)s")
                % {"number": number, "line": seen_numbers[number]},
            )
        else:
            seen_numbers[number] = line

        last_name = clean_text(cells[i_last])
        if not last_name:
            error(written["last_name"], empty_required)
        elif len(last_name) > MAX_LENGTHS["last_name"]:
            error(written["last_name"], too_long(MAX_LENGTHS["last_name"]))
        row.last_name = last_name

        for name, index, header, limit in text_columns:
            value = clean_text(cells[index])
            if len(value) > limit:
                error(header, too_long(limit))
            setattr(row, name, value)

        branch_text = cells[i_branch].strip()
        if not branch_text:
            error(written["branch"], empty_required)
        else:
            unit, message = units.resolve(branch_text, branch_kinds, branch_what)
            if unit is None:
                error(written["branch"], message or "")
            else:
                row.branch_id = unit.id

        if i_email >= 0:
            email = cells[i_email].strip()
            if email:
                if not is_valid_email(email):
                    error(
                        written["email"], _("ongeldig e-mailadres '%(value)s'") % {"value": email}
                    )
                else:
                    lines_by_email.setdefault(email.casefold(), []).append(line)
            row.email = email

        if i_birth >= 0:
            parsed = parse_date(cells[i_birth].strip())
            if isinstance(parsed, str):
                error(written["birth_date"], parsed)
            elif parsed is not None:
                if parsed > today:
                    error(written["birth_date"], _("de geboortedatum ligt in de toekomst"))
                elif parsed < OLDEST_DATE:
                    error(written["birth_date"], _("de geboortedatum ligt vóór 1900"))
                else:
                    row.birth_date = parsed

        if i_since >= 0:
            parsed = parse_date(cells[i_since].strip())
            if isinstance(parsed, str):
                error(written["member_since"], parsed)
            elif parsed is not None:
                if parsed > today:
                    error(written["member_since"], _("de datum ligt in de toekomst"))
                elif parsed < OLDEST_DATE:
                    error(written["member_since"], _("de datum ligt vóór 1900"))
                else:
                    row.member_since = parsed

        if i_gender >= 0:
            raw = cells[i_gender].strip()
            gender = _GENDERS.get(raw.casefold())
            if gender is None:
                error(
                    written["gender"],
                    _("onbekend geslacht '%(value)s' (gebruik M, V, X of O)") % {"value": raw},
                )
            else:
                row.gender = gender

        if i_postcode >= 0:
            raw = cells[i_postcode].strip()
            if raw:
                postcode = normalise_postcode(raw)
                if postcode is None:
                    error(
                        written["postcode"],
                        _("ongeldige postcode '%(value)s' (verwacht 1234 AB)") % {"value": raw},
                    )
                else:
                    row.postcode = postcode

        if i_status >= 0:
            raw = cells[i_status].strip()
            key = normalise_header(raw)
            if key not in _STATUSES:
                error(
                    written["status"],
                    _("onbekende status '%(value)s' (gebruik actief, overleden of opgezegd)")
                    % {"value": raw},
                )
            else:
                row.status = _STATUSES[key]

        if i_dnc >= 0:
            raw = cells[i_dnc].strip()
            flag = _FLAGS.get(raw.casefold())
            if flag is None:
                error(
                    written["do_not_contact"],
                    _("onbekende waarde '%(value)s' (gebruik ja of nee)") % {"value": raw},
                )
            else:
                row.do_not_contact = flag

        if i_groups >= 0:
            group_ids: set[int] = set()
            for part in _GROUP_SEPARATOR.split(cells[i_groups]):
                code = part.strip()
                if not code:
                    continue
                unit, message = units.resolve(code, GROUP_KINDS, group_what)
                if unit is None:
                    error(written["groups"], message or "")
                else:
                    group_ids.add(unit.id)
            row.group_ids = frozenset(group_ids)

        if not row_ok:
            continue
        result.rows.append(row)
        if (
            not row.email
            and not (row.street and row.postcode and row.city)
            and row.status in ("active", None)
            and not row.do_not_contact
        ):
            warnings.append(
                Issue(
                    line,
                    None,
                    _(
                        "geen e-mailadres en geen volledig postadres: "
                        "dit lid kan niet worden uitgenodigd"
                    ),
                )
            )
        if row.birth_date is not None and _age_on(row.birth_date, today) < ADULT_AGE:
            warnings.append(
                Issue(
                    line,
                    written["birth_date"],
                    _("dit lid is jonger dan %(age)s jaar") % {"age": ADULT_AGE},
                )
            )

    for lines in lines_by_email.values():
        if len(lines) > 1:
            warnings.append(
                Issue(
                    lines[0],
                    written["email"],
                    _(
                        "hetzelfde e-mailadres staat op regels %(lines)s "
                        "(gedeeld in een huishouden?)"
                    )
                    % {"lines": ", ".join(str(line) for line in lines)},
                )
            )
    if progress is not None:
        progress(total, total)
    return result
