"""Keyed hashes the database stores instead of secrets: verifiers, draft lookups, receipts.

Each is HMAC-SHA256 under its own key *and* with its own purpose prefix in the
message, so the three values of one token cannot be matched with one another.

- The verifier's key comes from ``SECRET_KEY`` (not in the database or its
  backups, so the database alone cannot test a guessed code offline) and survives
  close: the link keeps opening the results page.
- Draft lookups and receipts are keyed with subkeys of the panel's answer key,
  destroyed at close: afterwards no token or code, from whatever old backup,
  outbox body or letter, finds a leftover draft or receipt again.
"""

from __future__ import annotations

import hashlib
import hmac

from .errors import CryptoError
from .keys import DRAFT_LOOKUP_LABEL, RECEIPT_LABEL, subkey


def _keyed_hash(key: bytes, purpose: str, secret: str) -> str:
    if len(key) < 32:
        raise CryptoError("a keyed hash needs a 32-byte key")
    if not secret:
        raise CryptoError("nothing to hash: empty token or code")
    message = f"{purpose}:{secret}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def verifier(verify_key: bytes, secret: str) -> str:
    """What the invitation stores for its link token or letter code (64 hex digits).

    Depends only on ``SECRET_KEY``, not on the panel's keys, so a link keeps
    opening the member's results page after close.
    """
    return _keyed_hash(verify_key, "verify", secret)


def verify(verify_key: bytes, secret: str, expected: str) -> bool:
    """Whether ``secret`` matches a stored verifier, compared in constant time."""
    return hmac.compare_digest(verifier(verify_key, secret), expected)


def draft_lookup(answer_key: bytes, token: str) -> str:
    """The key under which a member's draft is stored (64 hex digits).

    Unrelated to the verifier of the same token: a draft row cannot be matched to
    an invitation without the token and the panel's answer key.
    """
    return _keyed_hash(subkey(answer_key, DRAFT_LOOKUP_LABEL), "draft", token)


def done_lookup(answer_key: bytes, token: str) -> str:
    """Where a device keeps the note that it submitted (64 hex digits).

    Stored like a draft (same table, same fixed size) but under its own
    purpose, so saving a page can never overwrite it.
    """
    return _keyed_hash(subkey(answer_key, DRAFT_LOOKUP_LABEL), "done", token)


DEVICE_SEPARATOR = "\x1f"  # a control character: in no token, code or device secret


def device_bound(secret: str, device: str) -> str:
    """A member's link token or letter code bound to one browser's device secret.

    Drafts and the "submitted here" note are keyed with this, never with the
    secret alone: whoever else holds the code (the board that printed the
    letter, a volunteer entering a paper form) has another device secret, so
    finds no draft and cannot tell whether the member submitted.
    """
    if not secret or not device:
        raise CryptoError("binding to a device needs the secret and the device secret")
    return f"{secret}{DEVICE_SEPARATOR}{device}"


def receipt(answer_key: bytes, token: str) -> str:
    """The one-response receipt (64 hex digits): unique in the database, so a second
    submission with the same token fails on the constraint and stores nothing."""
    return _keyed_hash(subkey(answer_key, RECEIPT_LABEL), "receipt", token)
