"""A member answering through a personal link or letter code (no account).

Everything secret stays out of the database: the link or code is checked
against its keyed verifier, saved pages are encrypted under the panel's
answer key and the member's secret, and a submitted answer is sealed with the
panel's public key until close (docs/anonymity.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property

from django.db import IntegrityError, transaction

from ledenpanel.invitations import crypto
from ledenpanel.invitations.models import FollowUpConsent, Invitation
from ledenpanel.invitations.services import key_store, verify_key
from ledenpanel.panels.models import PanelState
from ledenpanel.panels.questionnaire.schema import Questionnaire
from ledenpanel.responses.answering import Answer, check_complete, drop_hidden
from ledenpanel.responses.models import Draft, Envelope, Receipt


class AlreadySubmitted(Exception):
    pass


@dataclass
class AnsweringSession:
    invitation: Invitation
    secret: str
    questionnaire: Questionnaire

    @cached_property
    def keys(self) -> crypto.PanelKeys:
        # Read once per request; never cached across requests, so keys
        # destroyed at close stop working at once.
        return key_store().read(str(self.invitation.panel.public_id))


def session_for_secret(secret: str) -> AnsweringSession | None:
    """The invitation behind a link token or letter code, if its panel is open."""
    invitation = (
        Invitation.objects.select_related("panel__approved_version", "panel__unit")
        .filter(verifier=crypto.verifier(verify_key(), secret))
        .first()
    )
    if invitation is None or invitation.panel.approved_version is None:
        return None
    questionnaire = Questionnaire.from_dict(invitation.panel.approved_version.definition)
    return AnsweringSession(invitation, secret, questionnaire)


def is_open(session: AnsweringSession) -> bool:
    return session.invitation.panel.state == PanelState.OPEN


def draft_load(session: AnsweringSession) -> tuple[dict[str, Answer], int]:
    """The saved answers and the page to resume on (empty on a first visit)."""
    keys = session.keys
    draft = Draft.objects.filter(
        lookup=crypto.draft_lookup(keys.answer_key, session.secret)
    ).first()
    if draft is None:
        return {}, 0
    data = json.loads(
        crypto.decrypt_draft(keys.answer_key, session.secret, bytes(draft.ciphertext))
    )
    return data["answers"], data["page"]


@transaction.atomic
def draft_save(session: AnsweringSession, *, answers: dict[str, Answer], page: int) -> None:
    if has_submitted(session):
        return  # a late request after submitting must not leave a draft behind
    keys = session.keys
    answers = drop_hidden(session.questionnaire, answers)
    blob = crypto.encrypt_draft(
        keys.answer_key,
        session.secret,
        json.dumps({"answers": answers, "page": page}).encode(),
    )
    Draft.objects.update_or_create(
        lookup=crypto.draft_lookup(keys.answer_key, session.secret),
        defaults={"panel": session.invitation.panel, "ciphertext": blob},
    )


def has_submitted(session: AnsweringSession) -> bool:
    value = crypto.receipt(session.keys.answer_key, session.secret)
    return Receipt.objects.filter(value=value).exists()


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
    panel = session.invitation.panel
    try:
        with transaction.atomic():
            Receipt.objects.create(
                panel=panel, value=crypto.receipt(keys.answer_key, session.secret)
            )
            Envelope.objects.create(
                panel=panel,
                ciphertext=crypto.seal_answers(
                    keys.public_key,
                    sealed_payload(
                        answers=answers,
                        background=session.invitation.background,
                        version=panel.approved_version.number,
                        assisted=assisted,
                        evaluation=evaluation,
                    ),
                ),
            )
            Draft.objects.filter(
                lookup=crypto.draft_lookup(keys.answer_key, session.secret)
            ).delete()
            Invitation.objects.filter(pk=session.invitation.pk).update(responded=True)
    except IntegrityError:
        raise AlreadySubmitted from None
    return []


def follow_up_get(session: AnsweringSession) -> FollowUpConsent | None:
    return FollowUpConsent.objects.filter(invitation=session.invitation).first()


@transaction.atomic
def follow_up_set(
    session: AnsweringSession, *, keep_informed: bool, join_network: bool
) -> FollowUpConsent | None:
    """Record (or withdraw, when both are off) the member's follow-up choices."""
    if not (keep_informed or join_network):
        FollowUpConsent.objects.filter(invitation=session.invitation).delete()
        return None
    consent, _created = FollowUpConsent.objects.update_or_create(
        invitation=session.invitation,
        defaults={"keep_informed": keep_informed, "join_network": join_network},
    )
    return consent
