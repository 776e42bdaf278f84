"""Adding board members and coaches to a unit, and taking roles away."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from ledenpanel.accounts.models import User
from ledenpanel.organisations import services
from ledenpanel.organisations.models import Role, RoleKind
from tests.builders import Party, staff_with_role, verified_client


def _people_url(party: Party) -> str:
    return reverse("organisations:unit_people", kwargs={"unit_id": party.branch_a1.public_id})


def _add(client: Client, party: Party, kind: str = RoleKind.BOARD, email: str = "new@example.org"):
    return client.post(
        _people_url(party), {"full_name": "Nieuwe Bestuurder", "email": email, "kind": kind}
    )


def test_a_board_adds_a_board_member_who_gets_an_invitation_by_email(
    party: Party, board_a1, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _add(verified_client(board_a1), party, email="Nieuw@Example.org")

    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert not user.has_usable_password()
    role = Role.objects.get(user=user, unit=party.branch_a1)
    assert role.kind == RoleKind.BOARD
    assert role.granted_by == board_a1
    [message] = smtp_server.wait_for(1)
    assert message["To"] == "nieuw@example.org"
    assert message["Subject"] == "Uw account voor Ledenpanel"
    body = message.get_body(("plain",)).get_content()
    assert "bestuurder — Afdeling Aa" in body
    assert re.search(r"http://127\.0\.0\.1:8000/account/password/[\w-]+/[\w-]+/", body)


def test_an_existing_account_gets_the_role_without_a_new_invitation(
    party: Party, board_a1, coordinator, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _add(verified_client(coordinator), party, kind=RoleKind.COACH, email=board_a1.email)

    assert set(board_a1.roles.values_list("kind", flat=True)) == {"bestuurder", "coach"}
    assert smtp_server.wait_for(1, timeout=0.5) == []


def test_a_board_cannot_appoint_a_coach(party: Party, board_a1):
    response = _add(verified_client(board_a1), party, kind=RoleKind.COACH)
    assert response.status_code == 200  # the form refuses the choice
    assert not User.objects.filter(email="new@example.org").exists()


def test_a_coach_cannot_manage_people(party: Party):
    coach = staff_with_role(party.region_1, RoleKind.COACH, "coach@example.org")
    assert verified_client(coach).get(_people_url(party)).status_code == 403


def test_a_coordinator_role_only_exists_on_the_national_unit(party: Party, coordinator):
    with pytest.raises(services.RoleError):
        services.role_assign(user=coordinator, unit=party.branch_a1, kind=RoleKind.COORDINATOR)


def test_a_board_removes_a_board_member(party: Party, board_a1):
    other = staff_with_role(party.branch_a1, RoleKind.BOARD, "other@example.org")
    role = other.roles.get()
    url = reverse("organisations:role_remove", kwargs={"role_id": role.public_id})

    response = verified_client(board_a1).post(url)

    assert response.status_code == 302
    assert not Role.objects.filter(pk=role.pk).exists()


def test_a_board_cannot_remove_a_role_in_another_branch(party: Party, board_a1):
    role = staff_with_role(party.branch_b1, RoleKind.BOARD, "b1@example.org").roles.get()
    url = reverse("organisations:role_remove", kwargs={"role_id": role.public_id})
    assert verified_client(board_a1).post(url).status_code == 404
    assert Role.objects.filter(pk=role.pk).exists()


def test_a_board_of_another_branch_cannot_add_people(party: Party):
    board_b1 = staff_with_role(party.branch_b1, RoleKind.BOARD, "board-b1@example.org")
    assert _add(verified_client(board_b1), party).status_code == 404
    assert not User.objects.filter(email="new@example.org").exists()
