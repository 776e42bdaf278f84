"""Shared fixtures: a small party and one staff account per role.

The party: national NL → regions G1, G2 → branches A1, A2 (in G1), B1 (in G2),
plus a network N1 under the national unit.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from ledenpanel.accounts.models import User
from ledenpanel.organisations.models import Member, RoleKind, Unit, UnitKind
from tests.factories import MemberFactory, RoleFactory, UnitFactory, UserFactory, totp_device_for


@dataclass
class Party:
    national: Unit
    region_1: Unit
    region_2: Unit
    branch_a1: Unit
    branch_a2: Unit
    branch_b1: Unit
    network: Unit
    member_a1: Member
    member_b1: Member


@pytest.fixture
def party(db) -> Party:
    national = UnitFactory(code="NL", name="Landelijk", kind=UnitKind.LANDELIJK)
    region_1 = UnitFactory(code="G1", name="Gewest Noord", kind=UnitKind.GEWEST, parent=national)
    region_2 = UnitFactory(code="G2", name="Gewest Zuid", kind=UnitKind.GEWEST, parent=national)
    branch_a1 = UnitFactory(code="A1", name="Afdeling Aa", kind=UnitKind.AFDELING, parent=region_1)
    branch_a2 = UnitFactory(code="A2", name="Afdeling Ab", kind=UnitKind.AFDELING, parent=region_1)
    branch_b1 = UnitFactory(code="B1", name="Afdeling Ba", kind=UnitKind.AFDELING, parent=region_2)
    network = UnitFactory(code="N1", name="Netwerk Zorg", kind=UnitKind.NETWERK, parent=national)
    member_a1 = MemberFactory(branch=branch_a1, last_name="Aalders")
    member_a1.groups.add(network)
    member_b1 = MemberFactory(branch=branch_b1, last_name="Bakker")
    return Party(
        national, region_1, region_2, branch_a1, branch_a2, branch_b1, network, member_a1, member_b1
    )


def staff_with_role(unit: Unit, kind: RoleKind, email: str) -> User:
    return RoleFactory(user=UserFactory(email=email), unit=unit, kind=kind).user


def verified_client(user: User) -> Client:
    """A client logged in with password and a confirmed second factor."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device_for(user).persistent_id
    session.save()
    return client


@pytest.fixture
def coordinator(party: Party) -> User:
    return staff_with_role(party.national, RoleKind.COORDINATOR, "coordinator@example.org")


@pytest.fixture
def board_a1(party: Party) -> User:
    return staff_with_role(party.branch_a1, RoleKind.BOARD, "board-a1@example.org")
