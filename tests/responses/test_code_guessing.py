"""Guessing letter codes or links online is refused per address, before any lookup."""

from __future__ import annotations

import os

from django.test import Client
from django.urls import reverse

from ledenpanel.invitations import crypto
from ledenpanel.organisations.models import Member
from tests.conftest import Party
from tests.responses.conftest import secret_for


def _unknown_code() -> str:
    """A well-formed code (its check character is right) that nobody has."""
    return crypto.letter_code(os.urandom(32), "nobody")


def test_an_address_that_tried_too_many_unknown_codes_is_refused_even_a_right_one(
    open_panel, party: Party, settings
):
    settings.CODE_RATE = 3
    client = Client(REMOTE_ADDR="192.0.2.50")
    for _ in range(3):
        page = client.post(reverse("responses:enter_code"), {"code": _unknown_code()})
        assert "kennen we niet" in page.content.decode()

    letter_member = Member.objects.get(last_name="Briefmans")
    right = secret_for(open_panel, letter_member)
    refused = client.post(reverse("responses:enter_code"), {"code": right})

    assert refused.status_code == 429
    assert "Te veel pogingen" in refused.content.decode()


def test_guessing_through_the_link_address_counts_too(open_panel, party: Party, settings):
    settings.CODE_RATE = 2
    client = Client(REMOTE_ADDR="192.0.2.51")
    statuses = [client.get(f"/p/{_unknown_code()}/").status_code for _ in range(3)]
    right = secret_for(open_panel, party.member_a1)

    assert statuses == [404, 404, 429]
    assert client.get(f"/p/{right}/").status_code == 429
    assert Client(REMOTE_ADDR="192.0.2.52").get(f"/p/{right}/").status_code == 200


def test_members_opening_their_own_link_are_never_counted(open_panel, party: Party, settings):
    settings.CODE_RATE = 1
    client = Client(REMOTE_ADDR="192.0.2.53")
    right = secret_for(open_panel, party.member_a1)

    assert [client.get(f"/p/{right}/").status_code for _ in range(5)] == [200] * 5
