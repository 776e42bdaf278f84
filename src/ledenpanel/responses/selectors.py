"""Reads for answering: which session a secret opens, and where it stands.

Nothing here asks whether a secret has a receipt: what a page shows depends
only on this device's own rows, so a code holder cannot tell whether the
member already answered (docs/anonymity.md §4).
"""

from __future__ import annotations

from datetime import datetime

from django.db import connection

from ledenpanel.invitations import crypto
from ledenpanel.invitations.keyring import verify_key
from ledenpanel.kernel.questionnaire.schema import Questionnaire
from ledenpanel.panels.models import Panel, PanelState, QuestionnaireVersion
from ledenpanel.responses.lookup import invitation_for_verifier
from ledenpanel.responses.sessions import (
    STATE_SQL,
    AnsweringSession,
    AnsweringState,
    SavedDraft,
    done_note_parse,
    sealed_decrypt,
)

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


def answering_session_for_secret(*, secret: str, device: str = "") -> AnsweringSession | None:
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


def answering_session_for_open_link(*, panel: Panel, secret: str) -> AnsweringSession | None:
    """A non-member's session on a panel's open link (``secret`` from their cookie)."""
    if panel.approved_version is None or not secret:
        return None
    return AnsweringSession(panel, secret, approved_questionnaire(panel.approved_version))


def answering_is_open(*, session: AnsweringSession) -> bool:
    """Whether the session's panel takes answers (checked before any key is read)."""
    return session.panel.state == PanelState.OPEN


def answering_state_get(*, session: AnsweringSession) -> AnsweringState:
    """This device's draft (empty on a first visit) and whether it submitted, in one query."""
    with connection.cursor() as cursor:
        cursor.execute(STATE_SQL, [session.draft_lookup, session.done_lookup])
        draft_blob, done_blob = cursor.fetchone()
    done = done_note_parse(session, bytes(done_blob) if done_blob is not None else None)
    if draft_blob is None:
        return AnsweringState(SavedDraft(), done)
    data = sealed_decrypt(session, bytes(draft_blob))
    draft = SavedDraft(
        answers=data["answers"],
        page=data["page"],
        evaluation=data.get("evaluation") or {},
        honeypot=bool(data.get("honeypot")),
    )
    return AnsweringState(draft, done)
