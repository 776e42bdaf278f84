"""Opting out through the link in the mail, including RFC 8058 one-click."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ledenpanel.invitations.models import Invitation, MessageKind, OutboxMessage, OutboxState
from ledenpanel.invitations.services import key_store
from ledenpanel.panels.models import PanelState
from tests.conftest import Party
from tests.responses.conftest import open_panel_for, secret_for


@pytest.fixture(name="open_panel")
def open_panel_fixture(party: Party):
    return open_panel_for(party)


def _url(open_panel, party: Party) -> str:
    return reverse(
        "invitations:opt_out", kwargs={"secret": secret_for(open_panel, party.member_a1)}
    )


def test_the_page_offers_both_choices(open_panel, party: Party):
    response = Client().get(_url(open_panel, party))
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert 'value="panel"' in body
    assert 'value="all"' in body
    assert not Invitation.objects.get(panel=open_panel, member=party.member_a1).opted_out


def test_opting_out_of_the_panel_stops_its_reminders(open_panel, party: Party):
    invitation = Invitation.objects.get(panel=open_panel, member=party.member_a1)
    OutboxMessage.objects.create(
        panel=open_panel,
        invitation=invitation,
        kind=MessageKind.REMINDER,
        number=1,
        message_id="<r1@example.org>",
        state=OutboxState.QUEUED,
    )

    response = Client().post(_url(open_panel, party), {"choice": "panel"})

    assert response.status_code == 200
    assert "geen herinneringen meer" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.opted_out
    assert not OutboxMessage.objects.filter(invitation=invitation).exists()
    party.member_a1.refresh_from_db()
    assert not party.member_a1.do_not_contact


def test_one_click_unsubscribe_works_without_a_csrf_token(open_panel, party: Party):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        _url(open_panel, party),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert Invitation.objects.get(panel=open_panel, member=party.member_a1).opted_out


def test_no_more_panels_at_all_marks_the_member_do_not_contact(open_panel, party: Party):
    response = Client().post(_url(open_panel, party), {"choice": "all"})
    assert response.status_code == 200
    party.member_a1.refresh_from_db()
    assert party.member_a1.do_not_contact


def test_an_unknown_link_is_not_found(open_panel, party: Party):
    client = Client(enforce_csrf_checks=True)
    url = reverse("invitations:opt_out", kwargs={"secret": "A" * 22})
    assert client.get(url).status_code == 404
    assert client.post(url, {"choice": "all"}).status_code == 404


def test_it_still_works_after_close(open_panel, party: Party):
    url = _url(open_panel, party)
    open_panel.state = PanelState.CLOSED
    open_panel.save(update_fields=["state"])
    key_store().destroy(str(open_panel.public_id))

    assert Client().post(url, {"choice": "all"}).status_code == 200
    party.member_a1.refresh_from_db()
    assert party.member_a1.do_not_contact
