"""Whoever holds a member's code learns nothing of what that member did with it.

The attack (issue 10, finding 1): the board downloads the letter PDFs (name,
address, code). A code opened the member's answering session anywhere, so
the board saw the saved answers of a named member, and the thank-you page for
every member who had submitted. Drafts and the "done" note are now bound to
the member's browser (``responses.device``); any other browser with the same
code gets the pages a member who never started would get.
"""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from ledenpanel.followup.models import FollowUpConsent
from ledenpanel.organisations.models import Member
from ledenpanel.responses import device
from ledenpanel.responses.models import Envelope
from tests.builders import Party, letter_member, open_panel_for, secret_for, verified_client


def _url(secret: str) -> str:
    return reverse("responses:answer", kwargs={"secret": secret})


def _same_page(html: str, secret: str) -> str:
    """The page with what legitimately differs per request taken out: the
    member's own code in the addresses, and the CSRF token."""
    html = html.replace(secret, "SECRET")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "TOKEN", html)


def _answer_everything(client: Client, secret: str, *, text: str = "Omdat het kan.") -> str:
    client.post(_url(secret), {"page": "0", "q_meedoen": "eens", "next": "1"})
    return client.post(
        _url(secret), {"page": "1", "q_waarom": text, "submit": "1"}
    ).content.decode()


def test_a_code_holder_sees_none_of_the_answers_the_member_saved(open_panel, party: Party):
    code = secret_for(open_panel, Member.objects.get(last_name="Briefmans"))  # a letter member
    member = Client()
    member.post(_url(code), {"page": "0", "q_meedoen": "helemaal_oneens", "next": "1"})
    member.post(_url(code), {"page": "1", "q_waarom": "Te duur voor mij.", "later": "1"})

    board = Client()  # has the letter PDF, so the code
    first = board.get(_url(code)).content.decode()
    second = board.get(f"{_url(code)}?page=1").content.decode()

    assert "Pagina 1 van 2" in first  # not where the member stopped
    assert not re.search(r"checked", first)
    assert "Te duur voor mij." not in second
    assert "Te duur voor mij." in member.get(f"{_url(code)}?page=1").content.decode()


def test_a_code_holder_gets_the_same_pages_whether_or_not_the_member_submitted(
    open_panel, party: Party
):
    answered = secret_for(open_panel, party.member_a1)
    not_answered = secret_for(open_panel, Member.objects.get(last_name="Briefmans"))
    assert "Dank u wel" in _answer_everything(Client(), answered)

    board = Client()
    opened = [_same_page(board.get(_url(s)).content.decode(), s) for s in (answered, not_answered)]
    thanked = [_same_page(_answer_everything(board, s), s) for s in (answered, not_answered)]
    again = [_same_page(board.get(_url(s)).content.decode(), s) for s in (answered, not_answered)]

    assert opened[0] == opened[1]
    assert "Dank u wel" not in opened[0]
    assert thanked[0] == thanked[1]
    assert "Dank u wel voor uw antwoorden" in thanked[0]
    assert again[0] == again[1]
    # The member's answer counts; the board's second one for that code does not.
    assert Envelope.objects.count() == 2


def test_a_code_holder_cannot_change_or_see_the_members_follow_up_choices(open_panel, party: Party):
    secret = secret_for(open_panel, party.member_a1)
    member = Client()
    _answer_everything(member, secret)
    member.post(_url(secret), {"follow_up": "1", "keep_informed": "on"})

    board = Client()
    thanks = _answer_everything(board, secret)
    assert not re.search(r'name="keep_informed"[^>]* checked', thanks)
    board.post(_url(secret), {"follow_up": "1", "join_network": "on"})  # shown as saved

    consent = FollowUpConsent.objects.get(invitation__member=party.member_a1)
    assert (consent.keep_informed, consent.join_network) == (True, False)
    own = member.get(_url(secret)).content.decode()
    assert re.search(r'name="keep_informed"[^>]* checked', own)


def test_the_device_secret_is_an_httponly_cookie_for_the_answering_pages_only(
    open_panel, party: Party
):
    response = Client().get(_url(secret_for(open_panel, party.member_a1)))

    cookie = response.cookies[device.COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/p/"
    assert _url("x").startswith(cookie["path"])
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", cookie.value)


def test_a_forged_device_secret_only_finds_an_empty_draft(open_panel, party: Party):
    secret = secret_for(open_panel, party.member_a1)
    member = Client()
    member.post(_url(secret), {"page": "0", "q_meedoen": "eens", "next": "1"})
    forger = Client()
    forger.cookies[device.COOKIE_NAME] = "A" * 43

    page = forger.get(_url(secret)).content.decode()

    assert "Pagina 1 van 2" in page
    assert not re.search(r"checked", page)


def test_the_monitor_does_not_tell_a_code_holder_whether_the_member_had_answered(
    party: Party, board_a1
):
    """The attack: with the letter PDFs, submit for a member and watch the monitor.

    A live total that counted letter answers rose by one only when the member
    had not answered yet. Letter answers are now counted at close, so the
    monitor reads the same after the board's submission either way.
    """
    letter_member(party, last_name="Postma", house_number="7")
    panel = open_panel_for(party)
    answered = secret_for(panel, Member.objects.get(last_name="Postma"))
    not_answered = secret_for(panel, Member.objects.get(last_name="Briefmans"))
    _answer_everything(Client(), answered)  # on the member's own device
    board = verified_client(board_a1)
    progress_url = reverse("fieldwork:monitor_progress", args=[panel.public_id])

    def monitor() -> str:
        return board.get(progress_url).content.decode()

    before = monitor()
    _answer_everything(Client(), answered)  # the board, with Postma's letter
    after_answered = monitor()
    _answer_everything(Client(), not_answered)  # the board, with Briefmans's letter
    after_not_answered = monitor()

    assert before == after_answered == after_not_answered
    assert "De antwoorden van de 2 leden met een brief worden pas bij het sluiten geteld" in before
    # The monitor is live for what nobody but the member holds: an email link.
    _answer_everything(Client(), secret_for(panel, party.member_a1))
    assert 'data-count="responded">1 van' in monitor()
    assert 'data-count="responded">0 van' in before
