"""Writes for answering: saving a draft, submitting, follow-up choices.

A submitted answer is sealed with the panel's public key until close and
padded to the panel's one size (docs/anonymity.md). A non-member answering
through the panel's open link (``responses.open_mode``) goes through the same
functions: their browser's random secret plays the part of the link token,
and their session has no invitation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction

from ledenpanel.invitations import crypto
from ledenpanel.invitations.models import Invitation
from ledenpanel.responses.answering import Answer, AnswerError, check_complete, drop_hidden
from ledenpanel.responses.models import Draft, Envelope, Receipt
from ledenpanel.responses.selectors import answering_state_get
from ledenpanel.responses.sessions import (
    AnsweringSession,
    DoneNote,
    done_note_write,
    sealed_encrypt,
    sealed_upsert,
)


@dataclass(frozen=True)
class Submitted:
    """The outcome of :func:`answers_submit`: the required questions still missing, if any.

    ``counted`` is for callers that are not a member's page (the demo, tests):
    a page must look the same whether or not the submission counted.
    """

    missing: list[AnswerError]
    counted: bool = False


def draft_save(
    *,
    session: AnsweringSession,
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
    sealed_upsert(session, session.draft_lookup, sealed_encrypt(session, content))
    return answers


@transaction.atomic
def draft_discard(*, session: AnsweringSession) -> None:
    """Drop a draft without submitting (an open-link bot caught by the honeypot).

    The browser is left done, as after a real submit, so the bot learns nothing.
    """
    Draft.objects.filter(lookup=session.draft_lookup).delete()
    done_note_write(session, DoneNote(counted=False))


def envelope_payload(
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


def answers_submit(
    *,
    session: AnsweringSession,
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
        envelope_payload(
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
            done_note_write(session, DoneNote(counted=True))
            Draft.objects.filter(lookup=session.draft_lookup).delete()
    except IntegrityError:
        with transaction.atomic():
            # A second click finds the first click's note (which counted): keep it.
            if answering_state_get(session=session).done is None:
                done_note_write(session, DoneNote(counted=False))
            Draft.objects.filter(lookup=session.draft_lookup).delete()
        return Submitted(missing=[], counted=False)
    return Submitted(missing=[], counted=True)


class FollowUpRecorder(Protocol):
    def __call__(
        self, *, invitation: Invitation, keep_informed: bool, join_network: bool
    ) -> Any: ...


# The followup app (above this one) keeps the member's choices; it registers
# where they go when it loads (``followup.apps``).
_FOLLOW_UP_RECORDER: list[FollowUpRecorder] = []


def follow_up_recorder_register(recorder: FollowUpRecorder) -> None:
    """Let ``recorder`` keep the follow-up choices of submissions that counted."""
    _FOLLOW_UP_RECORDER[:] = [recorder]


@transaction.atomic
def follow_up_set(
    *, session: AnsweringSession, keep_informed: bool, join_network: bool
) -> DoneNote:
    """Record (or withdraw, when both are off) the follow-up choices made on this device.

    The device's note always keeps them, so the page shows what was chosen
    here. Only the device whose submission counted changes the member's
    record: whoever else holds the code cannot change (or learn) the member's
    choices.
    """
    if session.invitation is None:
        raise ValueError("an open-link session has no member to follow up")
    if not _FOLLOW_UP_RECORDER:
        raise ImproperlyConfigured("nothing is registered to keep follow-up choices")
    note = answering_state_get(session=session).done
    if note is None:
        raise ValueError("follow-up choices come after submitting")
    note = DoneNote(counted=note.counted, keep_informed=keep_informed, join_network=join_network)
    done_note_write(session, note)
    if note.counted:
        _FOLLOW_UP_RECORDER[0](
            invitation=session.invitation, keep_informed=keep_informed, join_network=join_network
        )
    return note
