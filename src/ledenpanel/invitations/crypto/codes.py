"""Link tokens and letter codes, derived from a panel's link key.

Both are deterministic per invitation (HMAC-SHA256 of the invitation's reference
under the panel's link key), so a reminder or a reprinted letter rebuilds exactly
the same link or code without the database ever holding one.

Letter codes use a 23-character alphabet without look-alikes and end in a check
character (a weighted sum modulo the prime 23, the ISBN-10 construction) that
catches every single wrong character and every swap of two different characters,
adjacent or not, before any database lookup.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
import re
import unicodedata

from .errors import CryptoError, InvalidCode

LINK_TOKEN_BYTES = 16  # 128 bits
LINK_TOKEN_LENGTH = 22  # base64url characters, no padding

# Digits and capitals minus 0 O Q (round), 1 I L (stroke), 2 Z, 5 S, 8 B, and V
# (U/V in handwriting): 23 characters. 23 is prime, which the check character needs.
CODE_ALPHABET = "34679ACDEFGHJKMNPRTUWXY"
CODE_DATA_LENGTH = 10  # random characters; a check character follows
CODE_LENGTH = CODE_DATA_LENGTH + 1
CODE_BITS = CODE_DATA_LENGTH * math.log2(len(CODE_ALPHABET))  # ≈ 45.2
CODE_GROUPS = (4, 4, 3)  # shown as ACDE-FGHJ-KMN

_BASE = len(CODE_ALPHABET)
_VALUE = {c: i for i, c in enumerate(CODE_ALPHABET)}
# Weights 2..11 on the data characters and 1 on the check character: all distinct
# and non-zero modulo 23, so any substitution or any transposition changes the sum.
_WEIGHTS = (*range(2, CODE_DATA_LENGTH + 2), 1)
# A character that can only be a misreading of one alphabet character is mapped to
# it. 0/O/Q, 1/I/L, 2/Z, 5/S and 8/B have no unique counterpart: they are refused.
_CONFUSIONS = {"V": "U"}
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−]+")
_LINK_TOKEN = re.compile(r"[A-Za-z0-9_-]{21}[AQgw]")  # 16 bytes: last char has 2 bits
_MAX_INPUT = 64


def _mac(link_key: bytes, message: str) -> bytes:
    if len(link_key) < 32:
        raise CryptoError("a link key is 32 bytes")
    return hmac.new(link_key, message.encode(), hashlib.sha256).digest()


def link_token(link_key: bytes, invitation_ref: str) -> str:
    """The invitation's link token: 128 bits, URL-safe base64 without padding."""
    if not invitation_ref:
        raise CryptoError("a link token needs an invitation reference")
    digest = _mac(link_key, f"link:{invitation_ref}")[:LINK_TOKEN_BYTES]
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def is_link_token(text: str) -> bool:
    """Whether ``text`` has the shape of a link token (checked before any lookup)."""
    return _LINK_TOKEN.fullmatch(text) is not None


def _weighted_sum(chars: str) -> int:
    return sum(w * _VALUE[c] for w, c in zip(_WEIGHTS, chars, strict=False))


def check_character(data: str) -> str:
    """The check character for ten data characters: the one that makes the
    weighted sum of all eleven a multiple of 23."""
    if len(data) != CODE_DATA_LENGTH or any(c not in _VALUE for c in data):
        raise CryptoError(f"a check character is computed over {CODE_DATA_LENGTH} code characters")
    return CODE_ALPHABET[-_weighted_sum(data) % _BASE]


def is_valid_code(compact: str) -> bool:
    """Whether a compact code has the right length, alphabet and check character."""
    return (
        len(compact) == CODE_LENGTH
        and all(c in _VALUE for c in compact)
        and _weighted_sum(compact) % _BASE == 0
    )


def letter_code(link_key: bytes, invitation_ref: str, *, attempt: int = 0) -> str:
    """The invitation's letter code: ten random characters and a check character.

    Returned compact (``ACDEFGHJKMN``); :func:`format_code` groups it for print.
    Codes of all panels share one verifier space, so a new code can collide with a
    stored verifier (about N²/2·23¹⁰ for N codes ever made); on a unique-constraint
    violation, store ``attempt + 1`` on the invitation and derive again.
    """
    if not invitation_ref:
        raise CryptoError("a letter code needs an invitation reference")
    if attempt < 0:
        raise CryptoError("attempt counts from 0")
    number = int.from_bytes(_mac(link_key, f"code:{attempt}:{invitation_ref}"), "big")
    chars = []
    for _ in range(CODE_DATA_LENGTH):  # 256 bits mod 23**10: bias below 2**-210
        number, digit = divmod(number, _BASE)
        chars.append(CODE_ALPHABET[digit])
    data = "".join(chars)
    return data + check_character(data)


def format_code(code: str) -> str:
    """Group a compact code for print and screens: ``ACDE-FGHJ-KMN``."""
    parts, start = [], 0
    for size in CODE_GROUPS:
        parts.append(code[start : start + size])
        start += size
    return "-".join(parts)


def normalise_code(text: str) -> str:
    """A typed code in compact canonical form, or :class:`InvalidCode`.

    Accepts lower case, spaces and hyphens (any dash), full-width characters and V
    for U; refuses characters that occur in no code and codes whose check
    character does not match, so a typo never reaches the database.
    """
    if len(text) > _MAX_INPUT:
        raise InvalidCode("length", f"a code has {CODE_LENGTH} characters")
    compact = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()
    compact = "".join(_CONFUSIONS.get(c, c) for c in compact)
    wrong = sorted({c for c in compact if c not in _VALUE})
    if wrong:
        raise InvalidCode("character", f"codes never contain {', '.join(wrong)}")
    if len(compact) != CODE_LENGTH:
        raise InvalidCode("length", f"a code has {CODE_LENGTH} characters, not {len(compact)}")
    if _weighted_sum(compact) % _BASE:
        raise InvalidCode("check", "the code contains a typing error")
    return compact
