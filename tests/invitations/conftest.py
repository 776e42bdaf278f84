"""Fixtures for the invitation tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ledenpanel.invitations.crypto import KeyStore
from ledenpanel.organisations.models import MemberStatus
from tests.builders import Party, invited_panel_for
from tests.factories import MemberFactory


@pytest.fixture
def store(tmp_path: Path) -> KeyStore:
    """A key store in its own directory under tmp_path."""
    return KeyStore(tmp_path / "keys")


@pytest.fixture
def small_files(settings, letters_dir):
    """Letter files of two letters each, under this test's own directory."""
    settings.LETTERS_PER_FILE = 2


def _letter_members(party: Party, postcodes: list[str]) -> list:
    return [
        MemberFactory(
            branch=party.branch_a1,
            email="",
            street="Dorpsstraat",
            house_number=str(10 - index),
            postcode=postcode,
            city="Aa",
        )
        for index, postcode in enumerate(postcodes)
    ]


@pytest.fixture
def panel(party: Party):
    """Branch A1's open panel with six letters (five here, one from the helper)."""
    _letter_members(party, ["9999 ZZ", "1000 AA", "5000 BB", "1000AA", "3000 CC"])
    return invited_panel_for(party)


@pytest.fixture
def branch_members(party: Party):
    """Seven members of branch A1, one of each kind the opening treats apart."""
    a1 = party.branch_a1
    return {
        "email": MemberFactory(branch=a1, email="lid@example.org"),
        "letter": MemberFactory(
            branch=a1,
            email="",
            street="Dorpsstraat",
            house_number="1",
            postcode="1234 AB",
            city="Aa",
        ),
        "deceased": MemberFactory(branch=a1, status=MemberStatus.DECEASED),
        "do_not_contact": MemberFactory(branch=a1, do_not_contact=True),
        "under_16": MemberFactory(branch=a1, birth_date=date(2015, 1, 1)),
        "former": MemberFactory(branch=a1, in_roster=False),
        "unreachable": MemberFactory(branch=a1, email=""),
    }
