"""Who was invited to a panel, and how the invitation was delivered.

An invitation never says what a member answered. During fieldwork it holds
a ``responded`` flag (no time) so reminders skip those who answered; at close
the flags are cleared and only aggregate counts remain (docs/anonymity.md).
"""

from __future__ import annotations

import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from ledenpanel.core.models import PublicIdModel
from ledenpanel.organisations.models import Member
from ledenpanel.panels.models import Panel


def new_ref() -> str:
    """The random reference a link token and letter code are derived from."""
    return secrets.token_hex(16)


class PanelOpening(models.Model):
    """The snapshot taken when a panel opens: population, draw and exclusions."""

    panel = models.OneToOneField(Panel, on_delete=models.CASCADE, related_name="opening")
    opened_at = models.DateTimeField(auto_now_add=True)
    # The seed makes the draw repeatable for an audit.
    seed = models.BigIntegerField()
    population_size = models.PositiveIntegerField()
    # Counts per combination of bands of the population before sampling and
    # the cap: the analysis weights to these margins.
    population_bands = models.JSONField(default=dict)
    excluded = models.JSONField(default=dict)  # reason → count
    sampled = models.PositiveIntegerField()
    skipped_by_cap = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.panel} opened"


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    LETTER = "letter", _("brief")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("nog te versturen")
    SENT = "sent", _("verstuurd")
    FAILED = "failed", _("mislukt")
    BOUNCED = "bounced", _("onbestelbaar")


class Invitation(PublicIdModel):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="invitations")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="invitations")
    ref = models.CharField(max_length=32, default=new_ref, unique=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    # Keyed hash of the link token or letter code; never the secret itself.
    verifier = models.CharField(max_length=64, unique=True)
    code_attempt = models.PositiveSmallIntegerField(default=0)
    delivery = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    # ``delivery`` and ``delivery_error`` are written by the invitation mail only
    # (the board sees them per member; reminders go only to non-responders).
    delivery_error = models.CharField(max_length=300, blank=True)
    opted_out = models.BooleanField(default=False)
    # During fieldwork only; cleared at close. No time is ever stored with it.
    responded = models.BooleanField(null=True, default=False)
    # The member's fine background bands at opening (age band, gender, region,
    # branch, membership-length band). They travel sealed inside the envelope;
    # at close they are coarsened panel-wide (docs/anonymity.md).
    background = models.JSONField(default=dict)
    # Which address the invitation's mail is for, fixed at opening (a digest,
    # not the address): mail for this invitation goes only while the roster
    # still holds that address. A roster change during fieldwork must not send
    # the member's link, or a reminder (which only members who have not
    # answered get), to someone else's mailbox. Empty for letters.
    address_digest = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["panel", "member"], name="one_invitation_per_member")
        ]

    @staticmethod
    def digest_address(ref: str, email: str) -> str:
        normal = email.strip().lower()
        return hashlib.sha256(f"{ref}\n{normal}".encode()).hexdigest()

    def is_for_address(self, email: str) -> bool:
        """Whether ``email`` is the address this invitation was opened for."""
        return bool(self.address_digest) and self.address_digest == self.digest_address(
            self.ref, email
        )

    def __str__(self) -> str:
        return f"{self.panel} → {self.member_id}"


class MessageKind(models.TextChoices):
    INVITATION = "invitation", _("uitnodiging")
    REMINDER = "reminder", _("herinnering")
    CANCELLATION = "cancellation", _("annulering")
    RESULTS = "results", _("uitslag")
    ANSWER = "answer", _("reactie van het bestuur")
    UPDATE = "update", _("stand van zaken")


# Kinds whose content another layer composes (an Announcement): the results,
# the board's answer and its later updates, after the close.
ANNOUNCED_KINDS = frozenset({MessageKind.RESULTS, MessageKind.ANSWER, MessageKind.UPDATE})


class OutboxState(models.TextChoices):
    QUEUED = "queued", _("wacht")
    SENDING = "sending", _("wordt verstuurd")
    SENT = "sent", _("verstuurd")
    FAILED = "failed", _("mislukt")


class OutboxMessage(models.Model):
    """One e-mail to send to one invited member: at least once, never lost.

    The body is not stored: the worker renders it when it sends, deriving the
    link token from the panel's key, so the database never holds a token.
    ``message_id`` is fixed when the row is made, so a message sent again
    after a crash carries the same ``Message-ID``.
    """

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="outbox")
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    number = models.PositiveSmallIntegerField(default=0)  # the reminder's number
    message_id = models.CharField(max_length=200, unique=True)
    state = models.CharField(max_length=10, choices=OutboxState.choices, default=OutboxState.QUEUED)
    not_before = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "kind", "number"], name="one_message_per_kind_and_number"
            )
        ]
        indexes = [models.Index(fields=["panel", "state"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.number} for {self.invitation_id}"


class LetterState(models.TextChoices):
    QUEUED = "queued", _("wacht")
    RENDERING = "rendering", _("wordt gemaakt")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt")


class LetterBatch(models.Model):
    """One print-ready PDF of up to a few hundred letters.

    The file holds letter codes, so it lives under ``var/letters`` only until
    the panel closes; it is deleted then (docs/anonymity.md).
    """

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="letter_batches")
    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    number = models.PositiveSmallIntegerField(default=0)  # the reminder's number
    sequence = models.PositiveIntegerField()  # the batch's place in the run
    invitation_ids = models.JSONField(default=list)
    state = models.CharField(max_length=10, choices=LetterState.choices, default=LetterState.QUEUED)
    path = models.CharField(max_length=500, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "kind", "number", "sequence"], name="one_letter_batch_per_place"
            )
        ]
        ordering = ["kind", "number", "sequence"]

    def __str__(self) -> str:
        return f"letters {self.kind} {self.number}.{self.sequence} for {self.panel_id}"


class Announcement(models.Model):
    """What a mail and a letter after the close say to every invited member.

    The results and the board's answer are composed by the layers that own
    them (``results``, ``followup``) and delivered here, through the outbox
    and the letter runs, like invitations. The texts are the same for every
    member: they hold no member data, and the greeting, the member's own link
    or code and the opt-out are added per member when the mail or letter is
    made. ``body_text`` and ``body_html`` are the mail's middle part;
    ``letter_html`` the letter's (HTML the composer escaped).
    """

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="announcements")
    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    number = models.PositiveSmallIntegerField(default=0)
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField()
    letter_html = models.TextField()
    link_label = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "kind", "number"], name="one_announcement_per_kind_and_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.number} of {self.panel_id}"
