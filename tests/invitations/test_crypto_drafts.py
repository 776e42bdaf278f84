"""Encrypted drafts: round trip, one fixed size, refusal of anything altered or misaddressed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledenpanel.invitations.crypto import (
    DRAFT_OVERHEAD,
    CryptoError,
    DraftError,
    PanelKeys,
    decrypt_draft,
    encrypt_draft,
    link_token,
)

KEY = PanelKeys.generate().answer_key
TOKEN = link_token(bytes(32), "inv-1")
DRAFT = b'{"page": 3, "answers": {"q1": "Eens", "q2": [1, 3]}}'
SIZE = 8192


@given(st.binary(max_size=5000), st.text(min_size=1, max_size=30))
def test_it_round_trips_a_draft(plaintext: bytes, token: str) -> None:
    blob = encrypt_draft(KEY, token, plaintext, size=SIZE)

    assert decrypt_draft(KEY, token, blob) == plaintext


def test_it_uses_a_fresh_nonce_every_time() -> None:
    blobs = {encrypt_draft(KEY, TOKEN, DRAFT, size=SIZE) for _ in range(50)}

    assert len(blobs) == 50
    assert len({blob[1:13] for blob in blobs}) == 50


def test_it_gives_every_draft_one_length_however_much_it_holds() -> None:
    # The attack: one draft written per page, growing with the answers, so the
    # write-ahead log's draft history paired members with responses after close.
    contents = [b"", DRAFT, "é".encode() * 2000, b"x" * (SIZE - 4)]
    lengths = {len(encrypt_draft(KEY, TOKEN, content, size=SIZE)) for content in contents}

    assert lengths == {SIZE + DRAFT_OVERHEAD}


def test_it_hides_the_plaintext() -> None:
    blob = encrypt_draft(KEY, TOKEN, DRAFT, size=SIZE)

    assert b"Eens" not in blob
    assert TOKEN.encode() not in blob


def test_it_detects_every_flipped_bit_position() -> None:
    blob = encrypt_draft(KEY, TOKEN, DRAFT, size=SIZE)
    for index in range(len(blob)):
        tampered = bytearray(blob)
        tampered[index] ^= 0x01
        with pytest.raises(DraftError):
            decrypt_draft(KEY, TOKEN, bytes(tampered))


@pytest.mark.parametrize("cut", [0, 1, 12, 13, 28, -1])
def test_it_detects_truncation(cut: int) -> None:
    blob = encrypt_draft(KEY, TOKEN, DRAFT, size=SIZE)

    with pytest.raises(DraftError):
        decrypt_draft(KEY, TOKEN, blob[:cut])


def test_it_opens_only_with_the_same_token_and_panel_key() -> None:
    blob = encrypt_draft(KEY, TOKEN, DRAFT, size=SIZE)

    with pytest.raises(DraftError):
        decrypt_draft(KEY, link_token(bytes(32), "inv-2"), blob)
    with pytest.raises(DraftError):  # the token alone (e.g. from an old outbox) is not enough
        decrypt_draft(PanelKeys.generate().answer_key, TOKEN, blob)


def test_it_refuses_a_short_key_or_an_empty_token() -> None:
    with pytest.raises(CryptoError):
        encrypt_draft(b"short", TOKEN, DRAFT, size=SIZE)
    with pytest.raises(CryptoError):
        encrypt_draft(KEY, "", DRAFT, size=SIZE)
