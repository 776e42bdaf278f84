"""Padding every ciphertext of a panel to one fixed size.

A ciphertext's length is visible to whoever reads the database, a backup or
the write-ahead log, before and after the keys are destroyed. If it grew with
the content (a long open answer, one more page saved), a reader could pair a
member's draft history or sealed envelope with the response written at close
that has the same amount of text. So every draft and every envelope of a panel
is padded to the same ``size``, chosen when the panel opens from the largest
answer its questionnaire allows (``kernel.questionnaire.capacity``): a 4-byte
big-endian length, the payload, zeros. A payload that does not fit is refused;
the answering pages keep answers within the limits that guarantee it fits.
"""

from __future__ import annotations

from .errors import CryptoError, EnvelopeError

LENGTH_BYTES = 4


class PayloadTooLarge(CryptoError):
    """The payload does not fit the panel's fixed size (a bug in the limits)."""


def pad(payload: bytes, size: int) -> bytes:
    """Length prefix, payload, zeros: exactly ``size`` bytes whatever the payload."""
    if size < LENGTH_BYTES + 1 or size >= 2**31:
        raise CryptoError("a padded size holds the length prefix and at least a byte")
    if len(payload) + LENGTH_BYTES > size:
        raise PayloadTooLarge(f"payload of {len(payload)} bytes does not fit in {size}")
    body = len(payload).to_bytes(LENGTH_BYTES, "big") + payload
    return body + bytes(size - len(body))


def unpad(padded: bytes) -> bytes:
    """The payload back from :func:`pad`; checks the length and the zero padding."""
    if len(padded) < LENGTH_BYTES:
        raise EnvelopeError("padded payload is too short")
    length = int.from_bytes(padded[:LENGTH_BYTES], "big")
    end = LENGTH_BYTES + length
    if end > len(padded) or any(padded[end:]):
        raise EnvelopeError("padded payload is malformed")
    return padded[LENGTH_BYTES:end]
