"""Exceptions of the crypto package: one base class, one subclass per failure."""

from __future__ import annotations


class CryptoError(Exception):
    """Base class: anything this package refuses or cannot do."""


class InvalidCode(CryptoError, ValueError):
    """A typed letter code is not a valid code (caught before any lookup).

    ``reason`` is one of ``"length"``, ``"character"`` or ``"check"`` so a view can
    show a specific message in the member's language.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class DraftError(CryptoError):
    """A draft cannot be decrypted: wrong token, wrong panel, or tampered with."""


class EnvelopeError(CryptoError):
    """A sealed envelope cannot be opened: wrong key, truncated or tampered with."""


class KeyStoreError(CryptoError):
    """The key directory refuses an operation (unsafe permissions, bad id, overwrite)."""


class KeysMissing(KeyStoreError, LookupError):
    """No keys for this panel were ever written here (or the file was lost)."""


class KeysDestroyed(KeysMissing):
    """The panel's keys were destroyed at close; they can never be loaded again."""
