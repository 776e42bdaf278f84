"""Non-members answer through a panel's open link: one answer per browser, abuse limits."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ledenpanel.invitations.keyring import key_store
from ledenpanel.invitations.models import Invitation
from ledenpanel.responses import open_mode
from ledenpanel.responses.models import Draft, Envelope, Receipt
from tests.builders import (
    Party,
    board_approves,
    board_closes,
    board_opens,
    open_link_panel,
    opened_envelopes,
    secret_for,
    two_page_questionnaire,
    verified_client,
)


def _url(panel) -> str:
    return reverse("responses:open_answer", kwargs={"slug": panel.open_slug})


def answer_all(client: Client, panel, *, address: str = "127.0.0.1", **extra: str):
    url = _url(panel)
    client.get(url, REMOTE_ADDR=address)
    client.post(url, {"page": "0", "q_meedoen": "eens", "next": "1"}, REMOTE_ADDR=address)
    return client.post(url, {"page": "1", "submit": "1", **extra}, REMOTE_ADDR=address)


def test_opening_a_panel_with_an_open_link_gives_it_a_public_slug(party: Party):
    today = timezone.localdate()
    panel = board_approves(
        party.panel_a1,
        two_page_questionnaire(),
        open_link=True,
        opens_on=today,
        closes_on=today + timedelta(days=7),
    )

    board_opens(panel)

    assert panel.open_slug
    assert len(panel.open_slug) >= 22
    slug = panel.open_slug
    open_mode.open_slug_assign(panel=panel)  # a retried opening keeps the link
    assert panel.open_slug == slug


def test_a_panel_without_an_open_link_gets_no_slug(open_panel):
    assert open_mode.open_slug_assign(panel=open_panel) is None
    open_panel.refresh_from_db()
    assert open_panel.open_slug is None


def test_a_non_member_answers_once_and_the_answer_is_kept_apart(link_panel, party: Party):
    client = Client()
    first = client.get(_url(link_panel))
    page = first.content.decode()
    assert "open versie" in page
    assert "apart van die van de leden" in page
    cookie = first.cookies[open_mode.COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == _url(link_panel)
    secret = client.cookies[open_mode.COOKIE_NAME].value
    assert secret not in page  # the secret lives in the cookie only

    client.post(_url(link_panel), {"page": "0", "q_meedoen": "eens", "next": "1"})
    assert Draft.objects.count() == 1
    resumed = client.get(_url(link_panel)).content.decode()
    assert "Pagina 2 van 2" in resumed

    done = client.post(_url(link_panel), {"page": "1", "q_waarom": "Als kiezer.", "submit": "1"})

    assert "Dank u wel" in done.content.decode()  # the answer to the final POST
    thanks = client.get(_url(link_panel)).content.decode()
    assert "Dank u wel" in thanks
    assert "apart van die van de leden" in thanks
    assert "follow_up" not in thanks  # non-members get no follow-up choices
    envelope = Envelope.objects.get()
    assert envelope.is_open
    (payload,) = opened_envelopes(link_panel)
    assert payload["background"] == {}
    assert payload["answers"] == {"meedoen": "eens", "waarom": "Als kiezer."}
    assert payload["assisted"] is False
    # The draft is gone; the browser's note that it is done takes its place.
    assert (Receipt.objects.count(), Draft.objects.count()) == (1, 1)
    assert not Invitation.objects.filter(responded=True).exists()


def test_one_browser_submits_once_another_browser_may_answer(link_panel):
    client = Client()
    answer_all(client, link_panel)
    again = client.post(_url(link_panel), {"page": "1", "submit": "1"})
    assert "Dank u wel" in again.content.decode()
    assert Envelope.objects.count() == 1

    answer_all(Client(), link_panel)
    assert Envelope.objects.filter(is_open=True).count() == 2


def test_a_tampered_cookie_is_not_trusted(link_panel):
    client = Client()
    answer_all(client, link_panel)
    value = client.cookies[open_mode.COOKIE_NAME].value
    client.cookies[open_mode.COOKIE_NAME] = value[:-2] + ("AA" if value[-2:] != "AA" else "BB")

    page = client.get(_url(link_panel))

    assert "Pagina 1 van 2" in page.content.decode()  # a fresh start, not the old answer
    assert page.cookies[open_mode.COOKIE_NAME].value != value


def test_a_member_link_never_makes_an_open_envelope(open_panel, party: Party):
    url = reverse("responses:answer", kwargs={"secret": secret_for(open_panel, party.member_a1)})
    client = Client()
    client.post(url, {"page": "0", "q_meedoen": "eens", "next": "1"})
    client.post(url, {"page": "1", "submit": "1"})
    assert not Envelope.objects.get().is_open


def test_a_filled_honeypot_is_accepted_but_dropped(link_panel):
    client = Client()
    url = _url(link_panel)
    page = client.get(url).content.decode()
    assert 'name="website"' in page
    assert 'tabindex="-1"' in page
    assert 'aria-hidden="true"' in page
    # A bot fills every field on the first page, then leaves it out on the last.
    client.post(url, {"page": "0", "q_meedoen": "eens", "website": "http://spam", "next": "1"})

    done = client.post(url, {"page": "1", "submit": "1"})

    assert done.status_code == 200
    assert "Dank u wel" in done.content.decode()
    # Nothing kept but the browser's note that it is done, as after a real submit.
    assert (Envelope.objects.count(), Receipt.objects.count(), Draft.objects.count()) == (0, 0, 1)
    assert "Dank u wel" in client.get(url).content.decode()


def test_new_browsers_per_address_are_limited_without_storing_the_address(link_panel, settings):
    settings.OPEN_RATE = 2
    url = _url(link_panel)
    statuses = [Client().get(url, REMOTE_ADDR="192.0.2.7").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert Client().get(url, REMOTE_ADDR="198.51.100.9").status_code == 200
    stored = b" ".join(path.read_bytes() for path in (settings.VAR_DIR / "cache").rglob("*"))
    assert stored
    assert b"192.0.2.7" not in stored
    assert b"198.51.100.9" not in stored


def test_a_browser_that_already_started_is_not_counted_again(link_panel, settings):
    settings.OPEN_RATE = 1
    client = Client()
    for _ in range(3):
        assert client.get(_url(link_panel), REMOTE_ADDR="192.0.2.7").status_code == 200


def test_submissions_per_address_are_limited_and_the_draft_is_kept(link_panel, settings):
    settings.OPEN_RATE = 2
    url = _url(link_panel)
    clients = [Client() for _ in range(3)]
    for number, client in enumerate(clients):  # each started from its own address
        client.get(url, REMOTE_ADDR=f"192.0.2.{number + 1}")
        client.post(url, {"page": "0", "q_meedoen": "eens", "next": "1"})

    pages = [
        client.post(url, {"page": "1", "submit": "1"}, REMOTE_ADDR="203.0.113.5")
        for client in clients
    ]

    shown = [page.content.decode() for page in pages]
    assert ["Dank u wel" in html for html in shown] == [True, True, False]
    assert "te veel antwoorden" in shown[2]
    assert Envelope.objects.count() == 2
    # Two browsers' notes that they are done, and the refused one's draft: it can send later.
    assert Draft.objects.count() == 3


def test_a_closed_panel_shows_the_closed_page(link_panel):
    board_closes(link_panel)
    page = Client().get(_url(link_panel))
    assert "niet open" in page.content.decode()
    assert open_mode.COOKIE_NAME not in page.cookies


def test_an_unknown_or_switched_off_link_is_not_found(link_panel):
    assert Client().get(reverse("responses:open_answer", args=["x" * 22])).status_code == 404
    link_panel.open_link = False
    link_panel.save(update_fields=["open_link"])
    assert Client().get(_url(link_panel)).status_code == 404


def test_the_board_sees_the_public_link_on_the_panel_page(link_panel, board_a1):
    page = verified_client(board_a1).get(
        reverse("panels:detail", kwargs={"panel_id": link_panel.public_id})
    )
    assert _url(link_panel) in page.content.decode()


def test_after_close_the_links_answer_nothing_and_need_no_answering_key(link_panel, party: Party):
    member_url = reverse(
        "responses:answer", kwargs={"secret": secret_for(link_panel, party.member_a1)}
    )
    board_closes(link_panel)
    key_store().destroy(str(link_panel.public_id))  # as the close procedure does

    # The open link says the panel is closed; the member's own link leads to
    # the results page (not yet published), the same for every member.
    page = Client().get(_url(link_panel))
    assert page.status_code == 200
    assert "niet open" in page.content.decode()
    page = Client().get(member_url, follow=True)
    assert page.status_code == 200
    assert "De uitslag is nog niet gepubliceerd." in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_one_browser_submitting_twice_at_the_same_moment_stores_one_answer(party: Party):
    panel = open_link_panel(party)
    url = _url(panel)
    browser = Client()
    browser.get(url)
    browser.post(url, {"page": "0", "q_meedoen": "eens", "next": "1"})
    cookie = browser.cookies[open_mode.COOKIE_NAME].value
    start = threading.Barrier(2)
    pages: list[str] = []

    def submit() -> None:
        try:
            client = Client()  # two tabs of one browser: the same cookie
            client.cookies[open_mode.COOKIE_NAME] = cookie
            start.wait()
            response = client.post(url, {"page": "1", "submit": "1"}, follow=True)
            pages.append(response.content.decode())
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(pages) == 2
    assert all("Dank u wel voor uw antwoorden" in page for page in pages)
    assert (Envelope.objects.count(), Receipt.objects.count()) == (1, 1)
