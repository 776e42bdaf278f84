"""Simulated members answering an open panel through the real answering services.

Each simulated member uses their own link token or letter code (derived from
the panel's key exactly as the e-mail and letter runs derive it), so the
answers arrive as sealed envelopes with receipts, drafts are encrypted, and
the close procedure has real work to do.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from ledenpanel.demo import answers as sim
from ledenpanel.invitations import crypto
from ledenpanel.invitations.keyring import key_store
from ledenpanel.invitations.models import (
    Channel,
    DeliveryStatus,
    Invitation,
    LetterBatch,
    LetterState,
)
from ledenpanel.kernel.questionnaire.schema import Questionnaire
from ledenpanel.panels.models import Panel
from ledenpanel.responses import device
from ledenpanel.responses import selectors as answering_reads
from ledenpanel.responses import services as answering
from ledenpanel.responses.sessions import AnsweringSession

EVALUATION = {
    "clear": (("ja", 0.78), ("enigszins", 0.19), ("nee", 0.03)),
    "length": (("te_kort", 0.06), ("goed", 0.8), ("te_lang", 0.14)),
    "again": (("ja", 0.7), ("misschien", 0.25), ("nee", 0.05)),
}


def secret_for(keys: crypto.PanelKeys, invitation: Invitation) -> str:
    """The member's link token or letter code, as the mail and letter runs make it."""
    if invitation.channel == Channel.EMAIL:
        return crypto.link_token(keys.link_key, invitation.ref)
    return crypto.letter_code(keys.link_key, invitation.ref, attempt=invitation.code_attempt)


def _evaluation(rng: random.Random) -> dict[str, str]:
    if rng.random() < 0.4:
        return {}  # optional: many skip it
    return {
        name: rng.choices([value for value, _w in choices], [w for _v, w in choices])[0]
        for name, choices in EVALUATION.items()
        if rng.random() < 0.95
    }


def _answer(
    questionnaire: Questionnaire,
    background: Mapping[str, str],
    rng: random.Random,
    *,
    national: bool,
    stop_after: int | None = None,
) -> dict:
    traits = sim.traits_for(background, rng)
    profiles = sim.NATIONAL if national else {}
    return sim.simulate(questionnaire, traits, rng, profiles=profiles, stop_after=stop_after)


@transaction.atomic
def simulate_fieldwork(
    panel: Panel, *, submitted: int, drafts: int, seed: int, national: bool = False
) -> int:
    """``submitted`` members answer, ``drafts`` more save a page and stop.

    Who answers depends on age, membership length and channel
    (:func:`answers.response_propensity`). A member who already answered
    (a resumed run) is skipped. Returns the number of new submissions.
    """
    rng = random.Random(seed)
    # Members whose invitation bounced or failed never got the link.
    invitations = list(
        panel.invitations.exclude(
            delivery__in=[DeliveryStatus.BOUNCED, DeliveryStatus.FAILED]
        ).order_by("id")
    )
    weights = [sim.response_propensity(inv.background, inv.channel) for inv in invitations]
    chosen = sim.weighted_pick(weights, min(len(invitations), submitted + drafts), rng)
    rng.shuffle(chosen)
    if not chosen:
        return 0
    keys = key_store().read(str(panel.public_id))
    # The first member goes the whole way a link goes; for the others the
    # invitation and questionnaire are already at hand, so their sessions are
    # built directly (it saves a query and a parse per member).
    first = answering_reads.answering_session_for_secret(
        secret=secret_for(keys, invitations[chosen[0]])
    )
    if (
        first is None
        or first.invitation is None
        or first.invitation.pk != invitations[chosen[0]].pk
    ):
        raise RuntimeError("a simulated member's secret does not open the panel")
    questionnaire = first.questionnaire
    panel = first.panel
    count = 0
    for place, index in enumerate(chosen):
        invitation = invitations[index]
        invitation.panel = panel
        session = AnsweringSession(
            panel=panel,
            secret=secret_for(keys, invitation),
            questionnaire=questionnaire,
            invitation=invitation,
            device=device.new_device_secret(),  # each member on a browser of their own
        )
        session.__dict__["keys"] = keys  # read once for the whole run
        if place >= submitted:
            partial = _answer(
                questionnaire, invitation.background, rng, national=national, stop_after=1
            )
            answering.draft_save(session=session, answers=partial, page=1)
            continue
        answers = _answer(questionnaire, invitation.background, rng, national=national)
        # A few letter members sent the paper form back; a volunteer entered it.
        assisted = invitation.channel == Channel.LETTER and rng.random() < 0.06
        submitted_now = answering.answers_submit(
            session=session, answers=answers, assisted=assisted, evaluation=_evaluation(rng)
        )
        if submitted_now.missing:
            missing = submitted_now.missing[:3]
            raise RuntimeError(f"simulated answers miss required questions: {missing}")
        if not submitted_now.counted:
            continue  # a resumed run: this member answered before
        _follow_up(session, rng)
        count += 1
    return count


def _follow_up(session: AnsweringSession, rng: random.Random) -> None:
    keep_informed, join_network = rng.random() < 0.45, rng.random() < 0.07
    if keep_informed or join_network:
        answering.follow_up_set(
            session=session, keep_informed=keep_informed, join_network=join_network
        )


@transaction.atomic
def mark_delivered(panel: Panel, *, seed: int) -> None:
    """Record the mail and letter runs of a panel the demo closes at once.

    Running them would render thousands of e-mails and letters nobody reads;
    a few e-mail addresses bounce and a few fail, as in a real run.
    """
    rng = random.Random(seed + 1)
    ids = list(panel.invitations.filter(channel=Channel.EMAIL).order_by("id").values_list("id"))
    bounced = [pk for (pk,) in ids if rng.random() < 0.012]
    failed = [pk for (pk,) in ids if rng.random() < 0.003]
    pending = Invitation.objects.filter(
        panel=panel, channel=Channel.EMAIL, delivery=DeliveryStatus.PENDING
    )
    pending.filter(id__in=bounced).update(
        delivery=DeliveryStatus.BOUNCED, delivery_error="550 5.1.1 mailbox unavailable"
    )
    pending.filter(id__in=failed).update(
        delivery=DeliveryStatus.FAILED, delivery_error="451 4.4.1 connection timed out"
    )
    pending.update(delivery=DeliveryStatus.SENT)
    # A letter is delivered when its file is made; the files are deleted at close.
    LetterBatch.objects.filter(panel=panel, state=LetterState.QUEUED).update(
        state=LetterState.DONE, finished_at=timezone.now()
    )
