"""A member answers through a personal link or letter code, stops, resumes, submits."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from ledenpanel.followup.models import FollowUpConsent
from ledenpanel.invitations import crypto
from ledenpanel.invitations.models import Invitation
from ledenpanel.organisations.models import Member
from ledenpanel.responses.models import Draft, Envelope, Receipt
from tests.builders import (
    Party,
    board_closes,
    secret_for,
)


def _url(secret: str) -> str:
    return reverse("responses:answer", kwargs={"secret": secret})


def test_a_member_answers_stops_resumes_and_submits(open_panel, party: Party):
    secret = secret_for(open_panel, party.member_a1)
    client = Client()

    first = client.get(_url(secret)).content.decode()
    assert "Pagina 1 van 2" in first
    assert "De afdeling doet mee aan de verkiezingen." in first

    missing = client.post(_url(secret), {"page": "0", "next": "1"}).content.decode()
    assert "Deze vraag is verplicht." in missing

    second = client.post(_url(secret), {"page": "0", "q_meedoen": "eens", "next": "1"})
    assert second.status_code == 200  # the next page itself, no redirect
    assert "Pagina 2 van 2" in second.content.decode()
    client.post(_url(secret), {"page": "1", "q_waarom": "Omdat het kan.", "later": "1"})
    assert Draft.objects.count() == 1
    assert b"Omdat het kan." not in bytes(Draft.objects.get().ciphertext)

    resumed = client.get(_url(secret)).content.decode()  # the same browser, later
    assert "Pagina 2 van 2" in resumed
    assert "Omdat het kan." in resumed
    elsewhere = Client().get(_url(secret)).content.decode()  # another browser, same link
    assert "Pagina 1 van 2" in elsewhere
    assert "Omdat het kan." not in elsewhere

    done = client.post(_url(secret), {"page": "1", "q_waarom": "Omdat het kan.", "submit": "1"})
    assert "Dank u wel" in done.content.decode()
    assert "Dank u wel" in client.get(_url(secret)).content.decode()
    assert "Dank u wel" not in Client().get(_url(secret)).content.decode()
    # The draft is gone; what stays is this browser's note that it is done.
    assert (Envelope.objects.count(), Receipt.objects.count(), Draft.objects.count()) == (1, 1, 1)
    assert Invitation.objects.get(panel=open_panel, member=party.member_a1).responded


def test_submitting_twice_keeps_one_answer(open_panel, party: Party):
    secret = secret_for(open_panel, party.member_a1)
    client = Client()
    client.post(_url(secret), {"page": "0", "q_meedoen": "oneens", "next": "1"})
    for _ in range(2):
        client.post(_url(secret), {"page": "1", "submit": "1"})
    assert Envelope.objects.count() == 1


def test_a_letter_code_opens_the_same_questions(open_panel, party: Party):
    member = Member.objects.get(last_name="Briefmans")
    code = secret_for(open_panel, member)

    response = Client().post(
        reverse("responses:enter_code"), {"code": crypto.format_code(code).lower()}
    )

    assert response["Location"] == _url(code)
    assert "De afdeling doet mee" in Client().get(response["Location"]).content.decode()


def test_a_mistyped_code_says_so(open_panel):
    page = Client().post(reverse("responses:enter_code"), {"code": "AAAA-AAAA-AAA"})
    assert "klopt niet" in page.content.decode() or "kennen we niet" in page.content.decode()


def test_an_unknown_link_is_not_found(open_panel):
    assert Client().get(_url("x" * 22)).status_code == 404


def test_after_the_close_a_members_link_leads_to_the_results_page(open_panel, party: Party):
    secret = secret_for(open_panel, party.member_a1)
    board_closes(open_panel)

    response = Client().get(_url(secret))

    assert response.status_code == 302
    assert response["Location"] == f"/uitslag/{secret}/"


def test_the_thank_you_choices_are_kept_apart_and_can_be_withdrawn(open_panel, party: Party):
    secret = secret_for(open_panel, party.member_a1)
    client = Client()
    client.post(_url(secret), {"page": "0", "q_meedoen": "eens", "next": "1"})
    client.post(_url(secret), {"page": "1", "submit": "1"})

    page = client.post(_url(secret), {"follow_up": "1", "keep_informed": "on"})

    assert "Uw keuze is opgeslagen." in page.content.decode()
    consent = FollowUpConsent.objects.get(invitation__member=party.member_a1)
    assert (consent.keep_informed, consent.join_network) == (True, False)
    assert {f.name for f in FollowUpConsent._meta.get_fields()} == {
        "id",
        "invitation",
        "keep_informed",
        "join_network",
    }

    client.post(_url(secret), {"follow_up": "1"})  # both off: withdrawn
    assert not FollowUpConsent.objects.exists()


def test_the_page_states_the_character_limit_of_an_open_answer(open_panel, party: Party):
    secret = secret_for(open_panel, party.member_a1)

    html = Client().get(f"{_url(secret)}?page=1").content.decode()

    assert "Hoogstens 2.000 tekens." in html
    assert 'maxlength="2000"' in html
    assert 'aria-describedby="q_waarom_limit"' in html
