"""Reads of units, members and roles, always scoped to what the user may see.

Every view reaches these objects through the access functions here
(``unit_get_for_user``, ``member_get_for_user``); nothing else queries them
for a request. Who sees what:

- a coordinator sees every unit and every member;
- a board member sees their unit, everything below it, and its members;
- a coach sees the units they support and those below them, but no member
  data: coaching panels needs no names or addresses;
- everyone else sees nothing (404, so existence is not revealed).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from ledenpanel.accounts.models import User
from ledenpanel.organisations.models import (
    ROSTER_UPLOAD_LIFETIME,
    Member,
    Role,
    RoleKind,
    RosterUpload,
    Unit,
    UnitKind,
)

AnyUser = User | AnonymousUser


def _roles(user: AnyUser) -> list[Role]:
    if not user.is_authenticated:
        return []
    cached: list[Role] | None = getattr(user, "_ledenpanel_roles", None)
    if cached is None:
        cached = list(Role.objects.filter(user=user).select_related("unit"))
        user._ledenpanel_roles = cached  # type: ignore[union-attr]
    return cached


def role_list_for_user(*, user: AnyUser) -> list[Role]:
    return _roles(user)


def user_is_coordinator(*, user: AnyUser) -> bool:
    return any(role.kind == RoleKind.COORDINATOR for role in _roles(user))


def _children() -> dict[int | None, list[int]]:
    # The tree has at most a few hundred units, so one query for all edges
    # beats a recursive query and works the same on SQLite and PostgreSQL.
    children: dict[int | None, list[int]] = defaultdict(list)
    for unit_id, parent_id in Unit.objects.values_list("id", "parent_id"):
        children[parent_id].append(unit_id)
    return children


def _below(roots: Iterable[int], children: dict[int | None, list[int]]) -> set[int]:
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        stack.extend(children[current])
    return seen


def unit_descendant_ids(*, unit_ids: Iterable[int]) -> set[int]:
    """The given units and every unit below them."""
    return _below(unit_ids, _children())


def unit_subtrees(*, unit_ids: Iterable[int]) -> dict[int, set[int]]:
    """Each unit's own subtree, from one query for the whole tree."""
    children = _children()
    return {unit_id: _below([unit_id], children) for unit_id in unit_ids}


def unit_ids_with_role(user: AnyUser, kinds: set[str]) -> set[int] | None:
    """Ids of units where the user holds one of ``kinds``; None means all."""
    if user_is_coordinator(user=user):
        return None
    roots = [role.unit_id for role in _roles(user) if role.kind in kinds]
    return unit_descendant_ids(unit_ids=roots) if roots else set()


def unit_list_for_user(*, user: AnyUser) -> QuerySet[Unit]:
    visible = unit_ids_with_role(user, {RoleKind.BOARD, RoleKind.COACH})
    units = Unit.objects.select_related("parent").order_by("kind", "name")
    return units if visible is None else units.filter(id__in=visible)


def unit_get_for_user(*, user: AnyUser, unit_id: UUID) -> Unit:
    try:
        return unit_list_for_user(user=user).get(public_id=unit_id)
    except Unit.DoesNotExist:
        raise Http404 from None


def user_can_see_members(*, user: AnyUser, unit: Unit) -> bool:
    visible = unit_ids_with_role(user, {RoleKind.BOARD})
    return visible is None or unit.id in visible


def member_list_for_unit(*, unit: Unit) -> QuerySet[Member]:
    """Members of a unit: its branches' members, or a group's members."""
    members = Member.objects.select_related("branch")
    if unit.kind == UnitKind.LANDELIJK:
        return members.all()
    if unit.is_group:
        return members.filter(groups=unit)
    territory = unit_descendant_ids(unit_ids=[unit.id])
    return members.filter(branch_id__in=territory)


def _member_territory(user: AnyUser) -> set[int] | None:
    """Branches whose members the user may see (None: all).

    Only territory counts, never a group: a network under branch A can hold
    members of branch B, and A's board must not see those.
    """
    visible = unit_ids_with_role(user, {RoleKind.BOARD})
    if visible is None:
        return None
    return set(
        Unit.objects.filter(id__in=visible, kind=UnitKind.AFDELING).values_list("id", flat=True)
    )


def member_list_for_user(*, user: AnyUser, unit: Unit, search: str = "") -> QuerySet[Member]:
    if not user_can_see_members(user=user, unit=unit):
        raise Http404
    members = member_list_for_unit(unit=unit)
    territory = _member_territory(user)
    if territory is not None:
        members = members.filter(branch_id__in=territory)
    if search:
        members = members.filter(
            Q(last_name__icontains=search)
            | Q(first_name__icontains=search)
            | Q(member_number=search)
            | Q(email__iexact=search)
        )
    return members


def member_get_for_user(*, user: AnyUser, member_id: UUID) -> Member:
    territory = _member_territory(user)
    members = Member.objects.select_related("branch", "branch__parent")
    if territory is not None:
        members = members.filter(branch_id__in=territory)
    member = members.filter(public_id=member_id).first()
    if member is None:
        raise Http404
    return member


def role_list_for_unit(*, unit: Unit) -> QuerySet[Role]:
    return Role.objects.filter(unit=unit).select_related("user").order_by("kind", "user__full_name")


def roster_import_check_allowed(*, user: AnyUser) -> None:
    """Only the party office (coordinators) keeps the roster."""
    if not user_is_coordinator(user=user):
        raise PermissionDenied


def roster_upload_get_for_user(*, user: AnyUser, upload_id: str, kind: str) -> RosterUpload | None:
    """The user's own unexpired upload of this kind, or None."""
    roster_import_check_allowed(user=user)
    try:
        return RosterUpload.objects.get(
            public_id=UUID(upload_id),
            uploaded_by=user,
            kind=kind,
            created_at__gte=timezone.now() - ROSTER_UPLOAD_LIFETIME,
        )
    except (ValueError, RosterUpload.DoesNotExist):
        return None


def role_kinds_manageable(*, user: AnyUser, unit: Unit) -> list[RoleKind]:
    """Which roles on ``unit`` the user may give and take away.

    Coordinators manage every role; a board manages the board roles of its own
    unit and the units below it. Coaches are assigned by the party office.
    """
    if user_is_coordinator(user=user):
        kinds = [RoleKind.BOARD, RoleKind.COACH]
        if unit.kind == UnitKind.LANDELIJK:
            kinds.append(RoleKind.COORDINATOR)
        return kinds
    board_units = unit_ids_with_role(user, {RoleKind.BOARD})
    return [RoleKind.BOARD] if board_units and unit.id in board_units else []


def unit_people_check_allowed(*, user: AnyUser, unit: Unit) -> list[RoleKind]:
    kinds = role_kinds_manageable(user=user, unit=unit)
    if not kinds:
        raise PermissionDenied
    return kinds


def role_get_for_user(*, user: AnyUser, role_id: UUID) -> Role:
    """A role the user may take away; 404 for any other."""
    role = Role.objects.select_related("unit", "user").filter(public_id=role_id).first()
    if role is None or role.kind not in role_kinds_manageable(user=user, unit=role.unit):
        raise Http404
    return role


def user_is_board_of(*, user: AnyUser, unit: Unit) -> bool:
    """A board member of this unit itself (the one who acts for it)."""
    return any(role.kind == RoleKind.BOARD and role.unit_id == unit.id for role in _roles(user))


def unit_coaches(*, unit: Unit) -> QuerySet[Role]:
    """The active coach roles that serve this unit (held on it or on a unit above)."""
    unit_ids = []
    current: Unit | None = unit
    while current is not None:
        unit_ids.append(current.pk)
        current = current.parent
    return Role.objects.filter(kind=RoleKind.COACH, unit_id__in=unit_ids, user__is_active=True)


def unit_has_coach(*, unit: Unit) -> bool:
    """Whether an active coach serves this unit."""
    return unit_coaches(unit=unit).exists()
