"""Validate a units file against the tree rules (plain Python, no queries)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ledenpanel.organisations.roster.directory import (
    AFDELING,
    ALL_KINDS,
    GEWEST,
    GROUP_KINDS,
    LANDELIJK,
    UnitRef,
)
from ledenpanel.organisations.roster.headers import (
    UNIT_HEADERS,
    UNIT_REQUIRED,
    header_issues,
    match_unit_headers,
)
from ledenpanel.organisations.roster.reading import Table
from ledenpanel.organisations.roster.report import Issue, too_long

# Must match the model's max_length (a test checks it).
CODE_MAX_LENGTH = 40
NAME_MAX_LENGTH = 200
# The kind a territorial unit's parent must have (groups may hang under any unit).
REQUIRED_PARENT_KIND = {LANDELIJK: None, GEWEST: LANDELIJK, AFDELING: GEWEST}


@dataclass(slots=True)
class UnitRow:
    line: int
    code: str
    name: str
    kind: str
    parent_code: str  # "" for the root


@dataclass
class UnitValidation:
    rows: list[UnitRow] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)


def validate_units(
    table: Table, *, existing: list[UnitRef], existing_parents: dict[str, str]
) -> UnitValidation:
    """Check a units file as it would merge into the ``existing`` units.

    ``existing_parents`` maps each existing unit's code to its parent's code
    ("" for none). A parent may be defined later in the file or already exist.
    """
    result = UnitValidation()
    match = match_unit_headers(table.headers)
    header_line = table.header_line
    result.warnings, result.errors = header_issues(match, UNIT_HEADERS, UNIT_REQUIRED, header_line)
    if result.errors:
        return result

    written = match.written
    i_code, i_name, i_kind = match.columns["code"], match.columns["name"], match.columns["kind"]
    i_parent = match.columns.get("parent", -1)
    h_code, h_name, h_kind = written["code"], written["name"], written["kind"]
    h_parent = written.get("parent")
    errors = result.errors
    existing_by_code = {unit.code: unit for unit in existing}
    seen: dict[str, int] = {}
    candidates: list[UnitRow] = []

    for line, cells in table.rows:
        ok = True
        code = cells[i_code].strip()
        name = " ".join(cells[i_name].split())
        kind = cells[i_kind].strip().casefold()
        parent_code = cells[i_parent].strip() if i_parent >= 0 else ""
        if not code:
            errors.append(Issue(line, h_code, _("verplicht veld is leeg")))
            ok = False
        elif len(code) > CODE_MAX_LENGTH:
            errors.append(Issue(line, h_code, too_long(CODE_MAX_LENGTH)))
            ok = False
        elif code in seen:
            errors.append(
                Issue(
                    line,
                    h_code,
                    _("code %(code)s staat ook op regel %(line)s")
                    % {"code": code, "line": seen[code]},
                )
            )
            ok = False
        else:
            seen[code] = line
        if not name:
            errors.append(Issue(line, h_name, _("verplicht veld is leeg")))
            ok = False
        elif len(name) > NAME_MAX_LENGTH:
            errors.append(Issue(line, h_name, too_long(NAME_MAX_LENGTH)))
            ok = False
        if kind not in ALL_KINDS:
            errors.append(
                Issue(
                    line,
                    h_kind,
                    _("onbekende soort '%(value)s' (gebruik %(kinds)s)")
                    % {"value": cells[i_kind].strip(), "kinds": ", ".join(ALL_KINDS)},
                )
            )
            ok = False
        elif code in existing_by_code and existing_by_code[code].kind != kind:
            errors.append(
                Issue(
                    line,
                    h_kind,
                    _("de soort van een bestaande eenheid kan niet veranderen (nu: %(kind)s)")
                    % {"kind": existing_by_code[code].kind},
                )
            )
            ok = False
        if ok:
            candidates.append(UnitRow(line, code, name, kind, parent_code))

    if errors:
        return result

    # The merged tree: existing units, overridden by the file.
    kind_of = {unit.code: unit.kind for unit in existing}
    parent_of = dict(existing_parents)
    line_of: dict[str, int] = {}
    for row in candidates:
        kind_of[row.code] = row.kind
        parent_of[row.code] = row.parent_code
        line_of[row.code] = row.line

    for row in candidates:
        parent = row.parent_code
        column = h_parent
        wanted = REQUIRED_PARENT_KIND.get(row.kind, "any")
        if parent and parent not in kind_of:
            errors.append(
                Issue(
                    row.line,
                    column,
                    _("onbekende bovenliggende eenheid '%(code)s'") % {"code": parent},
                )
            )
        elif wanted is None and parent:
            errors.append(
                Issue(
                    row.line, column, _("een landelijke eenheid heeft geen bovenliggende eenheid")
                )
            )
        elif wanted is not None and not parent:
            errors.append(
                Issue(
                    row.line,
                    column,
                    _("een %(kind)s moet onder een andere eenheid vallen") % {"kind": row.kind},
                )
            )
        elif wanted not in (None, "any") and kind_of[parent] != wanted:
            errors.append(
                Issue(
                    row.line,
                    column,
                    _("een %(kind)s moet onder een %(wanted)s vallen, niet onder een %(actual)s")
                    % {"kind": row.kind, "wanted": wanted, "actual": kind_of[parent]},
                )
            )
        elif row.kind in GROUP_KINDS and _in_cycle(row.code, parent_of):
            errors.append(Issue(row.line, column, _("de bovenliggende eenheden vormen een kring")))

    roots = sorted(code for code, kind in kind_of.items() if kind == LANDELIJK)
    if len(roots) > 1:
        new_roots = [code for code in roots if code in line_of]
        line = max(line_of[code] for code in new_roots) if new_roots else header_line
        errors.append(
            Issue(
                line,
                h_kind,
                _("er mag maar één landelijke eenheid zijn (gevonden: %(codes)s)")
                % {"codes": ", ".join(roots)},
            )
        )
    elif not roots and kind_of:
        errors.append(Issue(header_line, None, _("er is geen landelijke eenheid")))

    if not errors:
        result.rows = candidates
    return result


def _in_cycle(code: str, parent_of: dict[str, str]) -> bool:
    seen = {code}
    current = parent_of.get(code, "")
    while current:
        if current in seen:
            return True
        seen.add(current)
        current = parent_of.get(current, "")
    return False
