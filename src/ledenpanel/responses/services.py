"""Answering without an account: a member's link or code, or an open-link browser.

Everything secret stays out of the database: the link or code is checked
against its keyed verifier, saved pages are encrypted under the panel's
answer key and the member's secret, and a submitted answer is sealed with the
panel's public key until close (docs/anonymity.md).

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
from ledenpanel.panels.models import Panel, PanelState, QuestionnaireVersion
from ledenpanel.panels.questionnaire.schema import Questionnaire
from ledenpanel.responses.answering import Answer, check_complete, drop_hidden
from ledenpanel.responses.lookup import invitation_for_verifier
from ledenpanel.responses.models import Draft, Envelope, Receipt


class AlreadySubmitted(Exception):
    pass


@dataclass
class AnsweringSession:
    """One answerer on one panel, identified only by a secret.

    A member's session holds the invitation their link token or letter code
    verified; an open-link session (a non-member) has ``invitation=None``, no
    background, and its envelope is flagged ``is_open``.
    """

    panel: Panel
    secret: str
    questionnaire: Questionnaire
    invitation: Invitation | None = None
    # Whether this secret has a receipt, as far as this session has seen
    # (None: not asked yet). A session lives for one request.
    submitted: bool | None = field(default=None, repr=False)

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
    def draft_lookup(self) -> str:
        return crypto.draft_lookup(self.keys.answer_key, self.secret)

    @cached_property
    def receipt(self) -> str:
        return crypto.receipt(self.keys.answer_key, self.secret)


@dataclass
class SavedDraft:
    """What a draft holds: the answers so far, where to resume, and extras."""

    answers: dict[str, Answer] = field(default_factory=dict)
    page: int = 0
    # The optional questions about the panel itself (responses.evaluation).
    evaluation: dict[str, str] = field(default_factory=dict)
    # The open link's honeypot was filled on some page: drop at submit.
    honeypot: bool = False


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


def session_for_secret(secret: str) -> AnsweringSession | None:
    """The invitation behind a link token or letter code, if its panel has a questionnaire.

    One hand-written query (``responses.lookup``) without the JSON blobs: the
    parsed version comes from :func:`approved_questionnaire`.
    """
    invitation = invitation_for_verifier(crypto.verifier(verify_key(), secret))
    if invitation is None:
        return None
    version = invitation.panel.approved_version
    if version is None:
        return None
    return AnsweringSession(invitation.panel, secret, approved_questionnaire(version), invitation)


def session_for_open_link(panel: Panel, secret: str) -> AnsweringSession | None:
    """A non-member's session on a panel's open link (``secret`` from their cookie)."""
    if panel.approved_version is None or not secret:
        return None
    return AnsweringSession(panel, secret, approved_questionnaire(panel.approved_version))


def is_open(session: AnsweringSession) -> bool:
    return session.panel.state == PanelState.OPEN


# The two statements of every answering request, written out rather than built
# by the ORM (whose query compiling cost more CPU than the database's work).
# Standard SQL with quoted names: PostgreSQL and SQLite (3.24+) run both alike.
_STATE_SQL = (
    'SELECT EXISTS (SELECT 1 FROM "responses_receipt" WHERE "value" = %s),'
    ' (SELECT "ciphertext" FROM "responses_draft" WHERE "lookup" = %s)'
)
_SAVE_SQL = (
    'INSERT INTO "responses_draft" ("id", "panel_id", "lookup", "ciphertext")'
    " SELECT %s, %s, %s, %s"
    ' WHERE NOT EXISTS (SELECT 1 FROM "responses_receipt" WHERE "value" = %s)'
    ' ON CONFLICT ("lookup") DO UPDATE SET "ciphertext" = excluded."ciphertext"'
)


def _read_state(session: AnsweringSession) -> bytes | None:
    """Whether the secret has a receipt (kept on the session) and its draft's
    ciphertext, in one statement: every answering request starts here."""
    with connection.cursor() as cursor:
        cursor.execute(_STATE_SQL, [session.receipt, session.draft_lookup])
        submitted, ciphertext = cursor.fetchone()
    session.submitted = bool(submitted)
    return bytes(ciphertext) if ciphertext is not None else None


def draft_read(session: AnsweringSession) -> SavedDraft:
    """The saved draft (empty on a first visit)."""
    ciphertext = _read_state(session)
    if ciphertext is None:
        return SavedDraft()
    data: dict[str, Any] = json.loads(
        crypto.decrypt_draft(session.keys.answer_key, session.secret, ciphertext)
    )
    return SavedDraft(
        answers=data["answers"],
        page=data["page"],
        evaluation=data.get("evaluation") or {},
        honeypot=bool(data.get("honeypot")),
    )


def draft_load(session: AnsweringSession) -> tuple[dict[str, Answer], int]:
    """The saved answers and the page to resume on (empty on a first visit)."""
    saved = draft_read(session)
    return saved.answers, saved.page


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
    CONFLICT DO UPDATE, PostgreSQL and SQLite alike) that writes nothing once
    the secret has a receipt, so a late request after submitting leaves no
    draft behind, even one racing the submit.
    """
    keys = session.keys
    answers = drop_hidden(session.questionnaire, answers)
    content: dict[str, Any] = {"answers": answers, "page": page}
    if evaluation:
        content["evaluation"] = evaluation
    if honeypot:
        content["honeypot"] = True
    blob = crypto.encrypt_draft(keys.answer_key, session.secret, json.dumps(content).encode())
    with connection.cursor() as cursor:
        cursor.execute(
            _SAVE_SQL,
            [
                Draft._meta.pk.get_db_prep_value(uuid.uuid4(), connection),
                session.panel.pk,
                session.draft_lookup,
                Draft._meta.get_field("ciphertext").get_db_prep_value(blob, connection),
                session.receipt,
            ],
        )
    return answers


def draft_discard(session: AnsweringSession) -> None:
    """Forget a draft without submitting (an open-link bot caught by the honeypot)."""
    Draft.objects.filter(lookup=session.draft_lookup).delete()


def has_submitted(session: AnsweringSession) -> bool:
    """Whether the secret has a receipt; asked once per session (one request)."""
    if session.submitted is None:
        session.submitted = Receipt.objects.filter(value=session.receipt).exists()
    return session.submitted


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
        }
    ).encode()


def submit(
    session: AnsweringSession,
    *,
    answers: dict[str, Answer],
    assisted: bool = False,
    evaluation: dict[str, Answer] | None = None,
) -> list:
    """Seal the answers for close; returns missing required questions instead
    when there are any. A second submit raises AlreadySubmitted."""
    # A second click may arrive just after the first submit committed (and
    # deleted the draft): tell it so rather than asking for the answers again.
    if has_submitted(session):
        raise AlreadySubmitted
    answers = drop_hidden(session.questionnaire, answers)
    missing = check_complete(session.questionnaire, answers)
    if missing:
        return missing
    keys = session.keys
    panel = session.panel
    try:
        with transaction.atomic():
            Receipt.objects.create(panel=panel, value=session.receipt)
            Envelope.objects.create(
                panel=panel,
                ciphertext=crypto.seal_answers(
                    keys.public_key,
                    sealed_payload(
                        answers=answers,
                        background=session.background,
                        version=panel.approved_version.number,
                        assisted=assisted,
                        evaluation=evaluation,
                    ),
                ),
                is_open=session.is_open_link,
            )
            Draft.objects.filter(lookup=session.draft_lookup).delete()
            if session.invitation is not None:
                Invitation.objects.filter(pk=session.invitation.pk).update(responded=True)
    except IntegrityError:
        session.submitted = True
        raise AlreadySubmitted from None
    session.submitted = True
    return []


def follow_up_get(session: AnsweringSession) -> FollowUpConsent | None:
    if session.invitation is None:
        return None  # open-link answerers are not members: nothing to follow up
    return FollowUpConsent.objects.filter(invitation=session.invitation).first()


@transaction.atomic
def follow_up_set(
    session: AnsweringSession, *, keep_informed: bool, join_network: bool
) -> FollowUpConsent | None:
    """Record (or withdraw, when both are off) the member's follow-up choices."""
    if session.invitation is None:
        raise ValueError("an open-link session has no member to follow up")
    if not (keep_informed or join_network):
        FollowUpConsent.objects.filter(invitation=session.invitation).delete()
        return None
    consent, _created = FollowUpConsent.objects.update_or_create(
        invitation=session.invitation,
        defaults={"keep_informed": keep_informed, "join_network": join_network},
    )
    return consent
