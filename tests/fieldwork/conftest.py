"""Fixtures for the fieldwork tests."""

from __future__ import annotations

import pytest

from ledenpanel.organisations.models import UnitKind
from tests.builders import Party, invitations_by_hand, open_panel_by_hand
from tests.factories import UnitFactory


@pytest.fixture
def regional(party: Party):
    """A regional panel (G1) over three branches: 3, 15 and 30 responders."""
    branch_a3 = UnitFactory(
        code="A3", name="Afdeling Ac", kind=UnitKind.AFDELING, parent=party.region_1
    )
    panel = open_panel_by_hand(party.region_1)
    invitations_by_hand(panel, party.branch_a1, 20, responded=3)
    invitations_by_hand(panel, party.branch_a2, 25, responded=15)
    invitations_by_hand(panel, branch_a3, 40, responded=30)
    return panel
