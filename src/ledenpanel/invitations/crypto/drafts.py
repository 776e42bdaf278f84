"""Encrypted drafts: the pages a member saved while answering.

A draft is AES-256-GCM under a key that needs both the member's token and the
panel's answer key (kept in the key directory, destroyed at close)::

    key = HKDF-SHA256(ikm=token, salt=answer_key, info="ledenpanel draft v1")

The answer key plays the part of a per-panel salt that is *secret and
destroyable*. A salt stored in the database would not do: a letter code has 45
bits, so the database alone would let anyone try every code against a stolen
draft; and backups taken during fieldwork hold outbox bodies with tokens in
clear. Stored: a version byte, a random 96-bit nonce, the ciphertext and its tag.
The plaintext is padded to the panel's fixed size first (:mod:`.padding`), so
every draft of a panel has the same length however much was written: a
reader of the database or its write-ahead log sees how often a draft was
saved, never how much it holds. The draft row is found by :func:`.draft_lookup`.

The "token" here is whatever the answerer holds: for a member, their link
token or letter code bound to their browser (:func:`.device_bound`), so a
draft opens only on the device that saved it.
"""

from __future__ import annotations

import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .errors import CryptoError, DraftError, EnvelopeError
from .keys import KEY_BYTES
from .padding import pad, unpad

DRAFT_INFO = b"ledenpanel draft v1"
_VERSION = b"\x02"  # 2: padded to the panel's fixed size
_NONCE_BYTES = 12
_TAG_BYTES = 16
DRAFT_OVERHEAD = 1 + _NONCE_BYTES + _TAG_BYTES  # version byte, nonce, tag


def _draft_cipher(answer_key: bytes, token: str) -> AESGCM:
    if len(answer_key) != KEY_BYTES:
        raise CryptoError("a panel answer key is 32 bytes")
    if not token:
        raise CryptoError("a draft needs the member's token")
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=answer_key, info=DRAFT_INFO)
    return AESGCM(hkdf.derive(token.encode()))


def encrypt_draft(answer_key: bytes, token: str, plaintext: bytes, *, size: int) -> bytes:
    """Encrypt a draft padded to ``size``; a fresh random nonce every time.

    The result is always ``size + DRAFT_OVERHEAD`` bytes long.
    """
    nonce = secrets.token_bytes(_NONCE_BYTES)
    sealed = _draft_cipher(answer_key, token).encrypt(nonce, pad(plaintext, size), _VERSION)
    return _VERSION + nonce + sealed


def decrypt_draft(answer_key: bytes, token: str, blob: bytes) -> bytes:
    """Decrypt a draft, or :class:`DraftError` if anything about it is wrong."""
    if len(blob) < DRAFT_OVERHEAD or blob[:1] != _VERSION:
        raise DraftError("not a draft of this version (truncated or corrupted)")
    nonce, sealed = blob[1 : 1 + _NONCE_BYTES], blob[1 + _NONCE_BYTES :]
    try:
        padded = _draft_cipher(answer_key, token).decrypt(nonce, sealed, _VERSION)
    except InvalidTag:
        raise DraftError("the draft does not open: another token or panel, or altered") from None
    try:
        return unpad(padded)
    except EnvelopeError:
        raise DraftError("the draft's padding is malformed") from None
