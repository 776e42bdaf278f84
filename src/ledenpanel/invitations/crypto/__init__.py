"""The cryptographic core of the anonymity boundary (pure: no Django).

Who holds what (see ``docs/anonymity.md``):

- the **key directory** holds each open panel's :class:`PanelKeys` (link key,
  envelope private key) — written when the panel opens, destroyed at close;
- the **application** derives :class:`AppKeys` from ``SECRET_KEY`` — verifiers,
  draft lookups, draft encryption, receipts;
- the **database** holds only what these functions output: verifiers, draft
  lookups and encrypted drafts, receipts, sealed envelopes, the panel's public
  key and draft salt.

Typical use::

    keys = KeyStore(key_dir).get_or_create(panel_id)          # worker, at open
    token = link_token(keys.link_key, invitation_ref)         # worker, e-mail run
    code = letter_code(keys.link_key, invitation_ref)         # worker, letter run
    stored = verifier(app.verify, token)                      # on the invitation
    envelope = seal_answers(panel_public_key, payload)        # web, at submit
    payload = open_envelope(keys.private_key, envelope)       # worker, at close
    KeyStore(key_dir).destroy(panel_id)                       # worker, at close
"""

from .codes import (
    CODE_ALPHABET,
    CODE_BITS,
    CODE_DATA_LENGTH,
    CODE_LENGTH,
    LINK_TOKEN_LENGTH,
    check_character,
    format_code,
    is_link_token,
    is_valid_code,
    letter_code,
    link_token,
    normalise_code,
)
from .drafts import decrypt_draft, encrypt_draft, new_panel_salt
from .envelopes import (
    BUCKET_BYTES,
    SEAL_OVERHEAD,
    open_envelope,
    pad,
    random_order,
    seal_answers,
    unpad,
)
from .errors import (
    CryptoError,
    DraftError,
    EnvelopeError,
    InvalidCode,
    KeysDestroyed,
    KeysMissing,
    KeyStoreError,
)
from .keys import (
    DRAFT_KEY_LABEL,
    DRAFT_LOOKUP_LABEL,
    RECEIPT_LABEL,
    VERIFY_LABEL,
    AppKeys,
    PanelKeys,
    derive_key,
)
from .keystore import KeyStore
from .lookups import draft_lookup, receipt, verifier, verify

__all__ = [
    "BUCKET_BYTES",
    "CODE_ALPHABET",
    "CODE_BITS",
    "CODE_DATA_LENGTH",
    "CODE_LENGTH",
    "DRAFT_KEY_LABEL",
    "DRAFT_LOOKUP_LABEL",
    "LINK_TOKEN_LENGTH",
    "RECEIPT_LABEL",
    "SEAL_OVERHEAD",
    "VERIFY_LABEL",
    "AppKeys",
    "CryptoError",
    "DraftError",
    "EnvelopeError",
    "InvalidCode",
    "KeyStore",
    "KeyStoreError",
    "KeysDestroyed",
    "KeysMissing",
    "PanelKeys",
    "check_character",
    "decrypt_draft",
    "derive_key",
    "draft_lookup",
    "encrypt_draft",
    "format_code",
    "is_link_token",
    "is_valid_code",
    "letter_code",
    "link_token",
    "new_panel_salt",
    "normalise_code",
    "open_envelope",
    "pad",
    "random_order",
    "receipt",
    "seal_answers",
    "unpad",
    "verifier",
    "verify",
]
