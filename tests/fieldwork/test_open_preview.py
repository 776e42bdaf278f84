"""The confirmation page before opening: what it shows is exactly what opening does."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ledenpanel.fieldwork.opening import euros, preview_seed
from ledenpanel.invitations.models import Invitation, LetterBatch, PanelOpening
from ledenpanel.invitations.services import panel_open_invitations
from ledenpanel.panels.models import (
    Panel,
    PanelState,
    PartySettings,
    PopulationKind,
)
from tests.builders import (
    Party,
    board_approves,
    board_opens,
    two_page_questionnaire,
    verified_client,
)
from tests.factories import MemberFactory

pytestmark = pytest.mark.usefixtures("letters_dir")  # letter files under tmp_path


def approved_panel(party: Party, **plan) -> Panel:
    today = timezone.localdate()
    plan = {"opens_on": today, "closes_on": today + timedelta(days=14), **plan}
    return board_approves(party.panel_a1, two_page_questionnaire(), **plan)


def members(party: Party, *, emails: int, letters: int) -> None:
    MemberFactory.create_batch(emails, branch=party.branch_a1)
    for number in range(letters):
        MemberFactory(
            branch=party.branch_a1,
            email="",
            street="Kerkstraat",
            house_number=str(number + 1),
            postcode=f"{1000 + number} AB",
            city="Aa",
        )


def _url(panel: Panel) -> str:
    return reverse("fieldwork:open_confirm", kwargs={"panel_id": panel.public_id})


def test_what_opens_is_exactly_what_the_board_saw(
    party: Party, board, smtp_server, django_capture_on_commit_callbacks
):
    PartySettings.objects.create(pk=1, invitation_cap=1)
    earlier = Panel.objects.create(
        unit=party.national,
        title="Zorg",
        topic="Zorg",
        purpose="p",
        population_kind=PopulationKind.GROUP,
        population_group=party.network,  # member A1 only
        coach_review_required=False,
        closes_on=timezone.localdate() + timedelta(days=9),
    )
    panel_open_invitations(panel=earlier)
    members(party, emails=20, letters=10)
    panel = approved_panel(party, population_kind=PopulationKind.RANDOM, sample_size=15)

    page = board.get(_url(panel))
    preview = page.context["preview"]
    seed = page.context["form"].initial["seed"]
    with django_capture_on_commit_callbacks(execute=True):
        response = board.post(_url(panel), {"seed": seed})

    assert response.status_code == 302
    panel.refresh_from_db()
    assert panel.state == PanelState.OPEN
    opening = PanelOpening.objects.get(panel=panel)
    invitations = Invitation.objects.filter(panel=panel)
    assert opening.seed == seed
    assert opening.population_size == preview["population_size"] == 31
    assert opening.sampled == preview["sampled"] == 15
    assert opening.skipped_by_cap == preview["skipped"]
    assert invitations.count() == preview["invited"] == 15 - preview["skipped"]
    assert invitations.filter(channel="email").count() == preview["emails"]
    assert invitations.filter(channel="letter").count() == preview["letters"]
    letter_batch = LetterBatch.objects.get(panel=panel)
    assert len(letter_batch.invitation_ids) == preview["letters"]
    assert letter_batch.state == "done"


def test_the_preview_does_not_change_when_the_page_is_reloaded(party: Party, board):
    members(party, emails=10, letters=10)
    panel = approved_panel(party, population_kind=PopulationKind.RANDOM, sample_size=5)

    previews = [board.get(_url(panel)).context["preview"] for _ in range(3)]

    assert previews[0] == previews[1] == previews[2]
    assert board.get(_url(panel)).context["form"].initial["seed"] == preview_seed(panel)


def test_it_shows_the_postage_the_unit_pays(party: Party, board):
    PartySettings.objects.create(pk=1, letter_postage_cents=114)
    members(party, emails=3, letters=10)
    panel = approved_panel(party, reminder_letters=True, reminder_days=[5, 10])

    response = board.get(_url(panel))

    preview = response.context["preview"]
    assert (preview["emails"], preview["letters"]) == (4, 10)  # with the fixture's member
    assert preview["postage"] == "€ 11,40"
    assert preview["reminder_postage"] == "€ 22,80"  # at most two rounds
    assert "€ 11,40" in response.content.decode()
    assert "De eenheid betaalt" in response.content.decode()


def test_it_explains_who_is_not_invited_and_why(party: Party, board):
    PartySettings.objects.create(pk=1, invitation_cap=1)
    earlier = Panel.objects.create(
        unit=party.branch_a1, title="Eerder", topic="t", purpose="p", coach_review_required=False
    )
    panel_open_invitations(panel=earlier)
    MemberFactory(branch=party.branch_a1, do_not_contact=True)

    response = board.get(_url(approved_panel(party)))

    preview = response.context["preview"]
    assert preview["skipped"] == preview["skipped_already"] == 1
    assert ("wil geen contact", 1) in preview["excluded"]
    assert "hoogstens 1 ledenpanels per 12 maanden" in response.content.decode()


def test_amounts_are_written_the_dutch_way():
    assert euros(123456) == "€ 1.234,56"
    assert euros(5) == "€ 0,05"
    assert euros(1711000) == "€ 17.110,00"


def test_a_refused_opening_is_explained_on_the_page(party: Party, board):
    panel = approved_panel(party)
    Panel.objects.filter(pk=panel.pk).update(closes_on=timezone.localdate() - timedelta(days=1))

    response = board.post(_url(panel), {"seed": preview_seed(panel)})

    assert response.status_code == 200
    assert "De sluitingsdatum ligt in het verleden." in response.content.decode()
    panel.refresh_from_db()
    assert panel.state == PanelState.APPROVED
    assert not Invitation.objects.filter(panel=panel).exists()


def test_a_seed_from_another_plan_does_not_open(party: Party, board):
    panel = approved_panel(party)

    response = board.post(_url(panel), {"seed": preview_seed(panel) + 1})

    assert "Het plan is intussen veranderd" in response.content.decode()
    panel.refresh_from_db()
    assert panel.state == PanelState.APPROVED


def test_a_draft_shows_the_figures_but_cannot_open(party: Party, board):
    response = board.get(_url(party.panel_a1))

    assert response.status_code == 200
    assert response.context["can_open"] is False
    assert 'name="seed"' not in response.content.decode()


def test_the_open_button_on_the_panel_page_leads_to_the_confirmation(party: Party, board):
    panel = approved_panel(party)

    page = board.get(reverse("panels:detail", kwargs={"panel_id": panel.public_id})).content
    html = page.decode()

    assert _url(panel) in html
    assert reverse("panels:transition", args=[panel.public_id, "open"]) not in html


def test_an_open_panel_sends_the_board_back_to_its_page(party: Party, board):
    panel = board_opens(approved_panel(party))

    response = board.get(_url(panel))

    assert response.status_code == 302
    assert response["Location"] == reverse("panels:detail", kwargs={"panel_id": panel.public_id})


def test_only_the_units_board_may_open(party: Party, coordinator):
    panel = approved_panel(party)

    response = verified_client(coordinator).post(_url(panel), {"seed": preview_seed(panel)})

    assert response.status_code in {403, 404}
    panel.refresh_from_db()
    assert panel.state == PanelState.APPROVED
