"""Opening a panel: snapshot the population, draw, apply the cap, create invitations."""

from __future__ import annotations

import secrets
from datetime import date

from django.db import transaction
from django.utils import timezone

from ledenpanel.invitations import crypto
from ledenpanel.invitations.keyring import key_store, verify_key
from ledenpanel.invitations.models import Channel, Invitation, PanelOpening, new_ref
from ledenpanel.invitations.sampling import band_counts
from ledenpanel.invitations.selectors import Eligible, opening_plan
from ledenpanel.kernel.questionnaire.capacity import sealed_size
from ledenpanel.kernel.questionnaire.schema import Questionnaire
from ledenpanel.organisations.models import Unit
from ledenpanel.panels.models import Panel


def background_of(person: Eligible, branch_codes: dict[int, str]) -> dict[str, str]:
    """The fine bands sealed with a member's answers (coarsened at close)."""
    age, gender, region, tenure = person.bands
    return {
        "age": age,
        "gender": gender,
        "region": region,
        "branch": branch_codes.get(person.branch_id, ""),
        "tenure": tenure,
    }


def _secret(keys: crypto.PanelKeys, invitation: Invitation) -> str:
    if invitation.channel == Channel.EMAIL:
        return crypto.link_token(keys.link_key, invitation.ref)
    return crypto.letter_code(keys.link_key, invitation.ref, attempt=invitation.code_attempt)


def _set_unique_verifiers(
    invitations: list[Invitation], keys: crypto.PanelKeys, verifying: bytes
) -> None:
    """Give every invitation a verifier no other invitation of any panel has.

    Letter codes carry 45 bits, and all panels share one verifier space: rare
    collisions are resolved by deriving the code again with the next attempt.
    """
    for invitation in invitations:
        invitation.verifier = crypto.verifier(verifying, _secret(keys, invitation))
    taken = set(
        Invitation.objects.filter(
            verifier__in=[invitation.verifier for invitation in invitations]
        ).values_list("verifier", flat=True)
    )
    for invitation in invitations:
        while invitation.verifier in taken:
            if invitation.channel == Channel.EMAIL:
                invitation.ref = new_ref()
            else:
                invitation.code_attempt += 1
            invitation.verifier = crypto.verifier(verifying, _secret(keys, invitation))
        taken.add(invitation.verifier)


def _fix_addresses(invitations: list[Invitation], eligible: dict[int, Eligible]) -> None:
    """Record which address each email invitation is for (``address_digest``)."""
    for invitation in invitations:
        if invitation.channel == Channel.EMAIL:
            invitation.address_digest = Invitation.digest_address(
                invitation.ref, eligible[invitation.member_id].email
            )


def new_seed() -> int:
    """A fresh seed for a draw: 62 random bits, recorded with the opening."""
    return secrets.randbits(62)


@transaction.atomic
def panel_open_invitations(
    *, panel: Panel, today: date | None = None, seed: int | None = None
) -> PanelOpening:
    """Create the panel's invitations; the e-mail and letter runs send them.

    The plan (population, draw, cap) is the same one the confirmation page
    previewed with this seed. The population snapshot (band counts before
    sampling and the cap) is what the analysis weights to; the seed is
    recorded so the draw can be repeated.
    """
    plan = opening_plan(
        panel=panel,
        today=today or timezone.localdate(),
        seed=new_seed() if seed is None else seed,
    )
    eligible = {person.member_id: person for person in plan.population.eligible}
    keys = key_store().get_or_create(str(panel.public_id))
    if panel.approved_version is not None:  # without one, nobody can answer anyway
        # One size for every draft and envelope of the panel, from the questionnaire
        # as approved: its structure (and so the size) stays put during fieldwork.
        definition = panel.approved_version.definition
        panel.sealed_size = sealed_size(Questionnaire.from_dict(definition))
        panel.save(update_fields=["sealed_size"])
    verifying = verify_key()
    branch_codes = dict(Unit.objects.values_list("id", "code"))
    invitations = [
        Invitation(
            panel=panel,
            member_id=member_id,
            ref=new_ref(),
            channel=eligible[member_id].channel,
            background=background_of(eligible[member_id], branch_codes),
        )
        for member_id in plan.invited
    ]
    _set_unique_verifiers(invitations, keys, verifying)
    _fix_addresses(invitations, eligible)
    Invitation.objects.bulk_create(invitations, batch_size=2000)
    return PanelOpening.objects.create(
        panel=panel,
        seed=plan.seed,
        population_size=plan.population_size,
        population_bands=band_counts([person.bands for person in plan.population.eligible]),
        excluded=dict(plan.population.excluded),
        sampled=len(plan.drawn),
        skipped_by_cap=len(plan.skipped),
    )
