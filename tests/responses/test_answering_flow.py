"""The page flow without post/redirect/get: a saved page answers with the next one.

Also what keeps a page cheap: the queries a page costs, no session row for a
member, and the question block rendered once per process.
"""

from __future__ import annotations

import re

from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from ledenpanel.followup.models import FollowUpConsent
from ledenpanel.organisations.models import Member
from ledenpanel.responses import device, pagecache, selectors, services
from ledenpanel.responses.models import Draft, Envelope, Receipt
from ledenpanel.responses.sessions import DoneNote
from tests.builders import Party, member_session, secret_for


def _url(secret: str) -> str:
    return reverse("responses:answer", kwargs={"secret": secret})


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def _page_field(html: str) -> str:
    return re.search(r'<input type="hidden" name="page" value="(\d+)">', html).group(1)


def test_next_answers_with_the_next_page_and_its_title_names_it(open_panel, party: Party):
    secret = secret_for(open_panel, party.member_a1)
    client = Client()

    response = client.post(_url(secret), {"page": "0", "q_meedoen": "eens", "next": "1"})

    html = response.content.decode()
    assert response.status_code == 200
    assert _title(html).startswith("Pagina 2 van 2 · Wonen")
    assert _page_field(html) == "1"
    assert "Wilt u dit toelichten?" in html


def test_reposting_a_page_saves_the_same_answers_again(open_panel, party: Party):
    """A reload of the next page re-posts the previous one: harmless."""
    secret = secret_for(open_panel, party.member_a1)
    client = Client()
    data = {"page": "0", "q_meedoen": "oneens", "next": "1"}

    pages = [client.post(_url(secret), data).content.decode() for _ in range(2)]

    assert [_page_field(html) for html in pages] == ["1", "1"]
    assert Draft.objects.count() == 1
    session = member_session(secret, device=client.cookies[device.COOKIE_NAME].value)
    saved = selectors.answering_state_get(session=session).draft
    assert (saved.answers["meedoen"], saved.page) == ("oneens", 1)


def test_back_shows_the_previous_page_with_its_answers(open_panel, party: Party):
    secret = secret_for(open_panel, party.member_a1)
    client = Client()
    client.post(_url(secret), {"page": "0", "q_meedoen": "eens", "next": "1"})

    html = client.post(_url(secret), {"page": "1", "q_waarom": "Zo.", "back": "1"}).content
    html = html.decode()

    assert _title(html).startswith("Pagina 1 van 2")
    assert re.search(r'value="eens" checked', html)
    assert "Zo." in client.get(f"{_url(secret)}?page=1").content.decode()


def test_a_page_link_still_opens_a_page_with_get(open_panel, party: Party):
    secret = secret_for(open_panel, party.member_a1)
    html = Client().get(f"{_url(secret)}?page=1").content.decode()
    assert _title(html).startswith("Pagina 2 van 2")


def test_an_error_shows_the_same_page_with_the_summary(open_panel, party: Party):
    secret = secret_for(open_panel, party.member_a1)

    html = Client().post(_url(secret), {"page": "0", "next": "1"}).content.decode()

    assert _title(html).startswith("Fout: Pagina 1 van 2")
    assert 'class="error-summary" role="alert"' in html
    assert "autofocus" in html
    assert _page_field(html) == "0"


def test_the_final_post_shows_the_thanks_and_a_repost_stores_nothing_twice(
    open_panel, party: Party
):
    secret = secret_for(open_panel, party.member_a1)
    client = Client()
    client.post(_url(secret), {"page": "0", "q_meedoen": "eens", "next": "1"})
    final = {"page": "1", "q_waarom": "Daarom.", "submit": "1"}

    thanks = client.post(_url(secret), final).content.decode()
    client.post(_url(secret), {"follow_up": "1", "keep_informed": "on"})
    again = client.post(_url(secret), final).content.decode()  # a reload

    assert "Dank u wel voor uw antwoorden" in thanks
    assert "Dank u wel voor uw antwoorden" in again
    # The reload shows the choices as saved, not the final page's (empty) form.
    assert re.search(r'name="keep_informed"[^>]* checked', again)
    assert FollowUpConsent.objects.get().keep_informed
    # The draft is gone; the browser's note that it is done takes its place.
    assert (Envelope.objects.count(), Receipt.objects.count(), Draft.objects.count()) == (1, 1, 1)


def test_a_save_racing_the_submit_leaves_the_browser_done(open_panel, party: Party):
    secret = secret_for(open_panel, party.member_a1)
    early = member_session(secret)
    selectors.answering_state_get(session=early)  # this request saw no note yet
    late = member_session(secret)
    assert services.answers_submit(session=late, answers={"meedoen": "eens"}).counted

    services.draft_save(session=early, answers={"meedoen": "oneens"}, page=1)

    assert selectors.answering_state_get(session=member_session(secret)).done == DoneNote(
        counted=True
    )


def test_answering_writes_no_session_row_and_sets_no_session_cookie(open_panel, party: Party):
    secret = secret_for(open_panel, party.member_a1)
    client = Client()
    client.get(_url(secret))
    client.post(_url(secret), {"page": "0", "q_meedoen": "eens", "next": "1"})
    client.post(_url(secret), {"page": "1", "submit": "1"})
    assert not Session.objects.exists()
    assert "sessionid" not in client.cookies


def test_a_page_costs_two_queries_and_a_saved_page_three(
    open_panel, party: Party, django_assert_num_queries
):
    """The invitation with its panel in one query, the receipt and draft in
    one, and the save in one: no per-request query for the questionnaire."""
    secret = secret_for(open_panel, party.member_a1)
    client = Client()
    client.get(_url(secret))  # the process parses the questionnaire once
    with django_assert_num_queries(2):
        client.get(_url(secret))
    with django_assert_num_queries(3):
        client.post(_url(secret), {"page": "0", "q_meedoen": "eens", "next": "1"})


def test_the_questionnaire_is_parsed_once_per_version(open_panel, party: Party):
    first = member_session(secret_for(open_panel, party.member_a1))
    second = member_session(secret_for(open_panel, Member.objects.get(last_name="Briefmans")))
    assert first.questionnaire is second.questionnaire


def test_the_cached_question_block_equals_a_fresh_rendering(open_panel, party: Party):
    """A member's page with nothing of theirs on it comes from the fragment cache;
    once they go back to it with answers, it is rendered for them."""
    secret = secret_for(open_panel, party.member_a1)
    other = secret_for(open_panel, Member.objects.get(last_name="Briefmans"))
    client = Client()
    first = client.get(_url(secret)).content.decode()  # renders and caches page 1
    cached = Client().get(_url(other)).content.decode()
    block = re.compile(r'<div class="answer-question.*?</fieldset>', re.S)
    assert block.findall(first) == block.findall(cached) != []

    client.post(_url(secret), {"page": "0", "q_meedoen": "eens", "next": "1"})
    back = client.get(f"{_url(secret)}?page=0").content.decode()
    assert re.search(r'value="eens" checked', back)
    assert not re.search(r"checked", Client().get(_url(other)).content.decode())


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "TOKEN", html)


def test_a_shared_page_equals_the_page_rendered_for_its_member(
    open_panel, party: Party, monkeypatch
):
    """The shell rendered for one member, served to another, is the page the
    other would have got rendered for them: nothing of the first request in it."""
    first = secret_for(open_panel, party.member_a1)
    second = secret_for(open_panel, Member.objects.get(last_name="Briefmans"))
    caches["template_fragments"].clear()
    Client().get(_url(first))  # renders the shell
    shared = Client().get(_url(second)).content.decode()

    caches["template_fragments"].clear()
    monkeypatch.setattr(pagecache, "shareable", lambda request, assisting: False)
    own = Client().get(_url(second)).content.decode()

    assert _without_tokens(shared) == _without_tokens(own)
    assert first not in shared
    assert f'name="next" value="{_url(second)}"' in shared


def test_a_shared_page_carries_a_working_token_of_its_own(open_panel, party: Party):
    secret = secret_for(open_panel, party.member_a1)
    Client().get(_url(secret))  # the shell exists
    client = Client(enforce_csrf_checks=True)
    html = client.get(_url(secret)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert pagecache.CSRF_MARK not in html

    response = client.post(
        _url(secret),
        {"csrfmiddlewaretoken": token, "page": "0", "q_meedoen": "eens", "next": "1"},
    )

    assert response.status_code == 200
    assert _title(response.content.decode()).startswith("Pagina 2 van 2")


def test_a_shared_thank_you_page_equals_the_one_rendered_for_its_member(
    open_panel, party: Party, monkeypatch
):
    first = secret_for(open_panel, party.member_a1)
    second = secret_for(open_panel, Member.objects.get(last_name="Briefmans"))
    caches["template_fragments"].clear()
    for secret in (first, second):
        client = Client()
        client.post(_url(secret), {"page": "0", "q_meedoen": "eens", "next": "1"})
        shared = client.post(_url(secret), {"page": "1", "submit": "1"}).content.decode()

    caches["template_fragments"].clear()
    monkeypatch.setattr(pagecache, "shareable", lambda request, assisting: False)
    own = client.get(_url(second)).content.decode()

    assert "Dank u wel voor uw antwoorden" in shared
    assert _without_tokens(shared) == _without_tokens(own)
    assert first not in shared
