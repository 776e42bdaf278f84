"""An answering session and the sealed rows it keeps (drafts and done notes).

Everything secret stays out of the database: the link or code is checked
against its keyed verifier, saved pages are encrypted under the panel's
answer key and the member's secret bound to their browser, and every draft
is padded to the panel's one size (docs/anonymity.md). ``selectors`` reads
these rows, ``services`` writes them; both go through the functions here.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db import connection

from ledenpanel.invitations import crypto
from ledenpanel.invitations.keyring import key_store
from ledenpanel.invitations.models import Invitation
from ledenpanel.kernel.questionnaire import capacity
from ledenpanel.kernel.questionnaire.schema import Questionnaire
from ledenpanel.panels.models import Panel
from ledenpanel.responses.answering import Answer
from ledenpanel.responses.models import Draft


@dataclass
class AnsweringSession:
    """One answerer on one panel, identified only by a secret.

    A member's session holds the invitation their link token or letter code
    verified, and their browser's device secret (``responses.device``): their
    drafts and the note that they submitted are keyed with both, so anyone
    else holding the code (the board that printed the letter, a volunteer)
    finds neither. An open-link session (a non-member) has
    ``invitation=None``, no background, and its envelope is flagged
    ``is_open``; its secret already lives in one browser only.
    """

    panel: Panel
    secret: str
    questionnaire: Questionnaire
    invitation: Invitation | None = None
    device: str = ""

    @property
    def is_open_link(self) -> bool:
        return self.invitation is None

    @property
    def background(self) -> dict[str, str]:
        return dict(self.invitation.background) if self.invitation is not None else {}

    @cached_property
    def keys(self) -> crypto.PanelKeys:
        # Read once per request; never cached across requests, so keys
        # destroyed at close stop working at once.
        return key_store().read(str(self.panel.public_id))

    @cached_property
    def held(self) -> str:
        """What keys this answerer's drafts: the secret, bound to the browser for a member."""
        if self.invitation is None:
            return self.secret
        return crypto.device_bound(self.secret, self.device)

    @cached_property
    def draft_lookup(self) -> str:
        return crypto.draft_lookup(self.keys.answer_key, self.held)

    @cached_property
    def done_lookup(self) -> str:
        return crypto.done_lookup(self.keys.answer_key, self.held)

    @cached_property
    def receipt(self) -> str:
        # Per secret, not per device: one response per invitation, whoever sends it.
        return crypto.receipt(self.keys.answer_key, self.secret)

    @cached_property
    def sealed_size(self) -> int:
        # Fixed when the panel opened; a panel opened before sizes were fixed
        # (or made open directly in a test) gets the same figure from its questionnaire.
        return self.panel.sealed_size or capacity.sealed_size(self.questionnaire)


@dataclass
class SavedDraft:
    """What a draft holds: the answers so far, where to resume, and extras."""

    answers: dict[str, Answer] = field(default_factory=dict)
    page: int = 0
    # The optional questions about the panel itself (responses.evaluation).
    evaluation: dict[str, str] = field(default_factory=dict)
    # The open link's honeypot was filled on some page: drop at submit.
    honeypot: bool = False


@dataclass(frozen=True)
class DoneNote:
    """What a browser keeps after submitting: this device is done.

    ``counted`` tells whether this device's submission is the one that
    counted (the first for the secret). Only the answering pages read it, to
    decide whether a follow-up choice made here may change the member's; the
    page itself is the same either way.
    """

    counted: bool
    keep_informed: bool = False
    join_network: bool = False

    @property
    def chose(self) -> bool:
        return self.keep_informed or self.join_network


@dataclass
class AnsweringState:
    """Where this answerer on this device stands: a draft, or done."""

    draft: SavedDraft
    done: DoneNote | None = None


# The statements of every answering request, written out rather than built by
# the ORM (whose query compiling cost more CPU than the database's work).
# Standard SQL with quoted names: PostgreSQL and SQLite (3.24+) run them alike.
# Nothing here asks whether the secret has a receipt: what a page shows depends
# only on this device's own rows, so a code holder cannot tell whether the
# member already answered (docs/anonymity.md §4).
STATE_SQL = (
    'SELECT (SELECT "ciphertext" FROM "responses_draft" WHERE "lookup" = %s),'
    ' (SELECT "ciphertext" FROM "responses_draft" WHERE "lookup" = %s)'
)
_UPSERT_SQL = (
    'INSERT INTO "responses_draft" ("id", "panel_id", "lookup", "ciphertext")'
    " VALUES (%s, %s, %s, %s)"
    ' ON CONFLICT ("lookup") DO UPDATE SET "ciphertext" = excluded."ciphertext"'
)


def sealed_encrypt(session: AnsweringSession, content: dict[str, Any]) -> bytes:
    # ensure_ascii=False: a character takes at most 4 bytes, as the capacity assumes.
    plaintext = json.dumps(content, ensure_ascii=False).encode()
    return crypto.encrypt_draft(
        session.keys.answer_key, session.held, plaintext, size=session.sealed_size
    )


def sealed_decrypt(session: AnsweringSession, ciphertext: bytes) -> dict[str, Any]:
    return json.loads(crypto.decrypt_draft(session.keys.answer_key, session.held, ciphertext))


def sealed_upsert(session: AnsweringSession, lookup: str, blob: bytes) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            _UPSERT_SQL,
            [
                Draft._meta.pk.get_db_prep_value(uuid.uuid4(), connection),
                session.panel.pk,
                lookup,
                Draft._meta.get_field("ciphertext").get_db_prep_value(blob, connection),
            ],
        )


def done_note_parse(session: AnsweringSession, ciphertext: bytes | None) -> DoneNote | None:
    if ciphertext is None:
        return None
    data = sealed_decrypt(session, ciphertext)
    return DoneNote(
        counted=bool(data.get("counted")),
        keep_informed=bool(data.get("keep_informed")),
        join_network=bool(data.get("join_network")),
    )


def done_note_write(session: AnsweringSession, note: DoneNote) -> None:
    content = {
        "done": True,
        "counted": note.counted,
        "keep_informed": note.keep_informed,
        "join_network": note.join_network,
    }
    sealed_upsert(session, session.done_lookup, sealed_encrypt(session, content))
