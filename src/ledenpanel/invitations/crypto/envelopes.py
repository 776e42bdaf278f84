"""Sealed answer envelopes: anyone seals with the panel's public key, only the
worker, holding the private key, opens them at close.

libsodium sealed boxes (PyNaCl ``SealedBox``: an ephemeral X25519 key per
envelope, XSalsa20-Poly1305) carry no sender identity. Before sealing, the payload
is padded to the panel's one fixed size (:mod:`.padding`), so every envelope of a
panel has the same length whatever a member wrote.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import TypeVar

from nacl.bindings import crypto_box_SEALBYTES
from nacl.exceptions import CryptoError as NaclCryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from .errors import CryptoError, EnvelopeError
from .padding import pad, unpad

SEAL_OVERHEAD = crypto_box_SEALBYTES  # 48: ephemeral public key and tag

T = TypeVar("T")


def seal_answers(public_key: bytes, payload: bytes, *, size: int) -> bytes:
    """Pad ``payload`` to ``size`` and seal it to the panel's public key (32 bytes).

    The envelope is always ``size + SEAL_OVERHEAD`` bytes long.
    """
    if len(public_key) != PublicKey.SIZE:
        raise CryptoError("a panel public key is 32 bytes")
    return SealedBox(PublicKey(public_key)).encrypt(pad(payload, size))


def open_envelope(private_key: bytes, envelope: bytes) -> bytes:
    """Open a sealed envelope with the panel's private key and strip the padding."""
    if len(private_key) != PrivateKey.SIZE:
        raise CryptoError("a panel private key is 32 bytes")
    try:
        padded = SealedBox(PrivateKey(private_key)).decrypt(envelope)
    except NaclCryptoError:
        raise EnvelopeError("the envelope does not open: another panel's key, or altered") from None
    return unpad(padded)


def random_order(items: Iterable[T]) -> list[T]:
    """A copy of ``items`` in a uniformly random order from the OS generator.

    For writing responses at close: row order on disk must not follow
    submission order. Never a seeded ``random.Random``.
    """
    shuffled = list(items)
    secrets.SystemRandom().shuffle(shuffled)
    return shuffled
