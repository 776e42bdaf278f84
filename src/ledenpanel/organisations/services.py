"""Writes to units and roles. The roster import lives in ``roster/``."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ledenpanel.accounts.models import User
from ledenpanel.accounts.services import user_create, user_invitation_send
from ledenpanel.organisations.models import (
    ROSTER_UPLOAD_LIFETIME,
    Role,
    RoleKind,
    RosterUpload,
    Unit,
    UnitKind,
)
from ledenpanel.organisations.roster.services import (
    ImportReport,
    roster_members_import,
    roster_units_import,
)


class RoleError(ValueError):
    pass


@transaction.atomic
def role_assign(*, user: User, unit: Unit, kind: RoleKind, granted_by: User | None = None) -> Role:
    """Give ``user`` the role ``kind`` on ``unit`` (idempotent)."""
    if kind == RoleKind.COORDINATOR and unit.kind != UnitKind.LANDELIJK:
        raise RoleError(_("Een coördinator hoort bij de landelijke eenheid."))
    role, _created = Role.objects.get_or_create(
        user=user, unit=unit, kind=kind, defaults={"granted_by": granted_by}
    )
    return role


@transaction.atomic
def staff_add_to_unit(
    *, email: str, full_name: str, unit: Unit, kind: RoleKind, added_by: User | None
) -> Role:
    """Give a person a role on a unit, creating their staff account if needed.

    A new account has no password: after the commit it gets an e-mail with a
    one-time link to choose one (and then sets up 2FA at the first login).
    """
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = user_create(email=email, full_name=full_name.strip(), password=None)
    role = role_assign(user=user, unit=unit, kind=kind, granted_by=added_by)
    if not user.has_usable_password():
        user_invitation_send(
            user=user,
            invited_by=added_by,
            role_description=f"{role.get_kind_display()} — {unit.name}",
        )
    return role


@transaction.atomic
def role_revoke(*, role: Role) -> None:
    role.delete()


@transaction.atomic
def roster_upload_purge_expired() -> int:
    """Delete uploads nobody confirmed in time; returns how many."""
    expired = RosterUpload.objects.filter(
        created_at__lt=timezone.now() - ROSTER_UPLOAD_LIFETIME
    ).delete()
    return expired[0]


def roster_upload_preview(
    *, user: User, kind: RosterUpload.Kind, file: UploadedFile, full: bool = False
) -> tuple[RosterUpload | None, ImportReport]:
    """Validate an uploaded roster without writing it.

    A valid file is kept (as a RosterUpload) until the user confirms it; a
    file with errors is not kept at all.
    """
    data = file.read()
    report = _run_roster_import(kind=kind, data=data, filename=file.name, full=full, dry_run=True)
    with transaction.atomic():
        roster_upload_purge_expired()
        RosterUpload.objects.filter(uploaded_by=user, kind=kind).delete()
        if report.errors:
            return None, report
        upload = RosterUpload.objects.create(
            kind=kind, uploaded_by=user, filename=file.name[:255], content=data, full=full
        )
    return upload, report


def roster_upload_import(*, upload: RosterUpload) -> ImportReport:
    """Import a previewed upload for real, then forget the file.

    Not one transaction: the import is all-or-nothing by itself and holds the
    write lock only while writing; the upload is deleted after it either way.
    """
    report = _run_roster_import(
        kind=upload.kind,
        data=bytes(upload.content),
        filename=upload.filename,
        full=upload.full,
        dry_run=False,
    )
    upload.delete()
    return report


def _run_roster_import(
    *, kind: str, data: bytes, filename: str, full: bool, dry_run: bool
) -> ImportReport:
    if kind == RosterUpload.Kind.UNITS:
        return roster_units_import(data=data, filename=filename, dry_run=dry_run)
    return roster_members_import(data=data, filename=filename, full=full, dry_run=dry_run)
