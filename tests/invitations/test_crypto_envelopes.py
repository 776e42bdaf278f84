"""Sealed answer envelopes: round trip, one fixed size, wrong keys and tampering."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledenpanel.invitations.crypto import (
    SEAL_OVERHEAD,
    CryptoError,
    EnvelopeError,
    PanelKeys,
    PayloadTooLarge,
    open_envelope,
    pad,
    random_order,
    seal_answers,
    unpad,
)

KEYS = PanelKeys.generate()
ANSWERS = b'{"q1": "Oneens", "q7": "Meer aandacht voor de wijk."}'
SIZE = 4096


@given(st.binary(max_size=SIZE - 4))
def test_it_round_trips_sealed_answers(payload: bytes) -> None:
    envelope = seal_answers(KEYS.public_key, payload, size=SIZE)

    assert open_envelope(KEYS.private_key, envelope) == payload


@given(st.binary(max_size=3000), st.integers(min_value=3004, max_value=9000))
def test_it_pads_to_exactly_the_size_and_back(payload: bytes, size: int) -> None:
    padded = pad(payload, size)

    assert len(padded) == size
    assert unpad(padded) == payload


def test_it_makes_every_envelope_of_a_panel_one_length() -> None:
    # The attack: a long open answer made a longer envelope, paired after close
    # with the one long response. Every length from empty to full is one size.
    sizes = [0, 1, 10, 500, 2000, 4000, SIZE - 4]
    lengths = {len(seal_answers(KEYS.public_key, b"x" * n, size=SIZE)) for n in sizes}

    assert lengths == {SIZE + SEAL_OVERHEAD}


def test_it_refuses_a_payload_that_does_not_fit_rather_than_growing() -> None:
    with pytest.raises(PayloadTooLarge):
        seal_answers(KEYS.public_key, b"x" * (SIZE - 3), size=SIZE)


def test_it_seals_the_same_answers_differently_each_time() -> None:
    # An ephemeral key per envelope: equal answers do not give equal rows.
    envelopes = {seal_answers(KEYS.public_key, ANSWERS, size=SIZE) for _ in range(20)}

    assert len(envelopes) == 20
    assert all(ANSWERS not in e for e in envelopes)


def test_it_opens_only_with_the_panels_private_key() -> None:
    envelope = seal_answers(KEYS.public_key, ANSWERS, size=SIZE)

    with pytest.raises(EnvelopeError):
        open_envelope(PanelKeys.generate().private_key, envelope)


def test_it_detects_tampering_and_truncation() -> None:
    envelope = seal_answers(KEYS.public_key, ANSWERS, size=SIZE)
    for index in [0, 31, 32, 47, 48, 100, len(envelope) - 1]:
        tampered = bytearray(envelope)
        tampered[index] ^= 0x80
        with pytest.raises(EnvelopeError):
            open_envelope(KEYS.private_key, bytes(tampered))
    with pytest.raises(EnvelopeError):
        open_envelope(KEYS.private_key, envelope[:-1])
    with pytest.raises(EnvelopeError):
        open_envelope(KEYS.private_key, b"")


def test_it_refuses_malformed_padding() -> None:
    padded = pad(ANSWERS, 128)

    with pytest.raises(EnvelopeError):
        unpad(padded[:-1] + b"\x01")  # non-zero padding
    with pytest.raises(EnvelopeError):
        unpad((1000).to_bytes(4, "big") + padded[4:])  # length beyond the end
    with pytest.raises(EnvelopeError):
        unpad(b"\x00")


def test_it_refuses_keys_of_the_wrong_size_and_tiny_sizes() -> None:
    with pytest.raises(CryptoError):
        seal_answers(b"short", ANSWERS, size=SIZE)
    with pytest.raises(CryptoError):
        open_envelope(b"short", b"")
    with pytest.raises(CryptoError):
        pad(ANSWERS, 4)


def test_it_shuffles_into_a_random_permutation() -> None:
    items = list(range(100))
    orders = [random_order(items) for _ in range(5)]

    assert all(sorted(order) == items for order in orders)
    assert items == list(range(100))  # the input is left alone
    assert all(order != items for order in orders)  # 5 × 1/100! chance of a false failure
    assert sorted(random_order(iter("abc"))) == ["a", "b", "c"]  # any iterable
