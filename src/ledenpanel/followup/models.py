from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ledenpanel.invitations.models import Invitation


class FollowUpConsent(models.Model):
    """A member's choices on the thank-you page, kept apart from the answers.

    They reveal that the member took part, never what they answered; the
    member can change or withdraw them through the same link. No time is kept:
    a change time would say roughly when the member answered, and kept after
    close it could be set against anything else that is timed.
    """

    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, related_name="follow_up"
    )
    keep_informed = models.BooleanField(_("Houd mij op de hoogte van de uitslag"), default=False)
    join_network = models.BooleanField(
        _("Ik wil meedoen in een netwerk over dit onderwerp"), default=False
    )

    class Meta:
        db_table = "invitations_followupconsent"  # made by invitations; only the state moved

    def __str__(self) -> str:
        return f"follow-up for {self.invitation_id}"
