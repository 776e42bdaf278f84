"""The verifier key and the keyed hashes the database stores instead of secrets."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledenpanel.invitations.crypto import (
    DRAFT_LOOKUP_LABEL,
    RECEIPT_LABEL,
    VERIFY_LABEL,
    CryptoError,
    PanelKeys,
    derive_key,
    derive_verify_key,
    draft_lookup,
    link_token,
    receipt,
    subkey,
    verifier,
    verify,
)

SECRET = "django-insecure-0123456789abcdefghijklmnopqrstuvwxyz!@#$%^&*()"
VERIFY_KEY = derive_verify_key(SECRET)
KEYS = PanelKeys.generate()
TOKEN = link_token(KEYS.link_key, "inv-1")
secrets_ = st.text(min_size=1, max_size=40)


def test_it_matches_the_pinned_vectors() -> None:
    # Changing these makes every stored verifier unreachable: links stop opening.
    assert derive_key("secret", VERIFY_LABEL).hex() == (
        "fe26277141a0c7c46151f1dffeb727b5870a73f4d14db301506344ce48c3731c"
    )
    assert verifier(bytes(32), "tok") == (
        "2401125614c38f7870c936b12bd23493d9ceaad5b8beaafde5db0f3d10f47821"
    )


def test_it_derives_the_verifier_key_from_the_secret_key_and_label() -> None:
    assert derive_key(SECRET, VERIFY_LABEL) == VERIFY_KEY
    assert len(VERIFY_KEY) == 32
    assert derive_key(SECRET, "another label") != VERIFY_KEY
    assert derive_verify_key(SECRET + "x") != VERIFY_KEY


def test_it_derives_independent_subkeys_of_a_panel_key() -> None:
    keys = {subkey(KEYS.answer_key, label) for label in [DRAFT_LOOKUP_LABEL, RECEIPT_LABEL]}

    assert len(keys) == 2
    assert KEYS.answer_key not in keys
    with pytest.raises(CryptoError):
        subkey(b"short", RECEIPT_LABEL)


def test_it_refuses_an_empty_secret_key_or_label() -> None:
    with pytest.raises(CryptoError):
        derive_key("", VERIFY_LABEL)
    with pytest.raises(CryptoError):
        derive_key(SECRET, "")


def test_it_gives_one_token_three_unrelated_values() -> None:
    values = {
        verifier(VERIFY_KEY, TOKEN),
        draft_lookup(KEYS.answer_key, TOKEN),
        receipt(KEYS.answer_key, TOKEN),
    }

    assert len(values) == 3
    assert all(len(v) == 64 and int(v, 16) >= 0 for v in values)


@given(secrets_)
def test_it_separates_purposes_even_under_one_key(secret: str) -> None:
    # Defence in depth: one key passed to all three still gives unmatched values.
    key = KEYS.answer_key
    assert len({verifier(key, secret), draft_lookup(key, secret), receipt(key, secret)}) == 3


def test_it_keys_drafts_and_receipts_per_panel() -> None:
    # After close the answer key is gone: nothing recomputes a draft lookup or receipt.
    other = PanelKeys.generate()

    assert draft_lookup(KEYS.answer_key, TOKEN) != draft_lookup(other.answer_key, TOKEN)
    assert receipt(KEYS.answer_key, TOKEN) != receipt(other.answer_key, TOKEN)
    assert draft_lookup(KEYS.answer_key, TOKEN) == draft_lookup(KEYS.answer_key, TOKEN)
    assert receipt(KEYS.answer_key, TOKEN) == receipt(KEYS.answer_key, TOKEN)


@given(secrets_)
def test_it_computes_the_verifier_as_a_plain_hmac(secret: str) -> None:
    expected = hmac.new(VERIFY_KEY, f"verify:{secret}".encode(), hashlib.sha256).hexdigest()

    assert verifier(VERIFY_KEY, secret) == expected


def test_it_does_not_store_the_token_or_a_plain_hash_of_it() -> None:
    stored = verifier(VERIFY_KEY, TOKEN)

    assert TOKEN not in stored
    assert stored != hashlib.sha256(TOKEN.encode()).hexdigest()


def test_it_verifies_in_constant_time_against_the_stored_value() -> None:
    stored = verifier(VERIFY_KEY, TOKEN)

    assert verify(VERIFY_KEY, TOKEN, stored)
    assert not verify(VERIFY_KEY, TOKEN[:-1] + ("Q" if TOKEN[-1] != "Q" else "A"), stored)
    assert not verify(VERIFY_KEY, TOKEN, stored[:-1])


def test_it_refuses_empty_secrets_and_short_keys() -> None:
    with pytest.raises(CryptoError):
        verifier(VERIFY_KEY, "")
    with pytest.raises(CryptoError):
        verifier(b"short", TOKEN)
    with pytest.raises(CryptoError):
        receipt(b"short", TOKEN)
