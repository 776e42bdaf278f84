"""Opening a panel: snapshot the population, draw, apply the cap, create invitations."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ledenpanel.invitations import crypto
from ledenpanel.invitations.models import Channel, Invitation, PanelOpening, new_ref
from ledenpanel.invitations.sampling import (
    Candidate,
    band_counts,
    simple_random_sample,
    stratified_sample,
)
from ledenpanel.invitations.selectors import (
    Eligible,
    cap_inputs,
    panel_population,
    planned_panel,
)
from ledenpanel.organisations.models import Unit
from ledenpanel.panels.coordination.cap import members_over_cap
from ledenpanel.panels.models import Panel, PopulationKind
from ledenpanel.panels.selectors import party_settings_get


def key_store() -> crypto.KeyStore:
    return crypto.KeyStore(settings.KEY_DIR)


def verify_key() -> bytes:
    return crypto.derive_verify_key(settings.SECRET_KEY)


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


def _draw(panel: Panel, candidates: list[Candidate], seed: int) -> list[int]:
    if panel.population_kind == PopulationKind.RANDOM:
        return simple_random_sample(candidates, panel.sample_size or 0, seed=seed)
    if panel.population_kind == PopulationKind.STRATIFIED:
        return stratified_sample(candidates, panel.sample_size or 0, seed=seed)
    return sorted(candidate.member_id for candidate in candidates)


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


@transaction.atomic
def panel_open_invitations(
    *, panel: Panel, today: date | None = None, seed: int | None = None
) -> PanelOpening:
    """Create the panel's invitations; the e-mail and letter runs send them.

    The population snapshot (band counts before sampling and the cap) is what
    the analysis weights to. The seed is recorded so the draw can be repeated.
    """
    today = today or timezone.localdate()
    seed = secrets.randbits(62) if seed is None else seed
    population = panel_population(panel=panel, on=today)
    eligible = {person.member_id: person for person in population.eligible}
    candidates = [
        Candidate(person.member_id, (person.bands[2], person.bands[0]))  # region, age band
        for person in population.eligible
    ]
    drawn = _draw(panel, candidates, seed)

    party = party_settings_get()
    since = today - timedelta(days=round(party.invitation_cap_months * 30.44))
    invited, competing = cap_inputs(panel=panel, member_ids=drawn, since=since)
    skipped = members_over_cap(
        opening=planned_panel(panel),
        members=drawn,
        invited_in_window=invited,
        competing=competing,
        cap=party.invitation_cap,
    )

    keys = key_store().get_or_create(str(panel.public_id))
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
        for member_id in drawn
        if member_id not in skipped
    ]
    _set_unique_verifiers(invitations, keys, verifying)
    Invitation.objects.bulk_create(invitations, batch_size=2000)
    return PanelOpening.objects.create(
        panel=panel,
        seed=seed,
        population_size=len(population.eligible),
        population_bands=band_counts([person.bands for person in population.eligible]),
        excluded=dict(population.excluded),
        sampled=len(drawn),
        skipped_by_cap=len(skipped),
    )
