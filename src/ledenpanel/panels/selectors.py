"""Reads of panels and requests, scoped to what the user may see.

A panel's content (questionnaire, history, comments) is visible to the board
and the coaches of its unit or a unit above it, and to coordinators. The
coordination calendar is wider: every board sees the titles, topics, sizes
and dates of all panels, never their questions or members.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from ledenpanel.organisations.models import RoleKind, Unit
from ledenpanel.organisations.selectors import (
    AnyUser,
    unit_ids_with_role,
    user_is_board_of,
    user_is_coordinator,
)
from ledenpanel.panels.coordination.overlap import PanelWindow, overlapping
from ledenpanel.panels.coordination.similarity import similar_texts
from ledenpanel.panels.lifecycle import BOARD, PanelRole
from ledenpanel.panels.models import ACTIVE_STATES, Panel, PanelRequest, PanelState, PartySettings


def panel_get_for_roles(
    *, user: AnyUser, panel_id: UUID, roles: frozenset[PanelRole]
) -> tuple[Panel, set[PanelRole]]:
    """The panel, if the user holds one of ``roles`` on it, with all the roles held.

    404 when the user may not see the panel at all (``panel_get_for_user``),
    403 when they see it but hold none of ``roles``.
    """
    panel = panel_get_for_user(user=user, panel_id=panel_id)
    held = panel_roles(user=user, unit=panel.unit)
    if not held & roles:
        raise PermissionDenied
    return panel, held


def panel_get_for_board(*, user: AnyUser, panel_id: UUID) -> Panel:
    """The panel, for a member of the board of its unit (404 / 403 otherwise)."""
    panel, _roles = panel_get_for_roles(user=user, panel_id=panel_id, roles=BOARD)
    return panel


def panel_roles(*, user: AnyUser, unit: Unit) -> set[PanelRole]:
    roles: set[PanelRole] = set()
    if user_is_coordinator(user=user):
        roles.add(PanelRole.COORDINATOR)
    # A panel belongs to its own unit's board: boards of units above it may
    # read along (visibility below) but not act for it.
    if user_is_board_of(user=user, unit=unit):
        roles.add(PanelRole.BOARD)
    coaches = unit_ids_with_role(user, {RoleKind.COACH})
    if coaches is not None and unit.id in coaches:
        roles.add(PanelRole.COACH)
    return roles


def panel_list_for_user(*, user: AnyUser) -> QuerySet[Panel]:
    panels = Panel.objects.select_related("unit")
    visible = unit_ids_with_role(user, {RoleKind.BOARD, RoleKind.COACH})
    return panels if visible is None else panels.filter(unit_id__in=visible)


def panel_get_for_user(*, user: AnyUser, panel_id: UUID) -> Panel:
    panel = panel_list_for_user(user=user).filter(public_id=panel_id).first()
    if panel is None:
        raise Http404
    return panel


def panel_calendar(*, user: AnyUser) -> QuerySet[Panel]:
    """All panels of every level, for coordination. Staff only; metadata only."""
    if not user.is_authenticated:
        raise Http404
    return Panel.objects.select_related("unit").only(
        "public_id",
        "title",
        "topic",
        "state",
        "opens_on",
        "closes_on",
        "population_kind",
        "sample_size",
        "unit__name",
        "unit__kind",
        "unit__code",
    )


def request_list_for_user(*, user: AnyUser) -> QuerySet[PanelRequest]:
    requests = PanelRequest.objects.select_related("unit", "requesting_unit")
    if user_is_coordinator(user=user):
        return requests
    boards = unit_ids_with_role(user, {RoleKind.BOARD}) or set()
    return requests.filter(Q(unit_id__in=boards) | Q(submitted_by_id=user.pk))


def request_get_for_user(*, user: AnyUser, request_id: UUID) -> PanelRequest:
    request = request_list_for_user(user=user).filter(public_id=request_id).first()
    if request is None:
        raise Http404
    return request


def party_settings_get() -> PartySettings:
    settings, _created = PartySettings.objects.get_or_create(pk=1)
    return settings


@dataclass(frozen=True)
class CoordinationWarnings:
    overlapping: list[Panel]
    similar: list[tuple[Panel, float]]


def _panel_text(panel: Panel) -> str:
    labels = " ".join(
        str(question.get("label", ""))
        for section in panel.questionnaire.get("sections", [])
        for question in section.get("questions", [])
    )
    return f"{panel.title} {panel.topic} {labels}"


def panel_coordination_warnings(*, panel: Panel) -> CoordinationWarnings:
    """Planned panels that overlap this one, and similar topics of the past year.

    Shows only titles, units and dates of other units' panels.
    """
    parents = dict(Unit.objects.values_list("id", "parent_id"))

    def window(other: Panel) -> PanelWindow:
        unit_id = other.population_group_id or other.unit_id
        return PanelWindow(str(other.pk), unit_id, other.opens_on, other.closes_on)

    active = list(
        Panel.objects.filter(state__in=ACTIVE_STATES).exclude(pk=panel.pk).select_related("unit")
    )
    found = overlapping(window(panel), [window(p) for p in active], parents)
    keys = {overlap.key for overlap in found}
    year_ago = timezone.now() - timedelta(days=365)
    recent = list(
        Panel.objects.filter(created_at__gte=year_ago)
        .exclude(pk=panel.pk)
        .exclude(state=PanelState.CANCELLED)
        .select_related("unit")
    )
    matches = similar_texts(_panel_text(panel), [_panel_text(other) for other in recent])
    return CoordinationWarnings(
        overlapping=[p for p in active if str(p.pk) in keys],
        similar=[(recent[match.index], match.score) for match in matches[:5]],
    )
