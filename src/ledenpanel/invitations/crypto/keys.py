"""Keys: the per-panel keys (held outside the database) and the application's keys.

Two kinds of key, with different lives:

- :class:`PanelKeys` — made when a panel opens, kept in the key directory
  (:class:`~.keystore.KeyStore`), used by the worker, destroyed at close. The link
  key derives link tokens and letter codes (so reminders rebuild the same link);
  the Curve25519 private key opens the sealed answer envelopes. Only the public key
  may be stored in the database.
- :class:`AppKeys` — derived with HKDF from the application's ``SECRET_KEY``, one
  key per purpose. They outlive every panel: the verifier key keeps a link or code
  opening the member's results page after close. None of them is in the database.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from nacl.public import PrivateKey

from .errors import CryptoError

KEY_BYTES = 32

# HKDF info labels, one per purpose. Never reuse a label for another purpose; bump
# the version to rotate (every stored verifier changes with it).
VERIFY_LABEL = "ledenpanel token verify v1"
DRAFT_LOOKUP_LABEL = "ledenpanel draft lookup v1"
DRAFT_KEY_LABEL = "ledenpanel draft key v1"
RECEIPT_LABEL = "ledenpanel receipt v1"

_MAGIC = b"LPKEYS\x00\x01"  # file format: magic, link key, Curve25519 private key
_SERIALISED_BYTES = len(_MAGIC) + 2 * KEY_BYTES


def derive_key(secret_key: str, label: str) -> bytes:
    """A 32-byte key for one purpose: HKDF-SHA256(ikm=secret_key, info=label).

    ``secret_key`` is Django's ``SECRET_KEY`` (high entropy, so no salt is needed);
    different labels give independent keys.
    """
    if not secret_key:
        raise CryptoError("an empty secret key derives nothing")
    if not label:
        raise CryptoError("a derived key needs a purpose label")
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=label.encode())
    return hkdf.derive(secret_key.encode())


@dataclass(frozen=True, repr=False)
class AppKeys:
    """The application's per-purpose keys, derived from ``SECRET_KEY``.

    ``verify`` makes the verifiers of link tokens and letter codes (stored on the
    invitation), ``draft_lookup`` finds a draft, ``draft`` enters the draft
    encryption key, ``receipt`` makes the one-response receipt. Independent keys
    mean a verifier, a draft row and a receipt of the same token cannot be matched
    with one another without the token itself.
    """

    verify: bytes
    draft_lookup: bytes
    draft: bytes
    receipt: bytes

    @classmethod
    def from_secret_key(cls, secret_key: str) -> AppKeys:
        return cls(
            verify=derive_key(secret_key, VERIFY_LABEL),
            draft_lookup=derive_key(secret_key, DRAFT_LOOKUP_LABEL),
            draft=derive_key(secret_key, DRAFT_KEY_LABEL),
            receipt=derive_key(secret_key, RECEIPT_LABEL),
        )

    def __repr__(self) -> str:
        return "AppKeys(<secret>)"


@dataclass(frozen=True, repr=False)
class PanelKeys:
    """One panel's secret keys. Never store ``link_key`` or ``private_key`` in the DB.

    ``repr`` shows only the public key, so the keys cannot end up in a log line.
    """

    link_key: bytes
    private_key: bytes

    def __post_init__(self) -> None:
        if len(self.link_key) != KEY_BYTES or len(self.private_key) != KEY_BYTES:
            raise CryptoError("panel keys are 32 bytes each")

    @classmethod
    def generate(cls) -> PanelKeys:
        """Fresh keys from the operating system's random generator."""
        return cls(
            link_key=secrets.token_bytes(KEY_BYTES), private_key=bytes(PrivateKey.generate())
        )

    @property
    def public_key(self) -> bytes:
        """The Curve25519 public key (32 bytes) to seal envelopes with; safe to store."""
        return bytes(PrivateKey(self.private_key).public_key)

    def to_bytes(self) -> bytes:
        """The key file's contents: a magic header, the link key, the private key."""
        return _MAGIC + self.link_key + self.private_key

    @classmethod
    def from_bytes(cls, data: bytes) -> PanelKeys:
        if len(data) != _SERIALISED_BYTES or not data.startswith(_MAGIC):
            raise CryptoError("not a Ledenpanel key file (wrong header or length)")
        body = data[len(_MAGIC) :]
        return cls(link_key=body[:KEY_BYTES], private_key=body[KEY_BYTES:])

    def __repr__(self) -> str:
        return f"PanelKeys(public_key={self.public_key.hex()[:16]}…)"
