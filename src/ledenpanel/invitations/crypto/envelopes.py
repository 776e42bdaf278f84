"""Sealed answer envelopes: anyone seals with the panel's public key, only the
worker, holding the private key, opens them at close.

libsodium sealed boxes (PyNaCl ``SealedBox``: an ephemeral X25519 key per
envelope, XSalsa20-Poly1305) carry no sender identity. Before sealing, the payload
is padded to a whole number of buckets so the envelope's length does not tell how
much a member wrote: a 4-byte big-endian length, the payload, zeros.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Iterable
from typing import TypeVar

from nacl.bindings import crypto_box_SEALBYTES
from nacl.exceptions import CryptoError as NaclCryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from .errors import CryptoError, EnvelopeError

BUCKET_BYTES = 4096
SEAL_OVERHEAD = crypto_box_SEALBYTES  # 48: ephemeral public key and tag
_LENGTH_BYTES = 4
_MAX_PAYLOAD = 2**31

T = TypeVar("T")


def pad(payload: bytes, bucket: int = BUCKET_BYTES) -> bytes:
    """Length prefix, payload, zeros up to the next multiple of ``bucket``."""
    if bucket < _LENGTH_BYTES + 1:
        raise CryptoError("a bucket must hold the length prefix and a byte")
    if len(payload) >= _MAX_PAYLOAD:
        raise CryptoError("payload too large to seal")
    size = max(1, math.ceil((len(payload) + _LENGTH_BYTES) / bucket)) * bucket
    body = len(payload).to_bytes(_LENGTH_BYTES, "big") + payload
    return body + bytes(size - len(body))


def unpad(padded: bytes) -> bytes:
    """The payload back from :func:`pad`; checks the length and the zero padding."""
    if len(padded) < _LENGTH_BYTES:
        raise EnvelopeError("padded payload is too short")
    length = int.from_bytes(padded[:_LENGTH_BYTES], "big")
    end = _LENGTH_BYTES + length
    if end > len(padded) or any(padded[end:]):
        raise EnvelopeError("padded payload is malformed")
    return padded[_LENGTH_BYTES:end]


def seal_answers(public_key: bytes, payload: bytes, *, bucket: int = BUCKET_BYTES) -> bytes:
    """Pad ``payload`` and seal it to the panel's public key (32 bytes)."""
    if len(public_key) != PublicKey.SIZE:
        raise CryptoError("a panel public key is 32 bytes")
    return SealedBox(PublicKey(public_key)).encrypt(pad(payload, bucket))


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
