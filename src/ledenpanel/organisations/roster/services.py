"""The roster import's writes: units tree and member roster.

Both services read and validate the whole file and plan the changes first,
with plain reads outside any transaction, and write only when the file has no
errors (and it is not a dry run), in one short transaction: any error means
nothing is imported. Validation of a large file takes seconds; holding the
database's write lock that long (SQLite runs IMMEDIATE transactions) would make
logins and the worker wait, so a dry run (the web preview) takes no lock at all.

Concurrency: the write transaction first takes an import lock (on PostgreSQL an
advisory transaction lock; on SQLite the IMMEDIATE transaction already
serialises writers). The plan was made before that lock, so the write
transaction checks that the data the plan depends on is unchanged and, if
another import or an edit got in between, reads and plans again under the
lock. The check is cheap (counts and maxima); an edit that changes none of
them (say, a unit renamed by hand mid-import) can slip through, in which case
the import behaves as if it had run just before that edit.

They return an ``ImportReport``; in a dry run its counts say what an import
would do.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter
from typing import Any

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ledenpanel.organisations.models import Member, Unit
from ledenpanel.organisations.roster.directory import UnitDirectory, UnitRef
from ledenpanel.organisations.roster.members import MEMBER_FIELDS, MemberRow, validate_members
from ledenpanel.organisations.roster.reading import RosterFileError, Table, read_table
from ledenpanel.organisations.roster.report import ImportReport, Issue
from ledenpanel.organisations.roster.units import UnitRow, validate_units

__all__ = [
    "ImportReport",
    "Issue",
    "RosterFileError",
    "roster_members_import",
    "roster_units_import",
]

Progress = Callable[[int, int], None]

BATCH_SIZE = 2000
ID_CHUNK = 500  # ids per `IN (...)` clause: well under SQLite's 999 parameters
# pg_advisory_xact_lock key serialising roster imports ("LPRI" as an integer).
IMPORT_LOCK_KEY = 0x4C505249
# With --full, warn when more than this share of the members in the roster
# would become former members (a partial file uploaded as the whole roster?).
FULL_WARNING_SHARE = 0.25


def _read(data: bytes, filename: str, report: ImportReport) -> Table | None:
    """The file as a table; ``None`` (with the error in ``report``) if unreadable.

    Rows the reader refused are in ``table.errors``; the planners report them.
    """
    try:
        return read_table(data, filename)
    except RosterFileError as exc:
        report.errors.append(Issue(exc.line, None, exc.message))
        return None


def _lock_imports() -> None:
    """Serialise roster imports until the current transaction ends.

    On SQLite the IMMEDIATE transaction has taken the database's write lock
    already. On PostgreSQL the advisory lock is re-entrant, so a caller that
    wraps both imports in one transaction (the demo loader) is fine.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])


def _chunks(items: list[int], size: int = ID_CHUNK) -> list[list[int]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


# --- units -----------------------------------------------------------------


def roster_units_import(
    *, data: bytes, filename: str, dry_run: bool = False, progress: Progress | None = None
) -> ImportReport:
    """Create or update units from a ``code,name,kind,parent`` file (by code)."""
    report = ImportReport(dry_run=dry_run)
    table = _read(data, filename, report)
    if table is None:
        return report
    plan = _plan_units(table, report)
    if plan is not None and not dry_run:
        with transaction.atomic():
            _lock_imports()
            # Units files are small: validate again under the lock rather than
            # checking whether the units changed since.
            report = ImportReport(dry_run=dry_run)
            plan = _plan_units(table, report)
            if plan is not None:
                _write_units(*plan)
    if progress is not None:
        progress(len(table.rows), len(table.rows))
    return report


_UnitPlan = tuple[list[UnitRow], list[UnitRow], dict[str, int]]


def _plan_units(table: Table, report: ImportReport) -> _UnitPlan | None:
    """Validate ``table`` against the stored units; fill ``report``.

    Returns ``(new rows, changed rows, ids by code)``, or ``None`` on errors.
    """
    existing: dict[str, tuple[int, str, str, str]] = {}  # code → (id, name, kind, parent code)
    for unit_id, code, name, kind, parent_code in Unit.objects.values_list(
        "id", "code", "name", "kind", "parent__code"
    ):
        existing[code] = (unit_id, name, kind, parent_code or "")
    validation = validate_units(
        table,
        existing=[UnitRef(v[0], code, v[1], v[2]) for code, v in existing.items()],
        existing_parents={code: v[3] for code, v in existing.items()},
    )
    report.warnings = validation.warnings
    report.errors = [*table.errors, *validation.errors]
    report.sort_issues()
    if report.errors:
        return None

    new_rows: list[UnitRow] = []
    changed_rows: list[UnitRow] = []
    for row in validation.rows:
        current = existing.get(row.code)
        if current is None:
            new_rows.append(row)
        elif (current[1], current[3]) != (row.name, row.parent_code):
            changed_rows.append(row)
        else:
            report.unchanged += 1
    report.created = len(new_rows)
    report.updated = len(changed_rows)
    return new_rows, changed_rows, {code: v[0] for code, v in existing.items()}


def _write_units(
    new_rows: list[UnitRow], changed_rows: list[UnitRow], ids_by_code: dict[str, int]
) -> None:
    # Create new units parents first: each round creates the units whose parent
    # already has an id. Validation has ruled out cycles, so this terminates.
    pending = new_rows
    while pending:
        ready = [row for row in pending if not row.parent_code or row.parent_code in ids_by_code]
        if not ready:
            raise RuntimeError("units import: unresolvable parents after validation")
        Unit.objects.bulk_create(
            [
                Unit(
                    code=row.code,
                    name=row.name,
                    kind=row.kind,
                    parent_id=ids_by_code.get(row.parent_code) if row.parent_code else None,
                )
                for row in ready
            ]
        )
        ids_by_code.update(
            Unit.objects.filter(code__in=[row.code for row in ready]).values_list("code", "id")
        )
        ready_codes = {row.code for row in ready}
        pending = [row for row in pending if row.code not in ready_codes]
    if changed_rows:
        Unit.objects.bulk_update(
            [
                Unit(
                    id=ids_by_code[row.code],
                    name=row.name,
                    parent_id=ids_by_code[row.parent_code] if row.parent_code else None,
                )
                for row in changed_rows
            ],
            fields=["name", "parent"],
            batch_size=BATCH_SIZE,
        )


# --- members ---------------------------------------------------------------


@dataclass
class _MemberPlan:
    fields: tuple[str, ...]  # the member fields the file provides (and updates write)
    create: list[MemberRow] = field(default_factory=list)
    update: list[tuple[int, MemberRow]] = field(default_factory=list)  # (member id, row)
    mark_former: list[int] = field(default_factory=list)
    groups_add: list[tuple[int, int]] = field(default_factory=list)  # (member id, unit id)
    groups_remove: list[tuple[int, int]] = field(default_factory=list)


class _PhasedProgress:
    """Report two phases (validating, writing) as one 0..2n progress."""

    def __init__(self, progress: Progress | None, rows: int) -> None:
        self.progress = progress
        self.total = max(2 * rows, 1)
        self.rows = rows

    def validating(self, done: int, _total: int) -> None:
        if self.progress is not None:
            self.progress(done, self.total)

    def writing(self, done: int) -> None:
        if self.progress is not None:
            self.progress(self.rows + done, self.total)


def roster_members_import(
    *,
    data: bytes,
    filename: str,
    full: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a member roster (CSV or XLSX), matching members on member number.

    Adds new members, updates changed ones, reactivates returning ones and,
    with ``full`` (the file is the whole roster), marks members missing from
    it as former members (``in_roster=False``, data kept). Columns absent from
    the file leave the stored values alone; a groups column replaces each
    listed member's groups.

    Geen contact: a roster may set it, and clear it again, but never clears
    the refusal of a member who opted out of all panels themselves
    (``Member.refused_by_member``).

    Status: without a Status column an import never changes a status (a
    deceased member stays deceased, an ended membership stays ended), and an
    empty Status cell keeps the stored status too; only an explicit status
    changes it. ``reactivated`` counts members back in the roster
    (``in_roster`` False → True) and members whose status goes from ended to
    active through the Status column.
    """
    report = ImportReport(dry_run=dry_run)
    table = _read(data, filename, report)
    if table is None:
        return report
    phases = _PhasedProgress(progress, len(table.rows))
    version = None if dry_run else _members_version()
    plan = _plan_members_import(table, full, report, phases)
    if plan is not None and not dry_run:
        with transaction.atomic():
            _lock_imports()
            if _members_version() != version:
                # Another import or an edit got in between: plan again, now
                # under the lock (rare; this holds the lock while validating).
                report = ImportReport(dry_run=dry_run)
                plan = _plan_members_import(table, full, report, phases)
            if plan is not None:
                _write_members(plan, phases)
    phases.writing(len(table.rows))
    return report


def _members_version() -> tuple[object, ...]:
    """Cheap figures that change when members, their groups or units change."""
    members = Member.objects.aggregate(n=Count("id"), top=Max("id"), last=Max("updated_at"))
    groups = Member.groups.through.objects.aggregate(n=Count("id"), top=Max("id"))
    units = Unit.objects.aggregate(n=Count("id"), top=Max("id"))
    return (*members.values(), *groups.values(), *units.values())


def _plan_members_import(
    table: Table, full: bool, report: ImportReport, phases: _PhasedProgress
) -> _MemberPlan | None:
    """Validate ``table`` and plan the writes; fill ``report``. ``None`` on errors."""
    directory = UnitDirectory(
        UnitRef(*values) for values in Unit.objects.values_list("id", "code", "name", "kind")
    )
    validation = validate_members(
        table, units=directory, today=timezone.localdate(), progress=phases.validating
    )
    report.warnings = validation.warnings
    report.errors = [*table.errors, *validation.errors]
    if full and not table.rows and not table.errors:
        report.errors.append(
            Issue(
                1,
                None,
                _(
                    "het bestand bevat geen leden; als volledig ledenbestand (--full) zou "
                    "iedereen oud-lid worden"
                ),
            )
        )
    if report.errors:
        report.sort_issues()
        return None
    plan = _plan_members(validation.rows, validation.fields, validation.has_groups, full, report)
    report.sort_issues()
    return plan


def _plan_members(
    rows: list[MemberRow],
    fields: tuple[str, ...],
    has_groups: bool,
    full: bool,
    report: ImportReport,
) -> _MemberPlan:
    plan = _MemberPlan(fields=fields)
    # Last name and branch are required columns, so there are at least two
    # fields and ``values_of`` returns a tuple.
    values_of = attrgetter(*fields)
    status_index = fields.index("status") if "status" in fields else -1
    existing: dict[str, tuple[int, bool, tuple[object, ...]]] = {}
    refused: set[int] = set()  # members who refused all panels themselves
    for member_id, number, in_roster, refused_by_member, *values in Member.objects.values_list(
        "id", "member_number", "in_roster", "refused_by_member", *fields
    ):
        existing[number] = (member_id, in_roster, tuple(values))
        if refused_by_member:
            refused.add(member_id)
    groups_of: dict[int, set[int]] = {}
    if has_groups:
        for member_id, unit_id in Member.groups.through.objects.values_list("member_id", "unit_id"):
            groups_of.setdefault(member_id, set()).add(unit_id)

    for row in rows:
        current = existing.get(row.member_number)
        if current is None:
            if row.status is None:  # an empty Status cell: a new member is active
                row.status = "active"
            plan.create.append(row)
            continue
        member_id, in_roster, old_values = current
        old_status = old_values[status_index] if status_index >= 0 else None
        if status_index >= 0 and row.status is None:
            row.status = old_status  # an empty Status cell keeps the stored status
        if member_id in refused:
            # "Geen contact" is the roster's refusal OR the member's own: the
            # roster may add a refusal and lift one it set, but the member's
            # own "Geen ledenpanels meer" outlives every roster.
            row.do_not_contact = True
        new_values = values_of(row)
        groups_changed = False
        if row.group_ids is not None:
            old_groups = groups_of.get(member_id, set())
            if old_groups != row.group_ids:
                groups_changed = True
                plan.groups_add.extend((member_id, unit) for unit in row.group_ids - old_groups)
                plan.groups_remove.extend((member_id, unit) for unit in old_groups - row.group_ids)
        if not in_roster or (old_status == "ended" and row.status == "active"):
            report.reactivated += 1
            plan.update.append((member_id, row))
        elif new_values != old_values:
            report.updated += 1
            plan.update.append((member_id, row))
        elif groups_changed:
            report.updated += 1
        else:
            report.unchanged += 1
    report.created = len(plan.create)

    if full:
        listed = {row.member_number for row in rows}
        plan.mark_former = [
            member_id
            for number, (member_id, in_roster, _values) in existing.items()
            if in_roster and number not in listed
        ]
        report.marked_former = len(plan.mark_former)
        in_roster_count = sum(1 for _id, in_roster, _values in existing.values() if in_roster)
        if report.marked_former > FULL_WARNING_SHARE * in_roster_count:
            report.warnings.append(
                Issue(
                    1,
                    None,
                    _(
                        "%(count)s van de %(total)s leden (%(share)s %%) staan niet in het "
                        "bestand en worden oud-lid; controleer of dit het volledige "
                        "ledenbestand is"
                    )
                    % {
                        "count": report.marked_former,
                        "total": in_roster_count,
                        "share": round(100 * report.marked_former / in_roster_count),
                    },
                )
            )
    return plan


def _prepared_rows(names: list[str], rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """Turn dates and UUIDs into what the driver takes (SQLite stores them as text).

    Text, integers, booleans and ``None`` pass as they are; datetimes must be
    prepared by the caller (they are the same for every row). PostgreSQL's
    COPY takes Python values, so this runs on other databases only.
    """
    preparers: list[Callable[[Any], object] | None] = []
    for name in names:
        model_field = Member._meta.get_field(name)
        kind = model_field.get_internal_type()
        if kind == "DateField":
            preparers.append(connection.ops.adapt_datefield_value)
        elif kind == "UUIDField":
            preparers.append(partial(model_field.get_db_prep_value, connection=connection))
        else:
            preparers.append(None)
    if not any(preparers):
        return rows
    return [
        tuple(
            value if prep is None or value is None else prep(value)
            for prep, value in zip(preparers, row, strict=True)
        )
        for row in rows
    ]


def _columns(names: list[str]) -> list[str]:
    quote = connection.ops.quote_name
    return [quote(Member._meta.get_field(name).column) for name in names]


def _copy_rows(
    cursor: CursorWrapper, table: str, columns: str, rows: list[tuple[object, ...]]
) -> None:
    """Stream rows into ``table`` with PostgreSQL's COPY (psycopg 3)."""
    with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _insert_rows(cursor: CursorWrapper, names: list[str], rows: list[tuple[object, ...]]) -> None:
    """INSERT ``rows`` (values for the fields ``names``) into the member table.

    PostgreSQL gets COPY; SQLite runs ``executemany`` in C. Identifiers come
    from the model's metadata; values are always parameters.
    """
    table = connection.ops.quote_name(Member._meta.db_table)
    columns = ", ".join(_columns(names))
    if connection.vendor == "postgresql":
        _copy_rows(cursor, table, columns, rows)
        return
    placeholders = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    cursor.executemany(sql, _prepared_rows(names, rows))


def _update_rows(cursor: CursorWrapper, names: list[str], rows: list[tuple[object, ...]]) -> None:
    """UPDATE members by id: each row holds the values for ``names``, then the id."""
    quote = connection.ops.quote_name
    table = quote(Member._meta.db_table)
    columns = _columns(names)
    key = quote("id")
    if connection.vendor == "postgresql":
        staging = quote("roster_member_update")
        listed = ", ".join([*columns, key])
        cursor.execute(
            f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS "  # noqa: S608
            f"SELECT {listed} FROM {table} WITH NO DATA"
        )
        _copy_rows(cursor, staging, listed, rows)
        assignments = ", ".join(f"{column} = {staging}.{column}" for column in columns)
        cursor.execute(
            f"UPDATE {table} SET {assignments} FROM {staging} "  # noqa: S608
            f"WHERE {table}.{key} = {staging}.{key}"
        )
        cursor.execute(f"DROP TABLE {staging}")
        return
    assignments = ", ".join(f"{column} = %s" for column in columns)
    sql = f"UPDATE {table} SET {assignments} WHERE {key} = %s"  # noqa: S608
    cursor.executemany(sql, _prepared_rows([*names, "id"], rows))


def _write_members(plan: _MemberPlan, phases: _PhasedProgress) -> None:
    """Write the plan with plain SQL statements.

    ``bulk_create``/``bulk_update`` compile SQL per value and per batch; at
    50,000 rows that costs seconds, so the import prepares values itself.
    """
    now = timezone.now()
    stamp = Member._meta.get_field("updated_at").get_db_prep_save(now, connection)
    done = 0
    with connection.cursor() as cursor:
        if plan.create:
            # New members get every column: those absent from the file get the
            # row's defaults (the database has no defaults of its own).
            all_values_of = attrgetter(*MEMBER_FIELDS)
            names = [
                "public_id",
                "member_number",
                *MEMBER_FIELDS,
                "refused_by_member",
                "in_roster",
                "created_at",
                "updated_at",
            ]
            for start in range(0, len(plan.create), BATCH_SIZE):
                batch = plan.create[start : start + BATCH_SIZE]
                rows = [
                    (
                        uuid.uuid4(),
                        row.member_number,
                        *all_values_of(row),
                        False,
                        True,
                        stamp,
                        stamp,
                    )
                    for row in batch
                ]
                _insert_rows(cursor, names, rows)
                done += len(batch)
                phases.writing(done)
            ids = dict(Member.objects.values_list("member_number", "id"))
            for row in plan.create:
                if row.group_ids:
                    member_id = ids[row.member_number]
                    plan.groups_add.extend((member_id, unit) for unit in row.group_ids)

        if plan.update:
            fields = plan.fields
            values_of = attrgetter(*fields)
            names = [*fields, "in_roster", "updated_at"]
            for start in range(0, len(plan.update), BATCH_SIZE):
                batch = plan.update[start : start + BATCH_SIZE]
                rows = [(*values_of(row), True, stamp, member_id) for member_id, row in batch]
                _update_rows(cursor, names, rows)
                done += len(batch)
                phases.writing(done)

    for chunk in _chunks(plan.mark_former):
        Member.objects.filter(pk__in=chunk).update(in_roster=False, updated_at=now)

    through = Member.groups.through
    removals_by_unit: dict[int, list[int]] = {}
    for member_id, unit_id in plan.groups_remove:
        removals_by_unit.setdefault(unit_id, []).append(member_id)
    for unit_id, member_ids in removals_by_unit.items():
        for chunk in _chunks(member_ids):
            through.objects.filter(unit_id=unit_id, member_id__in=chunk).delete()
    through.objects.bulk_create(
        [through(member_id=member_id, unit_id=unit_id) for member_id, unit_id in plan.groups_add],
        batch_size=BATCH_SIZE,
    )
