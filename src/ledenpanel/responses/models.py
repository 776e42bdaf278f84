"""Answers. A ``Response`` has answers and coded bands only (docs/anonymity.md).

No foreign key to a member or invitation, no token, IP, user agent,
timestamp or date; primary keys are random. Drafts, envelopes and receipts
exist only during fieldwork and are deleted at close.
"""

from __future__ import annotations

import uuid

from django.db import models

from ledenpanel.panels.models import Panel


class Draft(models.Model):
    """Saved pages of an unfinished answer, encrypted under the member's token."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="+")
    lookup = models.CharField(max_length=64, unique=True)
    ciphertext = models.BinaryField()

    def __str__(self) -> str:
        return "draft"


class Envelope(models.Model):
    """A submitted answer sealed with the panel's public key, opened at close."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="+")
    ciphertext = models.BinaryField()
    # Answered through the public link by a non-member (counted apart).
    is_open = models.BooleanField(default=False)

    def __str__(self) -> str:
        return "envelope"


class Receipt(models.Model):
    """One per submitted invitation (a keyed hash): a double submit finds it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="+")
    value = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return "receipt"


class Response(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="responses")
    answers = models.JSONField()
    # The panel-wide coding of background bands chosen at close (≥ k per combination).
    bands = models.JSONField(default=dict)
    # Non-members answering through the open link are analysed separately.
    is_open = models.BooleanField(default=False)
    # The optional last question about the panel itself (clear, length, again).
    evaluation = models.JSONField(default=dict)

    def __str__(self) -> str:
        return "response"
