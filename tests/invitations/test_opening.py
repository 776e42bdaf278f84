"""Opening a panel: who is invited, by which channel, the draw, the cap and keys."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings

from ledenpanel.invitations import crypto
from ledenpanel.invitations.keyring import key_store, verify_key
from ledenpanel.invitations.models import Invitation, PanelOpening
from ledenpanel.invitations.services import panel_open_invitations
from ledenpanel.kernel.questionnaire.capacity import sealed_size
from ledenpanel.panels.models import (
    Panel,
    PanelState,
    PartySettings,
    PopulationKind,
    QuestionnaireVersion,
)
from tests.builders import Party, two_page_questionnaire
from tests.factories import MemberFactory

TODAY = date(2026, 11, 26)


def _panel(party: Party, **fields) -> Panel:
    defaults = {
        "unit": party.branch_a1,
        "title": "Wonen",
        "topic": "Wonen",
        "purpose": "p",
        "coach_review_required": False,
        "opens_on": TODAY,
        "closes_on": TODAY + timedelta(days=14),
    }
    return Panel.objects.create(**{**defaults, **fields})


def test_it_invites_every_reachable_member_by_email_or_letter(party: Party, branch_members):
    opening = panel_open_invitations(panel=_panel(party), today=TODAY)

    channels = dict(Invitation.objects.values_list("member_id", "channel"))
    assert channels[branch_members["email"].id] == "email"
    assert channels[branch_members["letter"].id] == "letter"
    assert party.member_a1.id in channels  # the fixture's own member
    assert opening.excluded == {
        "deceased": 1,
        "do_not_contact": 1,
        "under_16": 1,
        "former": 1,
        "unreachable": 1,
    }
    assert opening.population_size == len(channels) == 3
    assert sum(opening.population_bands.values()) == 3


def test_only_the_verifier_of_a_token_is_stored(party: Party, branch_members):
    panel = _panel(party)
    panel_open_invitations(panel=panel, today=TODAY)
    invitation = Invitation.objects.get(member=branch_members["email"])
    keys = key_store().read(str(panel.public_id))

    token = crypto.link_token(keys.link_key, invitation.ref)

    assert crypto.verify(verify_key(), token, invitation.verifier)
    assert token not in invitation.verifier
    assert (settings.KEY_DIR).exists()


def test_the_same_seed_draws_the_same_sample(party: Party):
    MemberFactory.create_batch(40, branch=party.branch_a1)
    first = _panel(party, population_kind=PopulationKind.RANDOM, sample_size=10)
    second = _panel(party, population_kind=PopulationKind.RANDOM, sample_size=10)

    panel_open_invitations(panel=first, today=TODAY, seed=99)
    panel_open_invitations(panel=second, today=TODAY, seed=99)

    drawn = [
        sorted(Invitation.objects.filter(panel=panel).values_list("member_id", flat=True))
        for panel in (first, second)
    ]
    assert drawn[0] == drawn[1]
    assert len(drawn[0]) == 10
    assert PanelOpening.objects.get(panel=first).population_size == 41  # 40 + the fixture's


def test_a_member_at_the_cap_is_skipped_and_counted(party: Party):
    PartySettings.objects.create(pk=1, invitation_cap=1)
    earlier = _panel(party, title="Eerder")
    panel_open_invitations(panel=earlier, today=TODAY)

    opening = panel_open_invitations(panel=_panel(party, title="Nu"), today=TODAY)

    assert opening.skipped_by_cap == 1
    assert opening.sampled == 1


def test_a_planned_branch_panel_keeps_its_place_before_a_national_one(party: Party):
    PartySettings.objects.create(pk=1, invitation_cap=1)
    _panel(party, title="Afdeling", state=PanelState.APPROVED, opens_on=TODAY + timedelta(30))
    national = _panel(party, unit=party.national, title="Landelijk")

    opening = panel_open_invitations(panel=national, today=TODAY)

    assert opening.skipped_by_cap == 1  # member_a1: their branch comes first
    assert not Invitation.objects.filter(panel=national, member=party.member_a1).exists()
    assert Invitation.objects.filter(panel=national, member=party.member_b1).exists()


def test_a_letter_code_that_collides_is_derived_again(party: Party, monkeypatch):
    def clashing_code(link_key: bytes, ref: str, *, attempt: int = 0) -> str:
        return f"code-{attempt}"  # every first attempt gives the same code

    monkeypatch.setattr(crypto, "letter_code", clashing_code)
    for number in range(3):
        MemberFactory(
            branch=party.branch_a1,
            email="",
            street="Straat",
            house_number=str(number),
            postcode="1234 AB",
            city="Aa",
        )

    panel_open_invitations(panel=_panel(party), today=TODAY)

    attempts = sorted(
        Invitation.objects.filter(channel="letter").values_list("code_attempt", flat=True)
    )
    assert attempts == [0, 1, 2]


def test_opening_fixes_one_size_for_every_draft_and_envelope(party: Party, branch_members):
    panel = _panel(party, questionnaire=two_page_questionnaire().to_dict())
    panel.approved_version = QuestionnaireVersion.objects.create(
        panel=panel, number=1, definition=panel.questionnaire
    )
    panel.save()

    panel_open_invitations(panel=panel, today=TODAY)

    panel.refresh_from_db()
    assert panel.sealed_size == sealed_size(two_page_questionnaire())
