"""Who sees which units and members."""

from __future__ import annotations

import pytest
from django.http import Http404

from ledenpanel.organisations import selectors
from ledenpanel.organisations.models import RoleKind, UnitKind
from tests.builders import Party, staff_with_role
from tests.factories import MemberFactory, UnitFactory, UserFactory


def _codes(units) -> set[str]:
    return {unit.code for unit in units}


def test_a_regional_board_sees_its_region_and_the_branches_in_it(party: Party):
    board = staff_with_role(party.region_1, RoleKind.BOARD, "region@example.org")
    assert _codes(selectors.unit_list_for_user(user=board)) == {"G1", "A1", "A2"}
    members = selectors.member_list_for_user(user=board, unit=party.region_1)
    assert list(members) == [party.member_a1]


def test_a_branch_board_sees_nothing_of_another_branch(party: Party, board_a1):
    with pytest.raises(Http404):
        selectors.unit_get_for_user(user=board_a1, unit_id=party.branch_b1.public_id)
    with pytest.raises(Http404):
        selectors.member_get_for_user(user=board_a1, member_id=party.member_b1.public_id)
    with pytest.raises(Http404):
        selectors.member_list_for_user(user=board_a1, unit=party.branch_b1)


def test_a_coach_sees_the_units_they_support_but_no_members(party: Party):
    coach = staff_with_role(party.region_1, RoleKind.COACH, "coach@example.org")
    assert selectors.unit_get_for_user(user=coach, unit_id=party.branch_a1.public_id)
    assert not selectors.user_can_see_members(user=coach, unit=party.branch_a1)
    with pytest.raises(Http404):
        selectors.member_get_for_user(user=coach, member_id=party.member_a1.public_id)


def test_a_coordinator_sees_every_unit_and_member(party: Party, coordinator):
    assert len(selectors.unit_list_for_user(user=coordinator)) == 7
    assert selectors.member_list_for_user(user=coordinator, unit=party.national).count() == 2


def test_a_staff_account_without_roles_sees_nothing(party: Party):
    nobody = UserFactory()
    assert not selectors.unit_list_for_user(user=nobody).exists()
    with pytest.raises(Http404):
        selectors.member_get_for_user(user=nobody, member_id=party.member_a1.public_id)


def test_a_network_lists_its_members_from_any_branch(party: Party, coordinator):
    MemberFactory(branch=party.branch_b1).groups.add(party.network)
    members = selectors.member_list_for_user(user=coordinator, unit=party.network)
    assert members.count() == 2


def test_the_national_board_sees_network_members(party: Party):
    board = staff_with_role(party.national, RoleKind.BOARD, "national@example.org")
    found = selectors.member_get_for_user(user=board, member_id=party.member_a1.public_id)
    assert found == party.member_a1


def test_search_matches_names_and_member_numbers(party: Party, board_a1):
    found = selectors.member_list_for_user(
        user=board_a1, unit=party.branch_a1, search=party.member_a1.member_number
    )
    assert list(found) == [party.member_a1]
    assert not selectors.member_list_for_user(user=board_a1, unit=party.branch_a1, search="zzz")


def test_a_group_under_a_branch_never_shows_that_board_members_of_another_branch(party: Party):
    group = UnitFactory(code="W1", kind=UnitKind.WERKGROEP, parent=party.branch_a1)
    party.member_a1.groups.add(group)
    party.member_b1.groups.add(group)
    board = staff_with_role(party.branch_a1, RoleKind.BOARD, "board@example.org")

    members = selectors.member_list_for_user(user=board, unit=group)

    assert list(members) == [party.member_a1]
    with pytest.raises(Http404):
        selectors.member_get_for_user(user=board, member_id=party.member_b1.public_id)
