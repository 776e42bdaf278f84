"""Keyed hashes the database stores instead of secrets: verifiers, draft lookups, receipts.

Each is HMAC-SHA256 under its own :class:`~.keys.AppKeys` key *and* with its own
purpose prefix in the message, so even a caller who passed one key to all three
would get unrelated values. The keys come from ``SECRET_KEY``, which is not in the
database or its backups: the database alone cannot test a guessed code offline.
"""

from __future__ import annotations

import hashlib
import hmac

from .errors import CryptoError


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


def draft_lookup(draft_lookup_key: bytes, token: str) -> str:
    """The key under which a member's draft is stored (64 hex digits).

    Unrelated to the verifier of the same token: a draft row cannot be matched to
    an invitation without the token.
    """
    return _keyed_hash(draft_lookup_key, "draft", token)


def receipt(receipt_key: bytes, token: str) -> str:
    """The one-response receipt (64 hex digits): unique in the database, so a second
    submission with the same token fails on the constraint and stores nothing."""
    return _keyed_hash(receipt_key, "receipt", token)
