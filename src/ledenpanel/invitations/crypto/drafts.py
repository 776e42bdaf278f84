"""Encrypted drafts: the pages a member saved while answering.

A draft is AES-256-GCM under a key only the member's token opens::

    key = HKDF-SHA256(ikm=HMAC-SHA256(draft_key, token), salt=panel_salt,
                      info="ledenpanel draft v1")

``draft_key`` comes from ``SECRET_KEY`` (:attr:`.AppKeys.draft`). Without it, a
key made from the token and the database-held salt alone could be found offline
by trying all 2⁴⁵ letter codes against a stolen draft; with it, the database and
its backups alone decrypt nothing. Stored: a version byte, a random 96-bit nonce,
the ciphertext and its tag. The draft row is found by :func:`.draft_lookup`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .errors import CryptoError, DraftError

DRAFT_INFO = b"ledenpanel draft v1"
PANEL_SALT_BYTES = 16
_VERSION = b"\x01"
_NONCE_BYTES = 12


def new_panel_salt() -> bytes:
    """A random per-panel salt for draft keys; stored on the panel (not secret)."""
    return secrets.token_bytes(PANEL_SALT_BYTES)


def _draft_cipher(draft_key: bytes, token: str, panel_salt: bytes) -> AESGCM:
    if len(draft_key) < 32:
        raise CryptoError("a draft key is 32 bytes")
    if not token:
        raise CryptoError("a draft needs the member's token")
    if len(panel_salt) < PANEL_SALT_BYTES:
        raise CryptoError("a panel salt is at least 16 bytes")
    ikm = hmac.new(draft_key, token.encode(), hashlib.sha256).digest()
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=panel_salt, info=DRAFT_INFO)
    return AESGCM(hkdf.derive(ikm))


def encrypt_draft(draft_key: bytes, token: str, panel_salt: bytes, plaintext: bytes) -> bytes:
    """Encrypt a draft; a fresh random nonce every time (never reused under a key)."""
    nonce = secrets.token_bytes(_NONCE_BYTES)
    sealed = _draft_cipher(draft_key, token, panel_salt).encrypt(nonce, plaintext, _VERSION)
    return _VERSION + nonce + sealed


def decrypt_draft(draft_key: bytes, token: str, panel_salt: bytes, blob: bytes) -> bytes:
    """Decrypt a draft, or :class:`DraftError` if anything about it is wrong."""
    if len(blob) < 1 + _NONCE_BYTES + 16 or blob[:1] != _VERSION:
        raise DraftError("not a draft of this version (truncated or corrupted)")
    nonce, sealed = blob[1 : 1 + _NONCE_BYTES], blob[1 + _NONCE_BYTES :]
    try:
        return _draft_cipher(draft_key, token, panel_salt).decrypt(nonce, sealed, _VERSION)
    except InvalidTag:
        raise DraftError("the draft does not open: another token or panel, or altered") from None
