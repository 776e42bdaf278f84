"""A volunteer enters a member's paper form or phone interview with the member's code."""

from __future__ import annotations

import logging
import re

from django.test import Client
from django.urls import reverse

from ledenpanel.invitations import crypto
from ledenpanel.organisations.models import Member, RoleKind
from ledenpanel.panels.models import Panel, PanelState
from ledenpanel.responses import assisted
from ledenpanel.responses.models import Envelope
from tests.builders import (
    Party,
    board_closes,
    opened_envelopes,
    secret_for,
    staff_with_role,
    verified_client,
)


def _start(panel) -> str:
    return reverse("responses:assisted_start", kwargs={"panel_id": panel.public_id})


def _answer(secret: str) -> str:
    return reverse("responses:answer", kwargs={"secret": secret})


def test_a_volunteer_enters_a_paper_form_flagged_as_assisted(open_panel, volunteer: Client, caplog):
    caplog.set_level(logging.DEBUG)
    member = Member.objects.get(last_name="Briefmans")
    code = secret_for(open_panel, member)

    start = volunteer.get(_start(open_panel))
    assert "Invullen namens een lid" in start.content.decode()
    entered = volunteer.post(_start(open_panel), {"code": crypto.format_code(code).lower()})
    assert entered["Location"] == _answer(code)

    page = volunteer.get(_answer(code)).content.decode()
    assert "U vult in namens een lid." in page
    volunteer.post(_answer(code), {"page": "0", "q_meedoen": "oneens", "next": "1"})
    done = volunteer.post(_answer(code), {"page": "1", "submit": "1"})

    assert done["Location"] == _start(open_panel)
    back = volunteer.get(done["Location"]).content.decode()
    assert "verstuurd namens het lid" in back
    (payload,) = opened_envelopes(open_panel)
    assert payload["assisted"] is True
    assert payload["answers"] == {"meedoen": "oneens"}
    assert not Envelope.objects.get().is_open
    # The staff session holds the panel's id at most, never the member's code.
    session = dict(volunteer.session.items())
    assert code not in str(session)
    assert str(open_panel.public_id) not in session.get(assisted.SESSION_KEY, [])
    assert code not in caplog.text
    assert crypto.format_code(code) not in caplog.text


def test_a_members_own_link_is_never_flagged(open_panel, party: Party, volunteer: Client):
    secret = secret_for(open_panel, party.member_a1)
    volunteer.post(_start(open_panel), {"code": secret})  # a volunteer is assisting

    member = Client()  # the member, on their own device, with the same link
    page = member.get(_answer(secret)).content.decode()
    assert "U vult in namens een lid." not in page
    member.post(_answer(secret), {"page": "0", "q_meedoen": "eens", "next": "1"})
    member.post(_answer(secret), {"page": "1", "submit": "1"})

    (payload,) = opened_envelopes(open_panel)
    assert payload["assisted"] is False


def test_a_whole_pasted_link_is_accepted(open_panel, party: Party, volunteer: Client):
    secret = secret_for(open_panel, party.member_a1)
    link = f"https://leden.example.org{_answer(secret)}"
    assert volunteer.post(_start(open_panel), {"code": link})["Location"] == _answer(secret)


def test_a_mistyped_code_is_refused(open_panel, party: Party, volunteer: Client):
    mistyped = volunteer.post(_start(open_panel), {"code": "0000"}).content.decode()
    assert "geen geldige code" in mistyped
    assert not volunteer.session.get(assisted.SESSION_KEY)


def test_the_volunteer_cannot_tell_whether_the_member_already_answered(
    open_panel, party: Party, volunteer: Client
):
    """The attack: a code whose member had answered said "al verstuurd"."""
    answered = secret_for(open_panel, party.member_a1)
    member = Client()
    member.post(_answer(answered), {"page": "0", "q_meedoen": "eens", "next": "1"})
    member.post(_answer(answered), {"page": "1", "submit": "1"})
    not_answered = secret_for(open_panel, Member.objects.get(last_name="Briefmans"))

    pages = []
    for secret in (answered, not_answered):
        start = volunteer.post(_start(open_panel), {"code": secret})
        assert start["Location"] == _answer(secret)
        volunteer.post(_answer(secret), {"page": "0", "q_meedoen": "oneens", "next": "1"})
        done = volunteer.post(_answer(secret), {"page": "1", "submit": "1"}, follow=True)
        pages.append(re.sub(r'value="[^"]{64}"', "TOKEN", done.content.decode()))

    assert pages[0] == pages[1]
    assert "verstuurd namens het lid" in pages[0]
    # The member's own answer counts; the paper form entered after it does not.
    assert Envelope.objects.count() == 2


def test_a_code_of_another_panel_is_refused(open_panel, party: Party, volunteer: Client):
    code = secret_for(open_panel, Member.objects.get(last_name="Briefmans"))
    other = Panel.objects.create(
        unit=party.branch_a1,
        title="Ander panel",
        topic="Vervoer",
        purpose="Standpunt",
        coach_review_required=False,
        state=PanelState.OPEN,
    )
    page = volunteer.post(_start(other), {"code": code}).content.decode()
    assert "hoort niet bij dit ledenpanel" in page


def test_a_coach_of_the_region_may_assist(open_panel, party: Party):
    coach = verified_client(staff_with_role(party.region_1, RoleKind.COACH, "coach@example.org"))
    secret = secret_for(open_panel, party.member_a1)
    assert coach.post(_start(open_panel), {"code": secret})["Location"] == _answer(secret)
    assert "U vult in namens een lid." in coach.get(_answer(secret)).content.decode()


def test_stopping_ends_assisted_mode(open_panel, party: Party, volunteer: Client):
    secret = secret_for(open_panel, party.member_a1)
    volunteer.post(_start(open_panel), {"code": secret})

    stop = volunteer.post(
        reverse("responses:assisted_stop", kwargs={"panel_id": open_panel.public_id})
    )

    assert stop.status_code == 302
    assert "U vult in namens een lid." not in volunteer.get(_answer(secret)).content.decode()


def test_a_panel_that_is_not_open_takes_no_codes(party: Party, volunteer: Client):
    page = volunteer.get(_start(party.panel_a1)).content.decode()
    assert "niet open" in page
    assert 'name="code"' not in page


def test_the_panel_page_offers_assisted_entry_while_open(open_panel, volunteer: Client):
    detail = reverse("panels:detail", kwargs={"panel_id": open_panel.public_id})
    assert _start(open_panel) in volunteer.get(detail).content.decode()
    board_closes(open_panel)
    assert _start(open_panel) not in volunteer.get(detail).content.decode()
