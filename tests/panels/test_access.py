"""One access function per role requirement, and the state predicates views and services share."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from ledenpanel.organisations.models import RoleKind
from ledenpanel.panels.lifecycle import (
    PanelRole,
    can_edit_plan,
    can_edit_questions,
    can_fix_wording,
)
from ledenpanel.panels.models import PanelState
from ledenpanel.panels.selectors import panel_get_for_board, panel_get_for_roles
from tests.builders import Party, staff_with_role

MONITOR = frozenset({PanelRole.BOARD, PanelRole.COORDINATOR})


def test_the_board_gets_its_panel_with_the_roles_it_holds(party: Party, board_a1):
    panel_id = party.panel_a1.public_id

    panel, roles = panel_get_for_roles(user=board_a1, panel_id=panel_id, roles=MONITOR)

    assert panel == party.panel_a1
    assert roles == {PanelRole.BOARD}
    assert panel_get_for_board(user=board_a1, panel_id=panel_id) == party.panel_a1


def test_a_coach_who_reads_along_is_refused_and_an_outsider_does_not_see_it(party: Party, coach_g1):
    other_board = staff_with_role(party.branch_b1, RoleKind.BOARD, "board-b1@example.org")
    panel_id = party.panel_a1.public_id

    with pytest.raises(PermissionDenied):
        panel_get_for_board(user=coach_g1, panel_id=panel_id)
    with pytest.raises(Http404):
        panel_get_for_roles(user=other_board, panel_id=panel_id, roles=MONITOR)


def test_the_coordinator_passes_where_the_coordinator_is_named(party: Party, coordinator):
    panel_id = party.panel_a1.public_id

    _panel, roles = panel_get_for_roles(user=coordinator, panel_id=panel_id, roles=MONITOR)

    assert PanelRole.COORDINATOR in roles
    with pytest.raises(PermissionDenied):
        panel_get_for_board(user=coordinator, panel_id=panel_id)


@pytest.mark.parametrize(
    ("state", "questions", "plan", "wording"),
    [
        (PanelState.DRAFT, True, True, False),
        (PanelState.IN_REVIEW, True, True, False),
        (PanelState.APPROVED, False, True, True),
        (PanelState.OPEN, False, False, True),
        (PanelState.CLOSED, False, False, False),
        (PanelState.CANCELLED, False, False, False),
    ],
)
def test_what_each_state_allows(state, questions, plan, wording):
    assert (can_edit_questions(state), can_edit_plan(state), can_fix_wording(state)) == (
        questions,
        plan,
        wording,
    )
