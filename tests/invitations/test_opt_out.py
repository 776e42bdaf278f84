"""Opting out through the link in the mail, including RFC 8058 one-click."""

from __future__ import annotations

import os

from django.test import Client
from django.urls import reverse

from ledenpanel.invitations import crypto
from ledenpanel.invitations import views as opt_out_views
from ledenpanel.invitations.keyring import key_store
from ledenpanel.invitations.models import Invitation, MessageKind, OutboxMessage, OutboxState
from ledenpanel.organisations.models import Member
from tests.builders import (
    Party,
    board_closes,
    secret_for,
)


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
    assert not OutboxMessage.objects.filter(invitation=invitation, kind=MessageKind.REMINDER)
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
    board_closes(open_panel)
    key_store().destroy(str(open_panel.public_id))  # as the close procedure does

    assert Client().post(url, {"choice": "all"}).status_code == 200
    party.member_a1.refresh_from_db()
    assert party.member_a1.do_not_contact


# --- Guessing (issue 10, finding 5) ----------------------------------------


def _unknown_token() -> str:
    """A well-formed link token that belongs to nobody."""
    return crypto.link_token(os.urandom(32), "nobody")


def test_guessing_opt_out_links_is_refused_after_the_limit_before_any_lookup(
    open_panel, party: Party, settings, monkeypatch
):
    settings.CODE_RATE = 3
    lookups: list[str] = []
    real_lookup = opt_out_views.invitation_for_secret

    def counted(*, secret: str):
        lookups.append(secret)
        return real_lookup(secret=secret)

    monkeypatch.setattr(opt_out_views, "invitation_for_secret", counted)
    client = Client(REMOTE_ADDR="192.0.2.60")
    statuses = [
        client.get(reverse("invitations:opt_out", kwargs={"secret": _unknown_token()})).status_code
        for _ in range(10)
    ]

    assert statuses == [404] * 3 + [429] * 7
    assert len(lookups) == 3
    # Refused before the lookup: even the member's own link now looks like a wrong one.
    refused = client.post(_url(open_panel, party), {"choice": "all"})
    assert refused.status_code == 429
    assert refused["Cache-Control"] == "no-store"
    assert "Te veel pogingen" in refused.content.decode()
    party.member_a1.refresh_from_db()
    assert not party.member_a1.do_not_contact
    # Another address is not affected.
    assert Client(REMOTE_ADDR="192.0.2.61").get(_url(open_panel, party)).status_code == 200


def test_it_shares_the_guess_limit_with_the_code_page(open_panel, party: Party, settings):
    settings.CODE_RATE = 2
    client = Client(REMOTE_ADDR="192.0.2.62")
    for _ in range(2):
        code = crypto.letter_code(os.urandom(32), "nobody")
        client.post(reverse("responses:enter_code"), {"code": code})

    assert client.get(_url(open_panel, party)).status_code == 429


def test_members_opting_out_through_their_own_link_are_never_counted(
    open_panel, party: Party, settings
):
    settings.CODE_RATE = 1
    client = Client(REMOTE_ADDR="192.0.2.63")

    assert [client.get(_url(open_panel, party)).status_code for _ in range(5)] == [200] * 5


def test_a_letter_code_opts_nobody_out_and_names_no_panel(open_panel, party: Party, settings):
    """Letters carry no opt-out link: a code (45 bits) is never tried here."""
    letter_member = Member.objects.get(last_name="Briefmans")
    code = secret_for(open_panel, letter_member)
    url = reverse("invitations:opt_out", kwargs={"secret": code})

    page = Client().get(url)
    posted = Client().post(url, {"choice": "all"})

    assert page.status_code == posted.status_code == 404
    assert open_panel.title not in page.content.decode()
    letter_member.refresh_from_db()
    assert not letter_member.do_not_contact
    assert not Invitation.objects.get(panel=open_panel, member=letter_member).opted_out


def test_malformed_secrets_cost_no_guess(open_panel, party: Party, settings):
    settings.CODE_RATE = 1
    client = Client(REMOTE_ADDR="192.0.2.64")
    for junk in ["x", "A" * 21, "ACDE-FGHJ-KMN", "%00" * 5]:
        assert client.get(f"/afmelden/{junk}/").status_code == 404

    assert client.get(_url(open_panel, party)).status_code == 200
