"""Answering without an account: a member's link or code, or an open-link browser.

Everything secret stays out of the database: the link or code is checked
against its keyed verifier, saved pages are encrypted under the panel's
answer key and the member's secret bound to their browser, every draft and
envelope is padded to the panel's one size, and a submitted answer is sealed
with the panel's public key until close (docs/anonymity.md).

A non-member answering through the panel's open link (``responses.open_mode``)
goes through the same functions: their browser's random secret plays the part
of the link token, and their session has no invitation.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from django.db import IntegrityError, connection, transaction

from ledenpanel.invitations import crypto
from ledenpanel.invitations.models import FollowUpConsent, Invitation
from ledenpanel.invitations.services import key_store, verify_key
from ledenpanel.kernel.questionnaire import capacity
from ledenpanel.kernel.questionnaire.schema import Questionnaire
from ledenpanel.panels.models import Panel, PanelState, QuestionnaireVersion
from ledenpanel.responses.answering import Answer, AnswerError, check_complete, drop_hidden
from ledenpanel.responses.lookup import invitation_for_verifier
from ledenpanel.responses.models import Draft, Envelope, Receipt


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


@dataclass(frozen=True)
class Submitted:
    """The outcome of :func:`submit`: the required questions still missing, if any.

    ``counted`` is for callers that are not a member's page (the demo, tests):
    a page must look the same whether or not the submission counted.
    """

    missing: list[AnswerError]
    counted: bool = False


# Parsed questionnaires, per process. A version is never edited (a wording fix
# makes a new version), so an entry cannot go stale; the creation time is part
# of the key because ids come back after a rolled-back transaction (tests).
_PARSED: dict[tuple[int, datetime], Questionnaire] = {}
_PARSED_MAX = 64


def approved_questionnaire(version: QuestionnaireVersion) -> Questionnaire:
    """A version's questionnaire, parsed and checked once per process, not per request.

    Callers must not change the returned object: every request shares it.
    """
    key = (version.pk, version.created_at)
    parsed = _PARSED.get(key)
    if parsed is None:
        # A deferred definition is read now, once per process.
        parsed = Questionnaire.from_dict(version.definition)
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        _PARSED[key] = parsed
    return parsed


def session_for_secret(secret: str, *, device: str = "") -> AnsweringSession | None:
    """The invitation behind a link token or letter code, if its panel has a questionnaire.

    ``device`` is the answering browser's device secret (``responses.device``);
    without it the session can find the invitation but reads or writes no draft.
    One hand-written query (``responses.lookup``) without the JSON blobs: the
    parsed version comes from :func:`approved_questionnaire`.
    """
    invitation = invitation_for_verifier(crypto.verifier(verify_key(), secret))
    if invitation is None:
        return None
    version = invitation.panel.approved_version
    if version is None:
        return None
    return AnsweringSession(
        invitation.panel, secret, approved_questionnaire(version), invitation, device=device
    )


def session_for_open_link(panel: Panel, secret: str) -> AnsweringSession | None:
    """A non-member's session on a panel's open link (``secret`` from their cookie)."""
    if panel.approved_version is None or not secret:
        return None
    return AnsweringSession(panel, secret, approved_questionnaire(panel.approved_version))


def is_open(session: AnsweringSession) -> bool:
    return session.panel.state == PanelState.OPEN


# The statements of every answering request, written out rather than built by
# the ORM (whose query compiling cost more CPU than the database's work).
# Standard SQL with quoted names: PostgreSQL and SQLite (3.24+) run them alike.
# Nothing here asks whether the secret has a receipt: what a page shows depends
# only on this device's own rows, so a code holder cannot tell whether the
# member already answered (docs/anonymity.md §4).
_STATE_SQL = (
    'SELECT (SELECT "ciphertext" FROM "responses_draft" WHERE "lookup" = %s),'
    ' (SELECT "ciphertext" FROM "responses_draft" WHERE "lookup" = %s)'
)
_UPSERT_SQL = (
    'INSERT INTO "responses_draft" ("id", "panel_id", "lookup", "ciphertext")'
    " VALUES (%s, %s, %s, %s)"
    ' ON CONFLICT ("lookup") DO UPDATE SET "ciphertext" = excluded."ciphertext"'
)


def _encrypt(session: AnsweringSession, content: dict[str, Any]) -> bytes:
    # ensure_ascii=False: a character takes at most 4 bytes, as the capacity assumes.
    plaintext = json.dumps(content, ensure_ascii=False).encode()
    return crypto.encrypt_draft(
        session.keys.answer_key, session.held, plaintext, size=session.sealed_size
    )


def _decrypt(session: AnsweringSession, ciphertext: bytes) -> dict[str, Any]:
    return json.loads(crypto.decrypt_draft(session.keys.answer_key, session.held, ciphertext))


def _upsert(session: AnsweringSession, lookup: str, blob: bytes) -> None:
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


def _done_note(session: AnsweringSession, ciphertext: bytes | None) -> DoneNote | None:
    if ciphertext is None:
        return None
    data = _decrypt(session, ciphertext)
    return DoneNote(
        counted=bool(data.get("counted")),
        keep_informed=bool(data.get("keep_informed")),
        join_network=bool(data.get("join_network")),
    )


def _note_done(session: AnsweringSession, note: DoneNote) -> None:
    content = {
        "done": True,
        "counted": note.counted,
        "keep_informed": note.keep_informed,
        "join_network": note.join_network,
    }
    _upsert(session, session.done_lookup, _encrypt(session, content))


def state_read(session: AnsweringSession) -> AnsweringState:
    """This device's draft (empty on a first visit) and whether it submitted, in one query."""
    with connection.cursor() as cursor:
        cursor.execute(_STATE_SQL, [session.draft_lookup, session.done_lookup])
        draft_blob, done_blob = cursor.fetchone()
    done = _done_note(session, bytes(done_blob) if done_blob is not None else None)
    if draft_blob is None:
        return AnsweringState(SavedDraft(), done)
    data = _decrypt(session, bytes(draft_blob))
    draft = SavedDraft(
        answers=data["answers"],
        page=data["page"],
        evaluation=data.get("evaluation") or {},
        honeypot=bool(data.get("honeypot")),
    )
    return AnsweringState(draft, done)


def draft_save(
    session: AnsweringSession,
    *,
    answers: dict[str, Answer],
    page: int,
    evaluation: dict[str, str] | None = None,
    honeypot: bool = False,
) -> dict[str, Answer]:
    """Encrypt and store the draft; returns the answers as stored (hidden ones dropped).

    One statement, the hottest write of fieldwork: an upsert (INSERT … ON
    CONFLICT DO UPDATE, PostgreSQL and SQLite alike) of a ciphertext as long
    as every other of the panel. It never looks at the receipt: a code holder
    saving pages after the member submitted is treated like anyone else.
    """
    answers = drop_hidden(session.questionnaire, answers)
    content: dict[str, Any] = {"answers": answers, "page": page}
    if evaluation:
        content["evaluation"] = evaluation
    if honeypot:
        content["honeypot"] = True
    _upsert(session, session.draft_lookup, _encrypt(session, content))
    return answers


@transaction.atomic
def draft_discard(session: AnsweringSession) -> None:
    """Drop a draft without submitting (an open-link bot caught by the honeypot).

    The browser is left done, as after a real submit, so the bot learns nothing.
    """
    Draft.objects.filter(lookup=session.draft_lookup).delete()
    _note_done(session, DoneNote(counted=False))


def sealed_payload(
    *,
    answers: dict[str, Answer],
    background: dict[str, str],
    version: int,
    assisted: bool = False,
    evaluation: dict[str, Answer] | None = None,
) -> bytes:
    """What an envelope holds; only the close procedure ever reads it.

    The background bands and the wording version travel sealed with the
    answers, so during fieldwork the database cannot tell whose answers
    came from which band, and whether a volunteer entered them.
    """
    return json.dumps(
        {
            "answers": answers,
            "background": background,
            "version": version,
            "assisted": assisted,
            "evaluation": evaluation or {},
        },
        ensure_ascii=False,
    ).encode()


def submit(
    session: AnsweringSession,
    *,
    answers: dict[str, Answer],
    assisted: bool = False,
    evaluation: dict[str, Answer] | None = None,
) -> Submitted:
    """Seal the answers for close, or return the required questions still missing.

    The first submit for a secret counts. A later one (from another device,
    whoever holds the code, or a second click) stores nothing but this
    device's note that it is done, and the answerer sees the same page: the
    page never tells whether the member had already answered.
    """
    answers = drop_hidden(session.questionnaire, answers)
    missing = check_complete(session.questionnaire, answers)
    if missing:
        return Submitted(missing=missing)
    panel = session.panel
    envelope = crypto.seal_answers(
        session.keys.public_key,
        sealed_payload(
            answers=answers,
            background=session.background,
            version=panel.approved_version.number,
            assisted=assisted,
            evaluation=evaluation,
        ),
        size=session.sealed_size,
    )
    try:
        with transaction.atomic():
            Receipt.objects.create(panel=panel, value=session.receipt)
            Envelope.objects.create(panel=panel, ciphertext=envelope, is_open=session.is_open_link)
            if session.invitation is not None:
                Invitation.objects.filter(pk=session.invitation.pk).update(responded=True)
            _note_done(session, DoneNote(counted=True))
            Draft.objects.filter(lookup=session.draft_lookup).delete()
    except IntegrityError:
        with transaction.atomic():
            # A second click finds the first click's note (which counted): keep it.
            if state_read(session).done is None:
                _note_done(session, DoneNote(counted=False))
            Draft.objects.filter(lookup=session.draft_lookup).delete()
        return Submitted(missing=[], counted=False)
    return Submitted(missing=[], counted=True)


@transaction.atomic
def follow_up_set(
    session: AnsweringSession, *, keep_informed: bool, join_network: bool
) -> DoneNote:
    """Record (or withdraw, when both are off) the follow-up choices made on this device.

    The device's note always keeps them, so the page shows what was chosen
    here. Only the device whose submission counted changes the member's
    record: whoever else holds the code cannot change (or learn) the member's
    choices.
    """
    if session.invitation is None:
        raise ValueError("an open-link session has no member to follow up")
    note = state_read(session).done
    if note is None:
        raise ValueError("follow-up choices come after submitting")
    note = DoneNote(counted=note.counted, keep_informed=keep_informed, join_network=join_network)
    _note_done(session, note)
    if not note.counted:
        return note
    if not note.chose:
        FollowUpConsent.objects.filter(invitation=session.invitation).delete()
    else:
        FollowUpConsent.objects.update_or_create(
            invitation=session.invitation,
            defaults={"keep_informed": keep_informed, "join_network": join_network},
        )
    return note
