"""The optional last questions about the panel itself: asked, skippable, sealed."""

from __future__ import annotations

import re

from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from ledenpanel.responses.evaluation import QUESTIONS, parse_evaluation
from ledenpanel.responses.models import Envelope
from tests.builders import Party, opened_envelopes, secret_for


def _url(secret: str) -> str:
    return reverse("responses:answer", kwargs={"secret": secret})


def test_it_keeps_only_the_offered_choices():
    data = QueryDict(mutable=True)
    data.update({"eval_clear": "ja", "eval_length": "veel te lang", "eval_again": "nee"})
    data.update({"eval_unknown": "ja"})
    assert parse_evaluation(data) == {"clear": "ja", "again": "nee"}
    assert parse_evaluation({}) == {}
    assert parse_evaluation({"eval_clear": ["ja", "nee"]}) == {}


def test_it_asks_three_questions_on_the_last_page_only(open_panel, party: Party):
    secret = secret_for(open_panel, party.member_a1)
    client = Client()

    first = client.get(_url(secret)).content.decode()
    assert "Over dit ledenpanel" not in first
    client.post(_url(secret), {"page": "0", "q_meedoen": "eens", "next": "1"})
    last = client.get(_url(secret)).content.decode()

    assert "Over dit ledenpanel" in last
    assert last.count('<fieldset class="evaluation-question"><legend>') == len(QUESTIONS) == 3
    for question in QUESTIONS:
        assert str(question.legend) in last
    # The section sits before the submit button, so it never adds a step.
    assert last.index("Over dit ledenpanel") < last.index('name="submit"')


def test_submitting_without_the_evaluation_is_fine(open_panel, party: Party):
    secret = secret_for(open_panel, party.member_a1)
    client = Client()
    client.post(_url(secret), {"page": "0", "q_meedoen": "eens", "next": "1"})
    assert "Dank u wel" in client.post(_url(secret), {"page": "1", "submit": "1"}).content.decode()
    (payload,) = opened_envelopes(open_panel)
    assert payload["evaluation"] == {}


def test_the_evaluation_is_saved_with_the_draft_and_sealed_at_submit(open_panel, party: Party):
    secret = secret_for(open_panel, party.member_a1)
    client = Client()
    client.post(_url(secret), {"page": "0", "q_meedoen": "eens", "next": "1"})
    client.post(
        _url(secret), {"page": "1", "eval_clear": "enigszins", "eval_length": "goed", "later": "1"}
    )

    resumed = client.get(_url(secret)).content.decode()
    assert re.search(r'name="eval_clear" value="enigszins" checked', resumed)
    assert re.search(r'name="eval_length" value="goed" checked', resumed)

    client.post(
        _url(secret),
        {
            "page": "1",
            "eval_clear": "enigszins",
            "eval_length": "goed",
            "eval_again": "sowieso",  # not a choice: dropped, never blocks
            "submit": "1",
        },
    )

    (payload,) = opened_envelopes(open_panel)
    assert payload["evaluation"] == {"clear": "enigszins", "length": "goed"}
    assert Envelope.objects.count() == 1


def test_going_back_from_the_last_page_keeps_the_evaluation(open_panel, party: Party):
    secret = secret_for(open_panel, party.member_a1)
    client = Client()
    client.post(_url(secret), {"page": "0", "q_meedoen": "eens", "next": "1"})
    client.post(_url(secret), {"page": "1", "eval_again": "misschien", "back": "1"})
    client.post(_url(secret), {"page": "0", "q_meedoen": "eens", "next": "1"})
    page = client.get(_url(secret)).content.decode()
    assert re.search(r'name="eval_again" value="misschien" checked', page)
