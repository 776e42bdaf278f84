"""Keys: the per-panel keys (held outside the database) and the verifier key.

Two kinds of key, with different lives:

- :class:`PanelKeys` — made when a panel opens, kept in the key directory
  (:class:`~.keystore.KeyStore`), destroyed at close. The link key derives link
  tokens and letter codes (so reminders rebuild the same link); the answer key
  keys everything about answering (draft lookups, draft encryption, receipts); the
  Curve25519 private key opens the sealed answer envelopes. Only the public key
  may be stored in the database.
- the verifier key — derived with HKDF from the application's ``SECRET_KEY``
  (:func:`derive_verify_key`). It outlives every panel, so a link or code keeps
  opening the member's results page after close; it is in no database.

Why answering is keyed with a panel key and not with ``SECRET_KEY``: backups
taken during fieldwork hold outbox bodies and letters (tokens and codes in clear)
next to drafts and receipts. Keyed with ``SECRET_KEY`` alone, those backups plus
``SECRET_KEY`` would open a member's draft after close. Keyed with the answer key,
destroyed at close, nothing in any backup opens it any more.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from nacl.public import PrivateKey

from .errors import CryptoError

KEY_BYTES = 32

# HKDF info labels, one per purpose. Never reuse a label for another purpose; a new
# version of the verifier label changes every stored verifier (old links stop working).
VERIFY_LABEL = "ledenpanel token verify v1"  # from SECRET_KEY
DRAFT_LOOKUP_LABEL = "ledenpanel draft lookup v1"  # from the panel's answer key
RECEIPT_LABEL = "ledenpanel receipt v1"  # from the panel's answer key

_MAGIC = b"LPKEYS\x00\x02"  # file format: magic, link key, answer key, private key
_SERIALISED_BYTES = len(_MAGIC) + 3 * KEY_BYTES


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


def derive_verify_key(secret_key: str) -> bytes:
    """The key of the token and code verifiers: HKDF of ``SECRET_KEY``, label v1."""
    return derive_key(secret_key, VERIFY_LABEL)


def subkey(key: bytes, label: str) -> bytes:
    """A 32-byte key for one purpose, derived from a 32-byte panel key with HKDF."""
    if len(key) != KEY_BYTES:
        raise CryptoError("a panel key is 32 bytes")
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=label.encode())
    return hkdf.derive(key)


@dataclass(frozen=True, repr=False)
class PanelKeys:
    """One panel's secret keys; none of them ever goes into the database.

    ``link_key`` (worker: tokens and codes), ``answer_key`` (web: drafts and
    receipts), ``private_key`` (worker at close: envelopes).

    ``repr`` shows only the public key, so the keys cannot end up in a log line.
    """

    link_key: bytes
    answer_key: bytes
    private_key: bytes

    def __post_init__(self) -> None:
        if {len(self.link_key), len(self.answer_key), len(self.private_key)} != {KEY_BYTES}:
            raise CryptoError("panel keys are 32 bytes each")

    @classmethod
    def generate(cls) -> PanelKeys:
        """Fresh keys from the operating system's random generator."""
        return cls(
            link_key=secrets.token_bytes(KEY_BYTES),
            answer_key=secrets.token_bytes(KEY_BYTES),
            private_key=bytes(PrivateKey.generate()),
        )

    @property
    def public_key(self) -> bytes:
        """The Curve25519 public key (32 bytes) to seal envelopes with; safe to store."""
        return bytes(PrivateKey(self.private_key).public_key)

    def to_bytes(self) -> bytes:
        """The key file's contents: a magic header and the three keys."""
        return _MAGIC + self.link_key + self.answer_key + self.private_key

    @classmethod
    def from_bytes(cls, data: bytes) -> PanelKeys:
        if len(data) != _SERIALISED_BYTES or not data.startswith(_MAGIC):
            raise CryptoError("not a Ledenpanel key file (wrong header or length)")
        body = data[len(_MAGIC) :]
        link_key, answer_key, private_key = (
            body[i : i + KEY_BYTES] for i in range(0, 3 * KEY_BYTES, KEY_BYTES)
        )
        return cls(link_key=link_key, answer_key=answer_key, private_key=private_key)

    def __repr__(self) -> str:
        return f"PanelKeys(public_key={self.public_key.hex()[:16]}…)"
