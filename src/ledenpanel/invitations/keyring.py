"""The site's panel key store and link-verifying key, as the settings place them.

A leaf module (settings and ``crypto`` only), so every layer that seals,
opens or looks up can import it without pulling in the invitation services.
"""

from __future__ import annotations

from django.conf import settings

from ledenpanel.invitations import crypto


def key_store() -> crypto.KeyStore:
    """The directory of per-panel key files (``KEY_DIR``)."""
    return crypto.KeyStore(settings.KEY_DIR)


def verify_key() -> bytes:
    """The key that turns a link token into its stored verifier (from ``SECRET_KEY``)."""
    return crypto.derive_verify_key(settings.SECRET_KEY)
