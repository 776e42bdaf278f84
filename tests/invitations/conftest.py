"""Fixtures for the invitation tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ledenpanel.invitations.crypto import KeyStore
from ledenpanel.invitations.letters import letter_run_enqueue
from ledenpanel.invitations.models import Invitation, LetterBatch, LetterState
from ledenpanel.organisations.models import MemberStatus
from ledenpanel.panels.models import Panel
from tests.builders import Party, invited_panel_for, letter_member
from tests.factories import MemberFactory
from tests.support.letters import UNICODE_NAMES, close_now, codes_by_member, run_letters


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


@pytest.fixture
def closed_panel(panel, django_capture_on_commit_callbacks):
    """Branch A1's panel with six letter members, invited by letter, then closed.

    One member opted out of the panel, one asked for no contact. Returns the
    panel and the code each member's invitation letter printed.
    """
    letters = list(Invitation.objects.filter(panel=panel, channel="letter").order_by("id"))
    for index, invitation in enumerate(letters):  # names no page can confuse
        invitation.member.last_name = f"Briefling{'ABCDEF'[index]}x"
        invitation.member.save(update_fields=["last_name"])
    invitation_codes = codes_by_member(run_letters(panel, django_capture_on_commit_callbacks))
    Invitation.objects.filter(pk=letters[1].pk).update(opted_out=True)
    letters[2].member.do_not_contact = True
    letters[2].member.save(update_fields=["do_not_contact"])
    close_now(panel, django_capture_on_commit_callbacks)
    return panel, invitation_codes, letters


@pytest.fixture
def letters(party: Party, django_capture_on_commit_callbacks) -> tuple[Panel, LetterBatch]:
    """Branch A1's invitation letters to four members with non-Latin-1 names, one file."""
    for index, (first, last) in enumerate(UNICODE_NAMES):
        letter_member(party, first_name=first, last_name=last, house_number=str(40 + index))
    panel = invited_panel_for(party)
    with django_capture_on_commit_callbacks(execute=True):
        [batch] = letter_run_enqueue(panel=panel)
    batch.refresh_from_db()
    assert batch.state == LetterState.DONE, batch.error
    return panel, batch
