"""Panel pages: create with the guide, move through states, calendar, requests."""

from __future__ import annotations

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from ledenpanel.organisations.models import RoleKind
from ledenpanel.panels.models import Panel, PanelRequest, PanelState
from ledenpanel.panels.selectors import party_settings_get
from tests.builders import Party, staff_with_role, verified_client


def test_a_board_creates_a_panel_with_the_guide_beside_the_form(party: Party, board_a1):
    client = verified_client(board_a1)
    url = reverse("panels:create", kwargs={"unit_id": party.branch_a1.public_id})
    assert "Stap 1: het plan en de vragen" in client.get(url).content.decode()

    response = client.post(
        url,
        {
            "title": "Meedoen aan de verkiezingen",
            "topic": "Doet de afdeling mee?",
            "purpose": "Besluit in maart.",
            "population_kind": "all",
            "opens_on": "2030-03-01",
            "closes_on": "2030-03-15",
        },
    )

    panel = Panel.objects.get(title="Meedoen aan de verkiezingen")
    assert response["Location"] == reverse("panels:detail", kwargs={"panel_id": panel.public_id})
    assert panel.state == PanelState.DRAFT
    assert panel.created_by == board_a1


def test_dates_out_of_order_are_refused_with_a_message(party: Party, board_a1):
    response = verified_client(board_a1).post(
        reverse("panels:create", kwargs={"unit_id": party.branch_a1.public_id}),
        {
            "title": "t",
            "topic": "t",
            "purpose": "p",
            "population_kind": "all",
            "opens_on": "2030-03-15",
            "closes_on": "2030-03-01",
        },
    )
    assert "op volgorde" in response.content.decode()


def test_the_detail_page_offers_only_the_steps_the_user_may_take(party: Party, board_a1):
    coach = staff_with_role(party.region_1, RoleKind.COACH, "coach@example.org")
    url = reverse("panels:detail", kwargs={"panel_id": party.panel_a1.public_id})
    board_page = verified_client(board_a1).get(url).content.decode()
    coach_page = verified_client(coach).get(url).content.decode()
    assert "Vragenlijst goedkeuren" in board_page
    assert "Vragenlijst goedkeuren" not in coach_page


def test_a_refused_step_shows_why(party: Party, board_a1):
    client = verified_client(board_a1)
    url = reverse(
        "panels:transition", kwargs={"panel_id": party.panel_a1.public_id, "action": "close"}
    )
    page = client.post(url, follow=True).content.decode()
    assert "Dit kan niet in de status" in page


def test_opening_always_goes_through_the_confirmation_page(party: Party, board_a1):
    url = reverse(
        "panels:transition", kwargs={"panel_id": party.panel_a1.public_id, "action": "open"}
    )

    response = verified_client(board_a1).post(url)

    assert response["Location"] == reverse(
        "fieldwork:open_confirm", kwargs={"panel_id": party.panel_a1.public_id}
    )
    assert Panel.objects.get(pk=party.panel_a1.pk).state == PanelState.DRAFT


def test_the_calendar_shows_other_units_panels_without_their_questions(party: Party):
    board_b1 = staff_with_role(party.branch_b1, RoleKind.BOARD, "b1@example.org")
    party.panel_a1.questionnaire = {
        "sections": [
            {
                "name": "s",
                "questions": [
                    {"name": "geheim", "type": "short_text", "label": "Een interne vraag"}
                ],
            }
        ]
    }
    party.panel_a1.save()
    page = verified_client(board_b1).get(reverse("panels:calendar")).content.decode()
    assert "Wonen" in page
    assert "Een interne vraag" not in page


def test_a_member_requests_a_panel_without_an_account(party: Party):
    response = Client().post(
        reverse("panels:request_new"),
        {
            "unit": party.branch_a1.pk,
            "topic": "Openbaar vervoer",
            "reason": "De bus rijdt niet meer.",
            "requester_kind": "members",
            "requesters": "Ayşe Kaya en 10 anderen",
            "contact_email": "ayse@example.org",
        },
    )
    assert "Aanvraag verstuurd" in response.content.decode()
    assert PanelRequest.objects.filter(topic="Openbaar vervoer").exists()


def test_the_request_form_ignores_bots(party: Party):
    Client().post(
        reverse("panels:request_new"),
        {
            "unit": party.branch_a1.pk,
            "topic": "Spam",
            "reason": "x",
            "requester_kind": "members",
            "requesters": "x",
            "contact_email": "x@example.org",
            "website": "http://spam.example",
        },
    )
    assert not PanelRequest.objects.filter(topic="Spam").exists()


def test_a_board_decides_a_request_against_its_criteria(party: Party, board_a1):
    url = reverse("panels:request_detail", kwargs={"request_id": party.request_a1.public_id})
    response = verified_client(board_a1).post(
        url,
        {"decision": "approve", "reason": "Belangrijk voor de verkiezingen.", "criterion_0": "on"},
    )
    assert response.status_code == 302
    party.request_a1.refresh_from_db()
    assert party.request_a1.status == "approved"
    assert list(party.request_a1.criteria_assessment.values()) == [True, False, False, False, False]
    assert Panel.objects.filter(request=party.request_a1).exists()


def test_the_coordinator_sets_the_invitation_cap(party: Party, coordinator):
    client = verified_client(coordinator)
    client.post(
        reverse("panels:party_settings"),
        {
            "invitation_cap": 2,
            "invitation_cap_months": 12,
            "coach_review_required": "on",
            "letter_postage_cents": 114,
        },
    )
    settings = party_settings_get()
    assert (settings.invitation_cap, settings.coach_review_required) == (2, True)


def test_the_request_form_is_rate_limited_per_address(party: Party):
    cache.clear()
    data = {
        "unit": party.branch_a1.pk,
        "topic": "Vervoer",
        "reason": "x",
        "requester_kind": "members",
        "requesters": "x",
        "contact_email": "x@example.org",
    }
    client = Client()
    for _ in range(5):
        client.post(reverse("panels:request_new"), data)
    page = client.post(reverse("panels:request_new"), data).content.decode()
    assert "Probeer het over een uur opnieuw" in page
    assert PanelRequest.objects.filter(topic="Vervoer").count() == 5


def test_the_board_gets_a_test_of_the_invitation_and_questions(
    party: Party, board_a1, smtp_server, django_capture_on_commit_callbacks
):
    url = reverse("panels:test_send", kwargs={"panel_id": party.panel_a1.public_id})
    with django_capture_on_commit_callbacks(execute=True):
        verified_client(board_a1).post(url)
    messages = smtp_server.wait_for(2)
    assert sorted(m["To"] for m in messages) == sorted(
        [board_a1.email, party.board_role_a1.user.email]
    )
    body = messages[0].get_body(("plain",)).get_content()
    assert "TEST" in messages[0]["Subject"]
    assert "Welk cijfer geeft u uw woonlasten?" in body
    assert "anoniem" in body


def test_overlapping_panels_are_linked_in_the_warning(party: Party, board_a1):
    dates = {"opens_on": "2030-03-01", "closes_on": "2030-03-20"}
    Panel.objects.filter(pk=party.panel_a1.pk).update(**dates)
    regional = Panel.objects.create(
        unit=party.region_1,
        title="Regionaal vervoer",
        topic="Bus en trein",
        purpose="p",
        coach_review_required=False,
        opens_on="2030-03-10",
        closes_on="2030-03-30",
    )
    page = (
        verified_client(board_a1)
        .get(reverse("panels:detail", kwargs={"panel_id": party.panel_a1.public_id}))
        .content.decode()
    )
    assert f"{reverse('panels:calendar')}#p-{regional.public_id}" in page
