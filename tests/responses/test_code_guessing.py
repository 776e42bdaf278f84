"""Guessing letter codes or links online is refused per address, before any lookup."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.test import Client
from django.urls import reverse

from ledenpanel.invitations import crypto
from ledenpanel.organisations.models import Member
from tests.builders import Party, secret_for


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


# --- Behind a reverse proxy (issue 10, finding 4) --------------------------

PROXY = "10.0.0.1"


def test_behind_a_proxy_one_guesser_does_not_lock_out_the_members(
    open_panel, party: Party, settings
):
    """20 wrong codes from one client must not refuse every client of the proxy."""
    settings.CODE_RATE = 20
    # The old knob too, to show it changed nothing without django-ipware.
    settings.PROXY_COUNT = settings.AXES_IPWARE_PROXY_COUNT = 1
    guesser = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.66")
    for _ in range(20):
        page = guesser.post(reverse("responses:enter_code"), {"code": _unknown_code()})
        assert page.status_code == 200
    assert guesser.post(reverse("responses:enter_code"), {"code": _unknown_code()}).status_code == (
        429
    )

    member = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")
    letter_code = secret_for(open_panel, Member.objects.get(last_name="Briefmans"))
    entered = member.post(reverse("responses:enter_code"), {"code": letter_code})
    assert entered.status_code == 302
    assert member.get(f"/p/{secret_for(open_panel, party.member_a1)}/").status_code == 200


def test_behind_a_proxy_a_guesser_cannot_escape_by_spoofing_the_header(
    open_panel, party: Party, settings
):
    settings.CODE_RATE = 3
    settings.PROXY_COUNT = 1

    def guess(number: int) -> int:
        # The proxy appends the address it saw to whatever the client sent.
        forwarded = f"192.0.2.{number}, 198.51.100.66"
        return (
            Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
            .get(f"/p/{_unknown_code()}/")
            .status_code
        )

    assert [guess(number) for number in range(5)] == [404, 404, 404, 429, 429]


# --- Counted before the lookup, atomically (issue 10, finding 10) -----------


@pytest.mark.parametrize("path", ["code", "link"])
def test_parallel_guesses_are_evaluated_at_most_the_limit(
    shared_cache, counted_lookups, settings, path
):
    """300 guesses at once from one address: at most CODE_RATE reach the lookup."""
    settings.CODE_RATE = 20
    guesses = 300
    start = threading.Barrier(30)  # the first 30 set off together

    def guess(number: int) -> int:
        client = Client(REMOTE_ADDR="192.0.2.99")
        if number < 30:
            start.wait()
        if path == "code":
            return client.post(
                reverse("responses:enter_code"), {"code": _unknown_code()}
            ).status_code
        return client.get(f"/p/{_unknown_code()}/").status_code

    with ThreadPoolExecutor(max_workers=30) as pool:
        statuses = list(pool.map(guess, range(guesses)))

    assert set(statuses) <= {200 if path == "code" else 404, 429}
    # At most the limit (the old code evaluated 34 to 219 of them); and no
    # fewer, so the limit does not refuse more than it should.
    assert len(counted_lookups) == settings.CODE_RATE
    assert statuses.count(429) == guesses - settings.CODE_RATE
