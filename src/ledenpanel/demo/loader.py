"""Load the demo party into the database, once, and print its logins.

The party goes in through the real roster import (the same code path as a
coordinator's upload), so the demo exercises the import and can never hold
data the import would refuse. Staff accounts are marked ``is_demo``: only those
may skip two-factor authentication, and only while `ledenpanel demo` runs.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from django.core.exceptions import ImproperlyConfigured

from ledenpanel.demo.generator import (
    NATIONAL_CODE,
    NATIONAL_NAME,
    DemoParty,
    build_units,
    generate_party,
    members_csv_bytes,
    party_problems,
    units_csv_bytes,
)

if TYPE_CHECKING:
    from ledenpanel.organisations.roster.report import ImportReport

DEMO_URL = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    unit_name: str


@dataclass(frozen=True)
class _DemoStaff:
    login: DemoLogin
    full_name: str
    roles: tuple[tuple[str, str], ...]  # (unit code, RoleKind value)


_STAFF: tuple[_DemoStaff, ...] = (
    _DemoStaff(
        DemoLogin(
            "coordinator", "coordinator@demo.example", "demo-coordinator-2026", NATIONAL_NAME
        ),
        "Coby Coördinator (demo)",
        ((NATIONAL_CODE, "coordinator"),),
    ),
    _DemoStaff(
        DemoLogin(
            "board (national)",
            "partijbestuur@demo.example",
            "demo-partijbestuur-2026",
            NATIONAL_NAME,
        ),
        "Pim Partijbestuur (demo)",
        ((NATIONAL_CODE, "bestuurder"),),
    ),
    _DemoStaff(
        DemoLogin(
            "board (region)",
            "gewest.utrecht@demo.example",
            "demo-gewest-utrecht-2026",
            "Gewest Utrecht",
        ),
        "Greet van Gewest (demo)",
        (("GW-UT", "bestuurder"),),
    ),
    _DemoStaff(
        DemoLogin(
            "board (large branch)",
            "afdeling.amsterdam@demo.example",
            "demo-amsterdam-2026",
            "Afdeling Amsterdam",
        ),
        "Ayşe Afdeling (demo)",
        (("AFD-AMSTERDAM", "bestuurder"),),
    ),
    _DemoStaff(
        DemoLogin(
            "board (small branch)",
            "afdeling.zutphen@demo.example",
            "demo-zutphen-lochem-2026",
            "Afdeling Zutphen-Lochem",
        ),
        "Bram Bestuurder (demo)",
        (("AFD-ZUTPHEN-LOCHEM", "bestuurder"),),
    ),
    _DemoStaff(
        DemoLogin(
            "coach",
            "begeleider@demo.example",
            "demo-begeleider-2026",
            "Gewest Utrecht, Gewest Noord-Holland",
        ),
        "Noor de Begeleider (demo)",
        (("GW-UT", "coach"), ("GW-NH", "coach")),
    ),
)

# Coordinator, national board, regional board, a large and a small branch's
# board (in different regions) and a coach.
DEMO_LOGINS: tuple[DemoLogin, ...] = tuple(staff.login for staff in _STAFF)


class DemoDatabaseInUse(ImproperlyConfigured):
    """The database holds another party: the demo will not mix into it."""


def demo_party_loaded() -> bool:
    """Whether the demo party (national unit and coordinator login) is in the database."""
    from ledenpanel.accounts.models import User
    from ledenpanel.organisations.models import Unit, UnitKind

    return (
        Unit.objects.filter(
            code=NATIONAL_CODE, name=NATIONAL_NAME, kind=UnitKind.LANDELIJK
        ).exists()
        and User.objects.filter(email=DEMO_LOGINS[0].email, is_demo=True).exists()
    )


def ensure_demo_party(
    *, members: int = 20_000, out: TextIO, panels: bool = True
) -> tuple[DemoLogin, ...]:
    """Load the demo party unless it is there already; return the demo logins.

    Idempotent: a second call (a second `make demo`) reuses what the first
    loaded. ``members`` only counts on the first call. All or nothing: the
    units, members and logins are written in one transaction. With
    ``panels``, the demo panels follow (``demo.panels``), once, sized to the
    party.
    """
    from django.db import connection, transaction

    from ledenpanel.organisations.models import Member, Unit

    if demo_party_loaded():
        print(
            f"Reusing the existing demo party ({Unit.objects.count():,} units, "
            f"{Member.objects.count():,} members).",
            file=out,
        )
        if connection.vendor == "sqlite":
            print(f"To start afresh, remove {connection.settings_dict['NAME']}.", file=out)
        if panels:
            _ensure_panels(Member.objects.count(), out)
        return DEMO_LOGINS
    demo_units = {(unit["code"], unit["name"]) for unit in build_units()}
    if any(pair not in demo_units for pair in Unit.objects.values_list("code", "name")):
        raise DemoDatabaseInUse(
            "This database already holds a party that is not the demo party. "
            "Run the demo on its own database (set LEDENPANEL_VAR_DIR or DATABASE_URL)."
        )

    started = time.perf_counter()
    party = generate_party(members=members)
    problems = party_problems(party)
    if problems:
        raise RuntimeError("The generated demo party is invalid: " + "; ".join(problems[:5]))
    kinds = [unit["kind"] for unit in party.units]
    print(
        f"Creating the demo party: {kinds.count('gewest')} regions, "
        f"{kinds.count('afdeling')} branches, {len(party.members):,} members…",
        file=out,
    )
    with transaction.atomic():
        _import(party, out)
        _create_logins()
    print(f"Demo party ready in {time.perf_counter() - started:.1f} s.", file=out)
    if panels:
        _ensure_panels(members, out)
    return DEMO_LOGINS


def _ensure_panels(members: int, out: TextIO) -> None:
    from ledenpanel.demo.panels import PanelSizes, ensure_demo_panels

    ensure_demo_panels(sizes=PanelSizes.for_members(members), out=out)


def _import(party: DemoParty, out: TextIO) -> None:
    from ledenpanel.organisations.roster.services import (
        roster_members_import,
        roster_units_import,
    )

    report = roster_units_import(data=units_csv_bytes(party), filename="demo-eenheden.csv")
    _raise_on_errors("units", report)
    print(f"  units: {report.created} created, {report.updated} updated", file=out)

    shown = [-1]

    def progress(done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if tenth > shown[0] and tenth % 2 == 0 and done:
            shown[0] = tenth
            print(f"  members: {tenth * 10:3d} %", file=out, flush=True)

    report = roster_members_import(
        data=members_csv_bytes(party),
        filename="demo-leden.csv",
        full=True,
        progress=progress,
    )
    _raise_on_errors("members", report)
    print(f"  members: {report.created:,} created, {report.updated:,} updated", file=out)


def _raise_on_errors(what: str, report: ImportReport) -> None:
    if report.errors:
        first = "; ".join(str(issue) for issue in report.errors[:5])
        raise RuntimeError(
            f"The demo {what} file was refused by the roster import "
            f"({len(report.errors)} errors): {first}"
        )


def _create_logins() -> None:
    from ledenpanel.accounts.models import User
    from ledenpanel.accounts.services import user_create
    from ledenpanel.organisations.models import RoleKind, Unit
    from ledenpanel.organisations.services import role_assign

    for staff in _STAFF:
        login = staff.login
        user = User.objects.filter(email=login.email).first()
        if user is None:
            user = user_create(
                email=login.email, full_name=staff.full_name, password=login.password, is_demo=True
            )
        for unit_code, kind in staff.roles:
            role_assign(user=user, unit=Unit.objects.get(code=unit_code), kind=RoleKind(kind))


def banner(logins: Sequence[DemoLogin], *, url: str = DEMO_URL) -> str:
    """What `ledenpanel demo` prints once it serves: the address and the logins."""
    rows = [("role", "e-mail", "password", "unit")]
    rows += [(x.role, x.email, x.password, x.unit_name) for x in logins]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]

    def line(row: tuple[str, str, str, str]) -> str:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
        return "  " + "  ".join(cells).rstrip()

    rule = "  " + "  ".join("-" * width for width in widths)
    return "\n".join(
        [
            f"Ledenpanel demo is running at {url}",
            "",
            "Demo logins:",
            line(rows[0]),
            rule,
            *(line(row) for row in rows[1:]),
            "",
            "Two-factor authentication is skipped for these demo logins only,",
            "and only while `ledenpanel demo` runs. E-mails are written to var/mail/.",
        ]
    )
