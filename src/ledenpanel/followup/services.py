"""Writes of the follow-up app."""

from __future__ import annotations

from django.db import transaction

from ledenpanel.followup.models import FollowUpConsent
from ledenpanel.invitations.models import Invitation


@transaction.atomic
def follow_up_consent_record(
    *, invitation: Invitation, keep_informed: bool, join_network: bool
) -> FollowUpConsent | None:
    """Keep the member's follow-up choices; both off withdraws them (no row at all).

    Called by ``responses.services.follow_up_set`` only for the device whose
    submission counted, so whoever else holds the member's code cannot write
    here.
    """
    if not (keep_informed or join_network):
        FollowUpConsent.objects.filter(invitation=invitation).delete()
        return None
    consent, _created = FollowUpConsent.objects.update_or_create(
        invitation=invitation,
        defaults={"keep_informed": keep_informed, "join_network": join_network},
    )
    return consent
