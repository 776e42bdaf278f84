"""The cryptographic core of the anonymity boundary (pure: no Django).

Who holds what (see ``docs/anonymity.md``):

- the **key directory** holds each open panel's :class:`PanelKeys` (link key,
  answer key, envelope private key) — written when the panel opens, destroyed at
  close;
- the **application** derives the verifier key from ``SECRET_KEY``
  (:func:`derive_verify_key`) — the only key that outlives a panel;
- the **database** holds only what these functions output: verifiers, draft
  lookups and encrypted drafts, receipts, sealed envelopes, the panel's public
  key.

Typical use::

    keys = KeyStore(key_dir).get_or_create(panel_id)          # worker, at open
    token = link_token(keys.link_key, invitation_ref)         # worker, e-mail run
    code = letter_code(keys.link_key, invitation_ref)         # worker, letter run
    stored = verifier(verify_key, token)                      # on the invitation
    held = device_bound(token, device_secret)                 # web: the member's browser
    lookup = draft_lookup(keys.answer_key, held)              # web, saving a page
    envelope = seal_answers(panel_public_key, payload, size=panel.sealed_size)  # at submit
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
from .drafts import DRAFT_OVERHEAD, decrypt_draft, encrypt_draft
from .envelopes import SEAL_OVERHEAD, open_envelope, random_order, seal_answers
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
    DRAFT_LOOKUP_LABEL,
    RECEIPT_LABEL,
    VERIFY_LABEL,
    PanelKeys,
    derive_key,
    derive_verify_key,
    subkey,
)
from .keystore import KeyStore
from .lookups import device_bound, done_lookup, draft_lookup, receipt, verifier, verify
from .padding import PayloadTooLarge, pad, unpad

__all__ = [
    "CODE_ALPHABET",
    "CODE_BITS",
    "CODE_DATA_LENGTH",
    "CODE_LENGTH",
    "DRAFT_LOOKUP_LABEL",
    "DRAFT_OVERHEAD",
    "LINK_TOKEN_LENGTH",
    "RECEIPT_LABEL",
    "SEAL_OVERHEAD",
    "VERIFY_LABEL",
    "CryptoError",
    "DraftError",
    "EnvelopeError",
    "InvalidCode",
    "KeyStore",
    "KeyStoreError",
    "KeysDestroyed",
    "KeysMissing",
    "PanelKeys",
    "PayloadTooLarge",
    "check_character",
    "decrypt_draft",
    "derive_key",
    "derive_verify_key",
    "device_bound",
    "done_lookup",
    "draft_lookup",
    "encrypt_draft",
    "format_code",
    "is_link_token",
    "is_valid_code",
    "letter_code",
    "link_token",
    "normalise_code",
    "open_envelope",
    "pad",
    "random_order",
    "receipt",
    "seal_answers",
    "subkey",
    "unpad",
    "verifier",
    "verify",
]
